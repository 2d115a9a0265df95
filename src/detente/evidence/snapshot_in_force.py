"""The agreement in force in the next snapshot: written, replaced or removed by `update`.

Why in `update`: a snapshot taken after a ceasefire was signed must start every run under
it (``war.in_force``), and one taken after it broke down must not. The briefing cannot
read an agreement's terms from the news, so the analyst names them; the new snapshot is
validated against the scenario's tracks and packages before a byte is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from detente.scenario.errors import DetenteError

NONE = "none"  # --in-force none: the agreement in force broke down before as_of


@dataclass(frozen=True)
class InForceRequest:
    """What ``--in-force`` asks: a deal to write (track, package, signed, terms) or, with
    ``track`` None, the one in force removed."""

    track: str | None
    package: str | None = None
    signed: dt.date | None = None
    terms: tuple[tuple[str, float], ...] = ()


def in_force_request(
    option: str | None, signed: dt.date | None, terms: Sequence[str]
) -> InForceRequest | None:
    """``--in-force TRACK.PACKAGE|none``, ``--signed`` and ``--term ISSUE=VALUE`` as one
    request (None where nothing was asked); a malformed option is a one-line error."""
    if option is None:
        if signed is not None or terms:
            raise DetenteError(
                "--signed and --term describe an agreement in force, but --in-force is missing",
                hint="add --in-force TRACK.PACKAGE (the track and package it was signed on)",
            )
        return None
    if option.strip().lower() == NONE:
        if signed is not None or terms:
            raise DetenteError(
                "--in-force none removes the agreement in force; --signed and --term describe one",
                hint="drop --signed and --term, or name the new agreement's TRACK.PACKAGE",
            )
        return InForceRequest(track=None)
    track, dot, package = option.strip().partition(".")
    if not dot or not track or not package:
        raise DetenteError(
            f"--in-force {option!r} is not TRACK.PACKAGE",
            hint="e.g. --in-force talks.ceasefire (or 'none' if it broke down)",
        )
    if signed is None:
        raise DetenteError(
            "--in-force needs the date the agreement was signed",
            hint="add --signed YYYY-MM-DD (on or before --as-of)",
        )
    if not terms:
        raise DetenteError(
            "--in-force needs the agreed terms",
            hint="add --term ISSUE=VALUE (0-100) for each issue the package settles",
        )
    return InForceRequest(track, package, signed, tuple(_term(t) for t in terms))


def _term(text: str) -> tuple[str, float]:
    issue, eq, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not eq or not issue.strip() or not (0.0 <= number <= 100.0):
        raise DetenteError(
            f"--term {text!r} is not ISSUE=VALUE with a value from 0 to 100",
            hint="e.g. --term territory=40 (the agreed point on the issue's 0-100 scale)",
        )
    return issue.strip(), number


def apply_in_force(tree: Any, request: InForceRequest) -> str:
    """Write ``request`` into the round-trip tree's ``war`` section; the line to list."""
    from detente.evidence.snapshot import flow_map, yaml_number

    war = tree.get("war")
    if war is None:
        raise DetenteError(
            "--in-force: the scenario declares no war, so no agreement can be in force",
            hint="declare 'war:' (sides, front_issue, gainer) first, or drop --in-force",
        )
    if request.track is None:
        if "in_force" not in war:
            raise DetenteError(
                "--in-force none: the scenario has no agreement in force to remove",
                hint="drop --in-force",
            )
        del war["in_force"]
        return "war.in_force removed: the agreement broke down before as_of"
    terms = flow_map({issue: yaml_number(value) for issue, value in request.terms})
    war["in_force"] = flow_map(
        {
            "track": request.track,
            "package": request.package,
            "signed": request.signed,
            "terms": terms,
            "assumption": f"recorded by 'detente update' as of {tree['as_of']}: "
            "cite the agreement's text (evidence: [ids])",
        }
    )
    return (
        f"war.in_force: {request.package} on {request.track}, signed {request.signed}; "
        "cite the agreement's text in place of the assumption"
    )
