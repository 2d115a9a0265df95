"""Evidence from documents: ingest, extraction with spans, rewrites, as-of, briefings.

Everything here points into a document by character offsets of
``detente.scenario.text.normalise_text`` of the whole document, so that the
pointers it proposes for scenarios stay valid. Heavy libraries (spaCy, DuckDB,
scipy, trafilatura, dateparser) are imported lazily inside functions.
"""

EXTRACTOR_VERSION = "evidence-0.3.0"  # 0.3: general rules from the held-out rounds (issue 13)
