"""Evidence throughput end to end: words per second through ingest (read, date, cut
boilerplate, spaCy, all extractors, DuckDB writes, rewrite clustering).

The corpus is the seeds repeated (each copy made unique by a trailing line so that
no copy is deduplicated away), written to a temporary folder, never to the repo.
Two figures: in-process (pipeline loaded first, then ingest timed) and whole process
(`detente ingest` as a user runs it: start-up, imports, model load, workers, store).
The default 25 copies make about 103,000 words.
Run: python benchmarks/bench_evidence.py [copies] [processes]
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from detente.evidence.actors import ActorLexicon
from detente.evidence.ingest import ingest_paths
from detente.evidence.people import person_aliases
from detente.evidence.pipeline import load_pipeline
from detente.evidence.store import EvidenceStore
from detente.scenario import load_scenario

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def build_corpus(folder: Path, copies: int) -> int:
    words = 0
    for n in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\nCopy {n}.\n"
            (folder / f"{seed.stem}_{n:03d}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
    shutil.copy(SEEDS / "INDEX.csv", folder / "INDEX.csv")
    return words


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    scenario = load_scenario("ukraine-2025-12")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = build_corpus(folder, copies)
        index = folder / "INDEX.csv"
        # the index names the original files only: the copies are dated by the flag
        started = time.perf_counter()
        lexicon = ActorLexicon.from_scenario(scenario)
        load_pipeline(lexicon)
        person_aliases(lexicon)

        loaded = time.perf_counter()
        cpu_started = time.process_time()
        children_started = _children_cpu()
        with EvidenceStore(Path(tmp) / "bench.duckdb") as store:
            report = ingest_paths(
                store,
                [folder],
                scenario,
                index_file=index,
                published=dt.date(2025, 12, 4),
                n_process=processes,
            )
        finished = time.perf_counter()
        cpu = time.process_time() - cpu_started + _children_cpu() - children_started
        whole, whole_cpu = _whole_process(folder, Path(tmp) / "whole.duckdb", processes)
    assert len(report.added) == copies * 5, report.skipped[:3]
    warm = finished - loaded
    print(f"corpus: {copies * 5} documents, {words} words; {processes} process(es)")
    print(f"pipeline load: {loaded - started:.1f} s")
    print(
        f"CPU time (this process and its workers): {cpu:.1f} s -> {words / cpu:,.0f} words per "
        f"CPU-second; on {processes} idle core(s) about {processes * words / cpu:,.0f} words/s"
    )
    print(
        f"ingest end to end: {warm:.1f} s -> {words / warm:,.0f} words/s "
        f"(with load: {words / (finished - started):,.0f} words/s)"
    )
    print(
        f"whole process (detente ingest, {processes} process(es)): {whole:.1f} s -> "
        f"{words / whole:,.0f} words/s; target >= 5,000 (load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"whole process CPU: {whole_cpu:.1f} s -> {words / whole_cpu:,.0f} words per CPU-second")


def _whole_process(folder: Path, store: Path, processes: int) -> tuple[float, float]:
    """Wall time and CPU time (the process and its workers) of ``detente ingest``."""
    command = [sys.executable, "-c", "from detente.cli.main import app; app()", "ingest"]
    command += [str(folder), "--store", str(store), "--published", "2025-12-04"]
    command += ["--processes", str(processes)]
    cpu_started = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu_started


if __name__ == "__main__":
    main()
