"""Find boilerplate as spans (never cut out of the text, so offsets stay valid).

Crawler header lines, lone share-button lines, photo credits and captions, machine-written FAQ
tails and appended disclaimers say nothing about the negotiation; extraction skips them.
The result is a list of cut spans and the body range between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.evidence.lexicons import NEWS_AGENCIES as AGENCIES

HEADER_LINE = re.compile(r"\A[ \t]*(?:date|published|posted)\b[^\n]{0,60}\n", re.I)
SHARE_LINE = re.compile(
    r"^[ \t]*(?:share|share this|tweet|print|email|share on \w+)(?:[ \t]*\|[^\n]*)?[ \t]*$",
    re.I | re.M,
)
# a photo's credit on a line of its own: 'Mahmoud Issa/Anadolu via Getty Images',
# 'Photo: Jane Doe/AFP', 'REUTERS/Jane Doe' (its name would be taken for a speaker)
CREDIT_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?:photo(?:graph)?|image|picture|credit)s?(?: by)?[ \t]*:[^\n]{0,80}"
    r"|[^\n]{0,80}\bvia (?:Getty Images|Reuters|AP|AFP|Shutterstock)"
    r"|[^\n]{0,60}/[ \t]?" + AGENCIES + r"(?:[ \t]?/[^\n]{0,40})?"
    r"|" + AGENCIES + r"[ \t]?/[^\n]{1,60}"
    r")[ \t]*$",
    re.I | re.M,
)
# a photo's caption: the sentence before its agency's credit in brackets at the end of a
# line, '... speaks during a news conference, Thursday, Sept. 26, 2024, in New York (AP)',
# '... November 17, 2025. (AFP Photo)': it describes a picture, often an old one, so its
# verbs and dates are no event of the story. A bare '(AP)' or '(AFP)' also ends a lede
# ('..., the ministry said. (AFP)'), so it marks a caption only where the sentence is in
# the present tense wire captions use ('speaks', 'attends') or says who stands where
# ('Putin, left, ...'); '(AP Photo)' always does.
CAPTION_CREDIT = re.compile(
    r"\((?:" + AGENCIES + r"(?:[ \t]?(?P<photo>Photo))?(?:[ \t]?/[^)\n]{1,40})?"
    r"|(?P<named>(?:File[ \t])?(?:Photo(?:graph)?|Image|Picture)(?:[ \t]by)?[ \t:][^)\n]{1,60}))"
    r"\)[ \t]*$",  # '(File photo: Reuters/Jane Doe)' too
    re.I | re.M,
)
CAPTION_VERBS = re.compile(
    r"\b(?:speaks|attends|gestures|arrives|waves|listens|poses|looks on|walks|sits|stands"
    r"|shakes hands|greets|is seen|are seen|leaves|delivers|addresses)\b"
    r"|,[ \t](?:left|right|cent(?:er|re)|(?:second|third) from (?:left|right)),",  # who is where
    re.I,
)
# where the caption's sentence starts: after a full stop that ends a word of five letters
# or more (not 'Gen.', 'Sept.'), or a closing quote, then a capital
SENTENCE_START = re.compile(r"(?:[a-z]{5,}|[\"”’)])[.!?][\"”’]?[ \t]+(?=[A-Z\"“])")
MAX_CAPTION_CHARS = 400
FAQ_HEAD = re.compile(r"^[ \t]*(?:frequently asked questions|faqs?\b)[^\n]*$", re.I | re.M)
APPENDED_NOTE = re.compile(r"^[ \t]*[—–\-_*]{1,5}[ \t]*\n", re.M)
MAX_NOTE_CHARS = 800


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    reason: str


def find_cuts(text: str) -> list[Cut]:
    """Boilerplate spans in ``text`` (sorted, non-overlapping)."""
    cuts: list[Cut] = []
    header = HEADER_LINE.match(text)
    if header:
        cuts.append(Cut(0, header.end(), "crawler header"))
    for match in SHARE_LINE.finditer(text):
        if not header or match.start() >= header.end():
            cuts.append(Cut(match.start(), match.end(), "share button"))
    for match in CREDIT_LINE.finditer(text):
        if not header or match.start() >= header.end():
            cuts.append(Cut(match.start(), match.end(), "photo credit"))
    for start, end in _captions(text):
        if not header or start >= header.end():
            cuts.append(Cut(start, end, "photo caption"))
    faq = FAQ_HEAD.search(text)
    if faq and faq.start() > len(text) * 0.3:
        cuts.append(Cut(faq.start(), len(text), "appended FAQ"))
    for note in APPENDED_NOTE.finditer(text):
        rest = len(text) - note.start()
        if note.start() > len(text) * 0.5 and rest <= MAX_NOTE_CHARS:
            cuts.append(Cut(note.start(), len(text), "appended note"))
            break
    return _merge(cuts)


def _captions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each photo caption: the sentence before a bracketed credit at the end
    of a line, where the credit says it is a photo or the sentence reads like a caption."""
    found = []
    for credit in CAPTION_CREDIT.finditer(text):
        line_start = text.rfind("\n", 0, credit.start()) + 1
        before = text[max(line_start, credit.start() - MAX_CAPTION_CHARS) : credit.start()]
        starts = [m.end() for m in SENTENCE_START.finditer(before.rstrip())]
        sentence = before[starts[-1] if starts else 0 :]
        photo = credit.group("photo") or credit.group("named")
        if sentence.strip() and (photo or CAPTION_VERBS.search(sentence)):
            found.append((credit.start() - len(sentence), credit.end()))
    return found


def _merge(cuts: list[Cut]) -> list[Cut]:
    merged: list[Cut] = []
    for cut in sorted(cuts, key=lambda c: (c.start, -c.end)):
        if merged and cut.start <= merged[-1].end:
            last = merged[-1]
            if cut.end > last.end:
                merged[-1] = Cut(last.start, cut.end, last.reason)
            continue
        merged.append(cut)
    return merged


def kept_segments(text: str, cuts: list[Cut]) -> list[tuple[int, int]]:
    """The (start, end) ranges of ``text`` outside the cuts, without empty ones."""
    segments, position = [], 0
    for cut in cuts:
        if cut.start > position:
            segments.append((position, cut.start))
        position = max(position, cut.end)
    if position < len(text):
        segments.append((position, len(text)))
    return [(s, e) for s, e in segments if text[s:e].strip()]


def body_range(text: str, cuts: list[Cut]) -> tuple[int, int]:
    segments = kept_segments(text, cuts)
    return (segments[0][0], segments[-1][1]) if segments else (0, 0)
