"""Hypothesis strategies that mutate a real input file the way the issue-12 reviewer did.

Structural mutations (delete a key, swap a value's type, huge numbers, NaN, odd
unicode, deep nesting) are applied to the parsed data, which is then written back
as YAML; text mutations (alias bombs, merge keys, cut-off files, stray bytes) are
applied to the text itself. Used by the tests/test_fuzz_*.py suites.
"""

from __future__ import annotations

import math
import resource
import time
from typing import Any

import yaml
from hypothesis import strategies as st

ONE_GIB = 1 << 30
MAX_SECONDS = 10.0

HOSTILE_VALUES: list[Any] = [
    None,
    True,
    "",
    "x" * 10_000,
    10**30,
    -(10**30),
    -1,
    0,
    1e308,
    math.nan,
    math.inf,
    "nan",
    "-Infinity",
    "ü𝔘\u202e\u0000 \ufeff",
    "2026-02-30",
    [],
    {},
    [[[[[[[[1]]]]]]]],
    {"low": 5, "mode": 1, "high": 3},
    {"low": 1, "mode": 2},
    "not a number",
    1.5,
]

TEXT_SNIPPETS = [
    'bomb0: &b0 ["a","a","a","a","a","a","a","a","a"]\n'
    + "".join(f"bomb{k}: &b{k} [" + ",".join([f"*b{k - 1}"] * 9) + "]\n" for k in range(1, 9)),
    "loop: &loop [1, *loop]\n",
    "merged:\n  <<: {a: 1}\n",
    "deep: " + "[" * 300 + "]" * 300 + "\n",
    "x: !!python/object/apply:os.system ['true']\n",
    "y: *undefined_alias\n",
    "---\nsecond: document\n",
    "\t- tab: indented\n",
    "big: 1.0e+999\n",
    "digits: " + "7" * 5000 + "\n",
]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _containers(data: Any) -> list[Any]:
    """Every dict and list inside ``data`` (the places a mutation can touch)."""
    found, todo = [], [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict | list):
            found.append(node)
            todo.extend(node.values() if isinstance(node, dict) else node)
    return found


@st.composite
def mutated_data(draw: st.DrawFn, original: str) -> str:
    """The original YAML with one to three structural mutations, written back out."""
    data = yaml.safe_load(original)
    for _ in range(draw(st.integers(1, 3))):
        containers = _containers(data)
        target = containers[draw(st.integers(0, len(containers) - 1))]
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        if not keys:
            continue
        key = keys[draw(st.integers(0, len(keys) - 1))]
        action = draw(st.sampled_from(["delete", "replace", "replace", "nest", "rename"]))
        if action == "delete":
            del target[key]
        elif action == "replace":
            target[key] = draw(st.sampled_from(HOSTILE_VALUES))
        elif action == "nest":
            target[key] = [target[key]]
        elif isinstance(target, dict):
            target[draw(st.sampled_from(["évidence", "ID", "x" * 300, 12]))] = target.pop(key)
    text = dump(data)
    return text.replace("'nan'", ".nan", 1) if draw(st.booleans()) else text


@st.composite
def mutated_text(draw: st.DrawFn, original: str) -> str:
    """The original text cut, spliced with a hostile snippet, or with stray characters."""
    action = draw(st.sampled_from(["cut", "append", "insert", "characters"]))
    if action == "cut":
        return original[: draw(st.integers(0, len(original)))]
    if action == "append":
        return original + draw(st.sampled_from(TEXT_SNIPPETS))
    lines = original.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines)))
    if action == "insert":
        return "".join(lines[:at]) + draw(st.sampled_from(TEXT_SNIPPETS)) + "".join(lines[at:])
    junk = draw(st.text(st.sampled_from(list(":-[]{}&*!|>'\"#%@`\t ,?\u00e9\u202e")), max_size=8))
    return "".join(lines[:at]) + junk + "".join(lines[at:])


def hostile_file(original: str) -> st.SearchStrategy[str]:
    return st.one_of(mutated_data(original), mutated_text(original))


def assert_answer_is_one_clear_line(line: str, file: str) -> None:
    """The project's promise for bad input: one line, the place, what is wrong, the fix."""
    assert "\n" not in line, line
    assert line.startswith(file), line
    assert "(fix: " in line, line
    assert len(line) < 2000, line[:300]


class Budget:
    """Wall time and memory of one example: under 10 s and 1 GiB.

    The memory is what the example adds to the process at its peak: on Linux the
    high-water mark is reset first (``/proc/self/clear_refs``) and the resident size at
    the start subtracted, since a test worker keeps what earlier tests in it left
    resident (1.1-1.2 GiB was seen before an empty file). Elsewhere: the lifetime peak.
    """

    def __enter__(self) -> Budget:
        self.started = time.perf_counter()
        self.base = _status_bytes("VmRSS:") if _reset_peak_memory() else None
        return self

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.started
        peak = _status_bytes("VmHWM:")
        if self.base is None or peak is None:
            used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        else:
            used = peak - self.base
        assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s"
        assert used < ONE_GIB, f"peak {used / 2**20:.0f} MiB"


def _reset_peak_memory() -> bool:
    """Reset the process's peak resident memory (Linux: write 5 to clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def _status_bytes(field: str) -> int | None:
    """A memory line of /proc/self/status (VmRSS:, VmHWM:) in bytes, None if unreadable."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
    return None
