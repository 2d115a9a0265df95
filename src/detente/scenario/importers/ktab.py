"""KTAB SMP input files: the CSV of ``smpc`` and its XML scenario format; CSV export.

CSV: line 1 ``name, description, nActors, nDims``; line 2 header ``Actor,
Description, Power, (Position, Salience) x dims``; one row per actor; positions
0-100, an actor's saliences sum to at most 100.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from detente.scenario.errors import Location
from detente.scenario.importers.common import ImportedTable, ImportFormatError, Leniency, number

if TYPE_CHECKING:
    from detente.scenario.schema import Scenario

CSV_HINT = "KTAB rows read: name, description, power, then position, salience per dimension"


def _cells(line: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), skipinitialspace=True))


def read_ktab_csv(path: str | Path, *, lenient: bool = False) -> ImportedTable:
    file = str(path)
    leniency = Leniency(lenient)
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    if len(lines) < 3:
        raise ImportFormatError(
            "a KTAB CSV needs a title line, a header line and actor rows",
            location=Location(file),
            hint=CSV_HINT,
        )
    head = [c for c in _cells(lines[0])]
    try:
        n_actors, n_dims = int(float(head[2])), int(float(head[3]))
    except (IndexError, ValueError):
        raise ImportFormatError(
            "line 1 must be 'name, description, nActors, nDims'",
            location=Location(file, 1),
            hint="put the actor and dimension counts in columns 3-4",
        ) from None
    header = [c.strip() for c in _cells(lines[1])]
    dims = [header[3 + 2 * k] if 3 + 2 * k < len(header) else f"dim{k + 1}" for k in range(n_dims)]
    table = ImportedTable(file=file, title=head[0].strip(), description=head[1].strip())
    table.issue_names = [
        d.removesuffix(" Position").strip() or f"dim{k + 1}" for k, d in enumerate(dims)
    ]
    rows = [(k + 3, line) for k, line in enumerate(lines[2:]) if line.strip()]
    if len(rows) != n_actors:
        raise ImportFormatError(
            f"line 1 announces {n_actors} actors but {len(rows)} rows follow",
            location=Location(file, 1),
            hint="make nActors match the number of actor rows",
        )
    for a, (line_no, line) in enumerate(rows):
        cells = [c for c in _cells(line)]
        while cells and not cells[-1].strip():
            cells.pop()
        if len(cells) < 3 + 2 * n_dims:
            raise ImportFormatError(
                f"actor row has {len(cells)} cells, expected {3 + 2 * n_dims}",
                location=Location(file, line_no),
                hint=CSV_HINT,
            )
        name = cells[0].strip() or f"actor{a + 1}"
        table.actor_names.append(name)
        if cells[1].strip():
            table.labels[a] = cells[1].strip()
        cap = number(cells[2], file, line_no, f"power of {name!r}", "give a number >= 0")
        table.capabilities.append(cap)
        sal_sum = 0.0
        for k in range(n_dims):
            try:
                pos, sal = _csv_cell(file, line_no, name, k, cells)
            except ImportFormatError as exc:
                leniency.skip(exc, f"{name!r} on {table.issue_names[k]!r}")
                continue
            sal_sum += sal
            table.entries[(a, k)] = (pos, sal)
        if sal_sum > 100.0 + 1e-6:
            raise ImportFormatError(
                f"{name!r} saliences sum to {sal_sum:g} > 100",
                location=Location(file, line_no),
                hint="KTAB needs an actor's saliences to sum to at most 100",
            )
    table.skipped = leniency.skipped
    return table


def _csv_cell(file: str, line_no: int, name: str, k: int, cells: list[str]) -> tuple[float, float]:
    """Position and salience of one actor on dimension k of a KTAB CSV row."""
    pos = number(
        cells[3 + 2 * k], file, line_no, f"{name!r} position {k + 1}", "give a position on 0..100"
    )
    sal = number(
        cells[4 + 2 * k], file, line_no, f"{name!r} salience {k + 1}", "give a salience on 0..100"
    )
    if not 0 <= pos <= 100:
        raise ImportFormatError(
            f"{name!r} position {k + 1} is {pos}, outside 0..100",
            location=Location(file, line_no),
            hint="rescale positions to 0..100",
        )
    if sal < 0:
        raise ImportFormatError(
            f"{name!r} salience {k + 1} is negative",
            location=Location(file, line_no),
            hint="give saliences >= 0",
        )
    return pos, sal


def read_ktab_arrays(path: str | Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A KTAB CSV as solver arrays: positions x and saliences s (actors, dims) and power c
    (actors), exactly as written (no rescaling), for checks against KTAB's own runs."""
    table = read_ktab_csv(path)
    actors, dims = range(len(table.actor_names)), range(len(table.issue_names))
    x = np.array([[table.entries[(a, k)][0] for k in dims] for a in actors])
    s = np.array([[table.entries[(a, k)][1] for k in dims] for a in actors])
    return x, s, np.array(table.capabilities)


