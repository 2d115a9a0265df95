"""Extraction across worker processes that die with their parent.

Why our own pool rather than spaCy's ``n_process``: spaCy's workers only parse,
leaving every extractor on the parent's one core, and they outlive a parent
killed with ``kill -9`` (they block on a queue nobody feeds). Here each worker
parses and extracts whole documents, the parent only writes to the store, and
every worker asks the kernel to kill it when its parent dies
(``prctl(PR_SET_PDEATHSIG)`` on Linux; a watchdog thread elsewhere).
A batch that fails is retried one document at a time, so one bad document
becomes one failure with its reason and the others are kept.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from detente.evidence.actors import ActorLexicon
from detente.evidence.extract import ExtractionFailure, PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.records import Extraction

Issues = IssueVocabulary | tuple[str, ...]  # the scenario's issue words (or bare ids)

PR_SET_PDEATHSIG = 1
BATCH_WORDS = 4_000  # small enough to balance two workers, large enough for spaCy batching
WATCHDOG_SECONDS = 1.0

Result = tuple[str, Extraction | ExtractionFailure]  # (document key, what came out)


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` ends, however it ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:  # pragma: no cover - exercised on macOS / Windows only

        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(WATCHDOG_SECONDS)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


_WORKER: dict[str, object] = {}


def _init_worker(parent_pid: int, lexicon: ActorLexicon, issues: Issues) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER["lexicon"], _WORKER["issues"] = lexicon, issues


def _worker_batch(batch: list[PreparedDocument]) -> list[Result]:
    return extract_safely(batch, _WORKER["lexicon"], _WORKER["issues"])  # type: ignore[arg-type]


def extract_safely(
    documents: Sequence[PreparedDocument],
    lexicon: ActorLexicon,
    issues: Issues,
) -> list[Result]:
    """Extract a batch; if the batch raises, retry each document alone."""
    try:
        return [(d.key, x) for d, x in extract_documents(documents, lexicon, issues)]
    except Exception as exc:  # a parse error in one document must not lose the batch
        if len(documents) == 1:
            reason = f"extraction failed ({type(exc).__name__}: {str(exc)[:200]})"
            return [(documents[0].key, ExtractionFailure(reason))]
        return [r for d in documents for r in extract_safely([d], lexicon, issues)]


def batches(documents: Iterable[PreparedDocument]) -> Iterator[list[PreparedDocument]]:
    batch: list[PreparedDocument] = []
    words = 0
    for document in documents:
        batch.append(document)
        words += document.text.count(" ") + 1
        if words >= BATCH_WORDS:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


def extract_all(
    documents: Iterable[PreparedDocument],
    lexicon: ActorLexicon,
    issues: Issues,
    *,
    n_process: int = 1,
) -> Iterator[Result]:
    """(key, extraction or failure) for every document, in input order, streamed: a
    batch is extracted as soon as ``documents`` has yielded it. The workers start when a
    second batch comes, so a single batch, or none, costs no worker start-up."""
    pending = batches(documents)
    first = next(pending, None)
    second = next(pending, None) if first is not None and n_process > 1 else None
    if second is None:
        for batch in itertools.chain([first] if first else [], pending):
            yield from extract_safely(batch, lexicon, issues)
        return
    yield from _in_pool(itertools.chain([first, second], pending), lexicon, issues, n_process)


def _in_pool(
    pending: Iterator[list[PreparedDocument]],
    lexicon: ActorLexicon,
    issues: Issues,
    n_process: int,
) -> Iterator[Result]:
    from detente.evidence.people import person_aliases
    from detente.evidence.pipeline import load_pipeline

    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")
    if fork:  # load once here; forked workers share the loaded model copy-on-write
        load_pipeline(lexicon)
        person_aliases(lexicon)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    pool = ProcessPoolExecutor(
        n_process,
        mp_context=context,
        initializer=_init_worker,
        initargs=(os.getpid(), lexicon, issues),
    )
    window: deque[tuple[list[PreparedDocument], Future]] = deque()
    try:
        # reading the next batch (``pending``) happens here, while the workers parse
        for batch in pending:
            window.append((batch, pool.submit(_worker_batch, batch)))
            if len(window) >= 2 * n_process:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(batch: list[PreparedDocument], future: Future) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool:
        reason = "extraction worker died (out of memory?); re-ingest with --processes 1"
        return [(d.key, ExtractionFailure(reason)) for d in batch]