def _xml_line(text: str, needle: str) -> int | None:
    for k, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return k
    return None


def read_ktab_xml(path: str | Path, *, lenient: bool = False) -> ImportedTable:
    file = str(path)
    leniency = Leniency(lenient)
    text = Path(path).read_text(encoding="utf-8-sig")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ImportFormatError(
            f"not well-formed XML: {exc}",
            location=Location(file, exc.position[0]),
            hint="fix the XML syntax (see smpSchema.xsd)",
        ) from None
    table = ImportedTable(
        file=file,
        title=(root.findtext("name") or "").strip(),
        description=(root.findtext("desc") or "").strip(),
    )
    table.issue_names = [
        (d.text or "").strip() or f"dim{k + 1}" for k, d in enumerate(root.iter("dName"))
    ]
    n_dims = len(table.issue_names)
    for a, actor in enumerate(root.iter("Actor")):
        name = (actor.findtext("name") or f"actor{a + 1}").strip()
        line = _xml_line(text, f"<name>{name}</name>")
        table.actor_names.append(name)
        table.capabilities.append(
            number(
                actor.findtext("capability") or "",
                file,
                line or 0,
                f"capability of {name!r}",
                "give a number >= 0",
            )
        )
        coords = [c.text or "" for c in actor.iter("dCoord")]
        sals = [c.text or "" for c in actor.iter("dSal")]
        if len(coords) != n_dims or len(sals) != n_dims:
            raise ImportFormatError(
                f"actor {name!r} has {len(coords)} coordinates and {len(sals)} saliences "
                f"for {n_dims} dimensions",
                location=Location(file, line),
                hint="give one dCoord and dSal per dName",
            )
        for k in range(n_dims):
            try:
                pos, sal = _xml_cell(file, line, name, k, coords[k], sals[k])
            except ImportFormatError as exc:
                leniency.skip(exc, f"{name!r} on {table.issue_names[k]!r}")
                continue
            table.entries[(a, k)] = (pos, sal)
    table.skipped = leniency.skipped
    return table


def _xml_cell(
    file: str, line: int | None, name: str, k: int, coord: str, salience: str
) -> tuple[float, float]:
    """Position and salience of one actor on dimension k of a KTAB XML scenario."""
    where = f"actor {name!r} dCoord {k + 1}"
    pos = number(coord, file, line or 0, where, "fill in the position (0..100) in <dCoord>")
    sal = number(
        salience,
        file,
        line or 0,
        f"actor {name!r} dSal {k + 1}",
        "fill in the salience (0..100) in <dSal>",
    )
    if not 0 <= pos <= 100:
        raise ImportFormatError(
            f"{where} is {pos}, outside 0..100",
            location=Location(file, line),
            hint="rescale positions to 0..100",
        )
    return pos, sal


def ktab_xml_settings(path: str | Path) -> dict[str, str]:
    """The <ModelParameters> of a KTAB XML scenario as SMP option strings."""
    root = ET.fromstring(Path(path).read_text(encoding="utf-8-sig"))
    params = root.find("ModelParameters")
    if params is None:
        return {}
    mapping = {
        ("VotingRule", "Prop"): ("voting_rule", "proportional"),
        ("VotingRule", "Binary"): ("voting_rule", "binary"),
        ("VotingRule", "PropBin"): ("voting_rule", "proportional-binary"),
        ("VotingRule", "Cubic"): ("voting_rule", "cubic"),
        ("VotingRule", "PropCbc"): ("voting_rule", "proportional-cubic"),
        ("VotingRule", "ASymProsp"): ("voting_rule", "asymmetric-prospect"),
        ("PCEModel", "ConditionalPCM"): ("pce_model", "conditional"),
        ("PCEModel", "Conditional"): ("pce_model", "conditional"),
        ("PCEModel", "MarkovIncentive"): ("pce_model", "markov-incentive"),
        ("PCEModel", "MarkovUniform"): ("pce_model", "markov-uniform"),
        ("StateTransitions", "Stochastic"): ("state_transition", "stochastic"),
        ("StateTransitions", "Deterministic"): ("state_transition", "deterministic"),
        ("BigRRange", "Min"): ("risk_range", "min"),
        ("BigRRange", "Mid"): ("risk_range", "mid"),
        ("BigRRange", "Max"): ("risk_range", "max"),
        ("BigRAdjust", "FullRA"): ("risk_adjust", "full"),
        ("BigRAdjust", "TwoThirds"): ("risk_adjust", "two-thirds"),
        ("BigRAdjust", "Half"): ("risk_adjust", "half"),
        ("BigRAdjust", "OneThird"): ("risk_adjust", "one-third"),
        ("BigRAdjust", "NoRA"): ("risk_adjust", "none"),
        ("ThirdPartyCommit", "FullCommit"): ("third_party", "full"),
        ("ThirdPartyCommit", "SemiCommit"): ("third_party", "semi"),
        ("ThirdPartyCommit", "NoCommit"): ("third_party", "none"),
        ("InterVecBrgn", "S1P1"): ("interpolation", "S1P1"),
        ("InterVecBrgn", "S2P2"): ("interpolation", "S2P2"),
        ("InterVecBrgn", "S2PMax"): ("interpolation", "S2PMax"),
        ("BargnModel", "InitOnlyInterp"): ("bargain_model", "init-only"),
        ("BargnModel", "InitRcvrInterp"): ("bargain_model", "init-receiver"),
        ("BargnModel", "PWCompInterp"): ("bargain_model", "pw-compromise"),
        ("VictoryProbModel", "Linear"): ("victory_exponent", "1"),
        ("VictoryProbModel", "Square"): ("victory_exponent", "2"),
        ("VictoryProbModel", "Quartic"): ("victory_exponent", "4"),
        ("VictoryProbModel", "Octic"): ("victory_exponent", "8"),
    }
    out = {}
    for child in params:
        hit = mapping.get((child.tag, (child.text or "").strip()))
        if hit:
            out[hit[0]] = hit[1]
    return out


def scenario_to_ktab_csv(scenario: Scenario) -> str:
    """KTAB CSV text for a scenario (modes of uncertain numbers; missing positions at the
    status quo with salience 0; saliences rescaled so no actor's sum exceeds 100)."""
    from detente.scenario.arrays import ScenarioArrays  # scenario-internal helper

    arrays = ScenarioArrays.from_scenario(scenario)
    x, s, c = arrays.modes()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([scenario.id, scenario.title or scenario.id, len(x), x.shape[1]])
    header = ["Actor", "Description", "Power"]
    for issue in scenario.issues:
        header += [f"{issue.name} Position", f"{issue.name} Salience"]
    writer.writerow(header)
    for k, actor in enumerate(scenario.actors):
        total = s[k].sum()
        sal = s[k] * (100.0 / total) if total > 100 else s[k]
        row = [actor.id, actor.name, f"{c[k]:.3f}"]
        for j in range(x.shape[1]):
            row += [f"{x[k, j]:.2f}", f"{sal[j]:.2f}"]
        writer.writerow(row)
    return out.getvalue()
