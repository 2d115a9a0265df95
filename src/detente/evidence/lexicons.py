"""Word lists the extractors use: speech verbs, PLOVER event triggers, issue keywords.

Kept as data in one place so that an analyst can read and extend them. Forms
are lower-case and inflected (the pipeline runs without a lemmatizer).
"""

from __future__ import annotations

import re

SPEECH_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "add",
        "adds",
        "added",
        "warn",
        "warns",
        "warned",
        "warning",
        "state",
        "states",
        "stated",
        "stating",
        "tell",
        "tells",
        "told",
        "ask",
        "asks",
        "asked",
        "insist",
        "insists",
        "insisted",
        "declare",
        "declared",
        "note",
        "noted",
        "write",
        "wrote",
        # more verbs of saying ('suggested that the authorities "just don't want ..."'); not
        # 'responded' or 'countered', which are as often acts of war ('Pakistan responded')
        "suggest",
        "suggests",
        "suggested",
        "complain",
        "complains",
        "complained",
        "conceded",
        "concedes",
        "recalled",
        "predicted",
        "contended",
        "observed",
        "mentioned",
        "expressed",  # 'expressed his gratitude to Trump "for his leadership ..."'
        "confirmed",  # '... "force majeure," the Angolan Foreign Ministry confirmed Tuesday'
        "confirms",
        "cautioned",  # 'cautioned his colleagues that "there's no free money"'
        "cautions",
        "argue",
        "argued",
        "claim",
        "claimed",
        "accuse",
        "accused",
        "accusing",
        "vow",
        "vowed",
        "vowing",
        "explain",
        "explained",
        "reply",
        "replied",
        "call",
        "calls",
        "called",
        "remark",
        "remarked",
        "stress",
        "stressed",
        "urge",
        "urged",
        "announce",
        "announced",
        "tweet",
        "tweeted",
        "posted",
        "assures",
        "assured",
        "proposed",
        "proposes",
        "hailed",
        "described",
        "describes",
        "describing",
        # 'the statement reads: "..."' (a text's words); 'reminded the parties "of ..."'
        "reads",
        "read",
        "remind",
        "reminds",
        "reminded",
        # verbs that report what was said as much as 'said' does ('The joint statement
        # emphasized that Kyiv had "..."'; 'Moscow restated its rejection of "..."')
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasizing",
        "emphasising",
        "stressing",
        "noting",
        "adding",
        "insisting",
        "restate",
        "restated",
        "reiterate",
        "reiterates",
        "reiterated",
        "reiterating",
        "indicated",
        "acknowledged",
        "affirmed",
        "reaffirmed",
        "underlined",
        "underscored",
        "commented",
        "admitted",
        "assert",
        "asserts",
        "asserted",
        "asserting",
        # praise in the speaker's own words ('lauded the leaders for "choosing peace"')
        "lauded",
        "praised",
        "commended",
    ]
)
PRONOUNS = frozenset(["he", "she", "him", "her", "they", "them", "it", "his"])
QUOTE_MIN_WORDS = 5  # quotes of four words or fewer are phrases (DESIGN section 8)

# PLOVER event categories and their trigger forms (verbs and event nouns).
PLOVER_TRIGGERS: dict[str, tuple[str, ...]] = {
    "CONSULT": (
        "talks",
        "talk",
        "meeting",
        "meetings",
        "meet",
        "met",
        "meets",
        "spoke",
        "speak",
        "speaks",
        "conversation",
        "visit",
        "visited",
        "summit",
        "negotiation",
        "negotiations",
        "negotiated",
        "discussion",
        "discussions",
        "call",
        "contacted",
        "phone",
        "discuss",
        "talked",
        "discussed",
        "consultations",
        "visits",
        "visiting",
        "phoned",
        "hosted",
        "host",  # 'Trump will host Zelenskyy at the White House on Friday'
        "hosts",
        "hosting",
        "negotiating",
        "calls",
        "called",
        "encounter",
        "encounters",
    ),
    "AGREE": (
        "agreed",
        "agrees",
        "agreement",
        "signed",
        "signing",
        "accord",
        "accepted",
        "agree",
        "sign",
        "signs",
        "accepts",
        "accept",
        "agreeing",
        "initialed",
        "initialled",
        # a council's or a mediator's act ('Today, we approved a decision', 'a deal brokered
        # earlier this month')
        "approved",
        "brokered",
        "finalized",  # 'a treaty finalized by the two sides in March'
        "finalised",
    ),
    "REJECT": (
        "reject",
        "rejects",
        "rejected",
        "refused",
        "refuses",
        "deadlock",
        "stalemate",
        "impasse",
        "failure",
        "failed",
        "vetoed",
        "blocked",
        "suspension",
        "suspended",
        "rejecting",
        "refuse",
        "refusing",
    ),
    "REQUEST": (
        "invited",  # 'invited Zelensky for peace talks in Moscow': a meeting asked for
        "invites",
        "demand",
        "demands",
        "demanded",
        "urged",
        "requested",
        "insisted",
        "calling",
        "demanding",
        "urges",
        "urge",
        "urging",
        "requests",
        "advocated",
        "advocates",
    ),
    "ACCUSE": (
        "slammed",  # 'Lavrov slammed the White House meeting as a clumsy attempt'
        "slams",
        "criticized",
        "criticised",
        "accused",
        "condemned",
        "rebuke",
        "rebuked",
        "blamed",
        "accuses",
        "accusing",
        "criticizes",
        "criticises",
        "condemns",
        "blames",
    ),
    "THREATEN": ("threatened", "threatens", "warned", "ultimatum", "threaten", "threatening"),
    "SANCTION": ("sanctioned", "sanctioning", "sanctions", "embargo", "expelled"),
    "AID": ("aid", "supplied", "delivered", "funding"),
    "ASSAULT": (
        "coup",  # 'a political transition halted by a 2021 coup'
        "skirmish",
        "skirmishes",
        "bombs",
        "bombed",
        "attack",
        "attacked",
        "strikes",
        "shelled",
        "offensive",
        "clashed",
        "launched",
        "attacks",
        "strike",
        "struck",
        "shelling",
        "invaded",
        "invasion",
        "raid",
        "raids",
        "clashes",
        "airstrike",
        "airstrikes",
        # taking ground and hitting back are fighting too ('recaptured by Baku in 2023',
        # 'held fire on Monday but retaliated overnight')
        "captured",
        "recaptured",
        "seized",
        "retaliated",
        "exploded",  # 'a landmine exploded early on Monday during a patrol'
        "fighting",  # 'renewed fighting between the neighbours this month has killed'
        "fought",
    ),
    "MOBILIZE": ("mobilize", "mobilized", "mobilise", "mobilised"),
    "CONCEDE": ("conceded", "concession", "concessions", "adjusted", "tweak"),
    "COOPERATE": ("cooperate", "cooperated", "coordination"),
    "SUPPORT": ("endorsed", "backed", "praised"),
    "RETREAT": ("withdrew", "withdrawal", "retreated"),
    "PROTEST": ("protest", "protests", "protested"),
    "COERCE": ("coerced", "pressured"),
}
TRIGGER_TYPE = {form: kind for kind, forms in PLOVER_TRIGGERS.items() for form in forms}
# 'call' is a phone call, but 'called on X to' and 'calls for X' ask for something
CALL_FORMS = frozenset(["call", "calls", "called", "calling"])
# what an announcement may announce for it to be an agreement ('a ceasefire was announced')
AGREEMENT_NOUNS = frozenset(["ceasefire", "truce", "deal", "agreement", "accord", "armistice"])

# Issue keywords per concept: (pattern, sign). The sign says where supporting the named
# thing moves an actor on the issue's 0-100 scale under the usual orientation (100 = the
# anchor that ISSUE_HIGH_POLE names); 0 means the phrase alone gives no direction. A
# concept's list joins every scenario issue whose id or aliases name it (CONCEPT_WORDS),
# whatever the negotiation: phrasings the issue's own words would not find.
ISSUE_KEYWORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "territory": (
        (
            r"occupied territor\w*|territorial (?:gains|concessions?|expense|cost)|"
            r"battlefield gains|ceasefire line|current front|cede\w* (?:land|territory)",
            1,
        ),
        # giving up a named place: 'must leave Donbas', 'cede the rest of Zaporizhzhia',
        # 'withdraw from the areas it holds'; 'land swaps'
        (
            r"(?:withdraw\w* (?:its |their )?(?:troops |forces )?from|pull\w* out of|leav\w+|"
            r"ced\w+|hand\w* over|giv\w+ up|surrender\w*) (?:the )?(?:rest of |all of |"
            r"(?:the )?entire |(?:all )?parts? of )?(?:(?-i:[A-Z])\w+['’]s )?"
            r"(?:(?-i:[A-Z])\w+|areas?|regions?|lands?)\b|"
            r"(?:land|territorial) swaps?|(?:eastern|annexed|remaining) regions?|"
            # 'not to give eastern Ukrainian land to Russia': land given to someone
            r"(?:giv\w+|hand\w*|ced\w+) (?:away |over )?(?:\w+ ){0,2}(?:land|territor\w*) to\b",
            1,
        ),
        (
            r"territorial integrity|national territory|loss of land|"
            r"sovereignty over its territory",
            -1,
        ),
    ),
    "security_guarantees": (
        (
            r"security guarantees?|guarantees?|article (?:5|v)\b|defen[cs]e commitments?|"
            r"security commitments?|long-term protection|"
            r"security (?:framework|protocols?|arrangements?|assurances?)|reassurance|backstop",
            1,
        ),
    ),
    "force_caps": (
        (
            r"force caps?|force limits|troop numbers|missile ranges|restrictions on ukraine|"
            r"limiting ukraine.s military|demilitari[sz]ed",
            1,
        ),
    ),
    "nato_membership": (
        (
            r"nato membership|nato.s expansion|nato enlargement|join(?:ing)? nato|"
            r"expansion to ukraine",
            1,
        ),
    ),
    "sanctions_relief": (
        (
            r"sanctions relief|lifting of (?:all )?sanctions|gradual relief|"
            r"economic normali[sz]ation",
            1,
        ),
        (r"new sanctions|approving (?:new )?sanctions", -1),
    ),
    "frozen_assets": (
        (r"access to its frozen assets|returned to moscow", 1),
        (r"frozen (?:russian )?assets", 0),
    ),
    "european_force": (
        (
            r"troop deployments?|european force|reassurance force|boots on the ground",
            1,
        ),
    ),
    "us_military_aid": (
        (
            r"military aid|arms to ukraine|military support|american weapons|"
            r"provide arms|weapons",
            1,
        ),
    ),
    # 'agreed to halt all military activities', 'a stoppage of firing', 'stop the fighting'
    "ceasefire": (
        (
            r"cease-?fires?|truces?|armistice|cessation of (?:all )?hostilities|"
            r"(?:stop|halt|end|cease)(?:s|ped|ping|ed|ing)? (?:to )?(?:all )?(?:the )?"
            r"(?:firing|fighting|hostilities|military (?:action|activities|operations))|"
            r"stoppage of (?:all )?(?:firing|fighting|hostilities)|de-?escalat\w*|"
            # 'urged both sides to refrain from any further military action'
            r"refrain\w* from (?:any )?(?:further )?(?:military action|hostilities|"
            r"attacks|fighting|the use of force)|"
            r"(?:end|ending|stop|stopping|halt|halting) (?:to )?(?:the )?(?:war|clashes)\b",
            0,
        ),
    ),
    # 'demilitarization', 'lay down their arms', 'hand over weapons'
    "disarmament": (
        (
            r"disarm\w*|demilitari[sz]\w*|decommission\w*|"
            r"(?:lay(?:ing)? down|hand(?:ing)? over|give up|giving up|surrender(?:ing)?) "
            r"(?:their |its )?(?:arms|weapons)",
            0,
        ),
    ),
}
# The words that, in an issue's id or aliases, name a concept of ISSUE_KEYWORDS (all the
# words of one set must be there). Names are left out: 'Territory and the ceasefire line'
# is a territory issue, not a ceasefire one.
CONCEPT_WORDS: dict[str, tuple[frozenset[str], ...]] = {
    "territory": (frozenset(["territory"]), frozenset(["territorial"])),
    "security_guarantees": (frozenset(["guarantees"]), frozenset(["guarantee"])),
    "force_caps": (frozenset(["caps"]), frozenset(["cap"])),
    "nato_membership": (frozenset(["nato"]),),
    "sanctions_relief": (frozenset(["sanctions"]), frozenset(["sanction"])),
    "frozen_assets": (frozenset(["assets"]),),
    "european_force": (frozenset(["european", "force"]),),
    "us_military_aid": (frozenset(["aid"]),),
    "ceasefire": (frozenset(["ceasefire"]), frozenset(["truce"]), frozenset(["armistice"])),
    "disarmament": (
        frozenset(["disarmament"]),
        frozenset(["demilitarisation"]),
        frozenset(["demilitarization"]),
    ),
}
# Words that, found in a scale's 100 anchor, confirm the usual orientation (else 0 anchor).
ISSUE_HIGH_POLE: dict[str, tuple[str, ...]] = {
    "territory": ("russia", "moscow", "occupied", "recogni", "cede", "freeze"),
    "security_guarantees": ("article", "nato", "binding", "strong", "membership"),
    "force_caps": ("cap", "tight", "limit", "demilitar", "small"),
    "nato_membership": ("join", "member", "accession"),
    "sanctions_relief": ("lift", "relief", "all"),
    "frozen_assets": ("moscow", "russia", "return"),
    "european_force": ("deploy", "troops", "force", "large"),
    "us_military_aid": ("full", "more", "high", "increase"),
}

SUPPORT_CUES = frozenset(
    [
        "wants",
        "want",
        "favors",
        "favours",
        "favor",
        "favour",
        "prefers",
        "prefer",
        "supports",
        "support",
        "backs",
        "back",
        "seeks",
        "seek",
        "seeking",
        "pursues",
        "pursue",
        "pursuing",
        "securing",
        "secure",
        "secures",
        "committed",
        "welcomes",
        "needs",
        "need",
        "offering",
        "offered",
        "protecting",
        "protect",
        "preserve",
        "preserving",
        "prioritize",
        "prioritise",
        "accept",
        "accepts",
        "freezing",
        "freeze",
        "keep",
        "keeping",
        "retain",
        "retaining",
        "agreed",
        "agree",
        "agrees",
        "accepted",
        "accepting",
        "welcomed",
        "supported",
        "endorsed",
        "backed",
        "reaffirmed",
        "proposes",
        "proposed",
        "propose",
        "signed",
        "sign",
        "signs",
        "consensus",
        "offer",
        "offers",
        "offering",
        "ready",  # 'was ready for a ceasefire'; 'not ready for' is negated
        "brokered",  # 'a truce brokered by Washington', 'a Qatar-brokered deal'
        "mediated",
        "welcome",
        "endorse",
        "endorses",
        "backing",
        "supporting",
        "willing",  # 'was willing to go for a ceasefire'; like 'ready', only before for/to
        "commitment",  # 'reaffirmed its commitment to the truce'
        "pledged",
        "pledge",
        "pledges",
        "priority",  # 'the priority is security guarantees'
        "importance",  # 'stressed the importance of security guarantees'
        "achieve",  # 'efforts to achieve a truce': what one strives for ('achieved' is news)
        "achieving",
        # praise and promise: 'hailed the truce', 'vowed to uphold it', 'hopes for a deal'
        "hailed",
        "hails",
        "praised",
        "praises",
        "applauded",
        "embraced",
        "embraces",
        "commit",
        "commits",
        "vowed",
        "vows",
        "promised",
        "promises",
        "hopes",
        "hoped",
        "reiterated",
        "reiterates",
        "reaffirms",
        "approved",
        "approves",
        "approve",
        "ratified",
        "uphold",
        "upholding",
        "honour",
        "honor",
        "abide",
        "favoured",
        "favored",
        "prepared",  # like 'ready': only before 'to' or 'for'
        "open",  # 'open to a ceasefire': only before 'to'
        "openness",  # 'signalled openness to a truce': like 'open', only before 'to'
        "desire",  # 'voiced a desire for a truce': only before 'to' or 'for'
    ]
)
OPPOSE_CUES = frozenset(
    [
        "opposes",
        "oppose",
        "opposed",
        "opposing",
        "rejects",
        "reject",
        "rejected",
        "refuses",
        "refuse",
        "refused",
        "refusing",
        "against",
        "avoid",
        "avoiding",
        "avoids",
        "prevent",
        "preventing",
        "prevents",
        "condemn",
        "condemns",
        "condemning",
        "block",
        "blocks",
        "resist",
        "resists",
        "criticised",
        "criticized",
        "criticises",
        "criticizes",
        "suspension",
        "suspend",
        "suspended",
        "suspends",
        "halted",
        "halts",
        "dismissed",
        "dismisses",
        "rejection",
        "refusal",
        "objection",
        "objections",
        "denounced",
        "denounces",
        "slammed",
        "slams",
        "rebuffed",
        "rebuffs",
        "spurned",
        "unacceptable",
        "rejecting",
        "resisted",
    ]
)
DEMAND_CUES = frozenset(
    [
        "demands",
        "demand",
        "demanded",
        "insists",
        "insist",
        "insisted",
        "insisting",  # 'insisting on a full withdrawal'
        "pushing",
        "calls",
        "urges",
        "urged",
        "must",
        "calling",
        "called",
        "plead",
        "pleaded",
        "demanding",
        "advocated",  # 'advocated for a three-month truce'
        "advocates",
        "advocate",
        "advocating",
        "pressed",  # 'pressed Hamas to disarm', 'pressing for a truce'
        "presses",
        "pressing",
        "asked",  # 'asked Kyiv to accept'
        "asks",
        "request",  # 'Kyiv's request for a long-range missile system'
        "requested",
        "requests",
        "appealed",
        "appeals",
        "precondition",  # 'X is Azerbaijan's main precondition for signing'
        "preconditions",
    ]
)
# 'Ukraine needs guarantees from the US', 'the need for concessions': a demand; 'need to
# discuss' backs it
NEEDING_WORDS = frozenset(["need", "needs", "needed"])
# 'Baku wants Yerevan to remove ...': wanting another's act is a demand (wanting a thing
# or to act oneself is support)
WANTING_WORDS = frozenset(["want", "wants", "wanted", "wanting"])
# 'Baku expects Yerevan to amend ...': a demand only with an infinitive or clause after it
# ('the deal is expected to be signed' forecasts, it asks nothing)
EXPECTING_WORDS = frozenset(["expects", "expect", "expected", "expecting"])
# 'X requires Y', 'reconstruction hinges on disarmament': like 'must', a demand of whoever
# says so (the subject when it is an actor, else the reporting verb's or quote's speaker)
REQUIRING_WORDS = frozenset(["requires", "require", "required", "hinges", "hinge", "conditioned"])
# 'announced a humanitarian ceasefire', 'declared a truce': support when the object is one
ANNOUNCING_WORDS = frozenset(
    ["announced", "announces", "announce", "announcing", "declared", "declares", "declaring"]
)
# 'the truce was extended', 'agreed to extend the deal': keeping an agreement going backs it
EXTENDING_WORDS = frozenset(["extend", "extends", "extended", "extending"])
# 'accused the plan of undermining ...': opposes what is accused (never a party: 'accused
# each other of violating the truce' opposes no truce)
ACCUSING_WORDS = frozenset(["accuse", "accuses", "accused", "accusing"])
# 'warned that sending X would damage ...': opposes X when the warning names a harm
WARNING_WORDS = frozenset(["warn", "warns", "warned", "warning", "cautioned", "cautions"])
HARM_WORDS = frozenset(
    [
        "damage",
        "damaging",
        "harm",
        "harmful",
        "undermine",
        "undermines",
        "undermining",
        "jeopardize",
        "jeopardise",
        "jeopardizes",
        "jeopardises",
        "endanger",
        "endangers",
        "derail",
        "derails",
        "escalate",
        "escalation",
        "destabilize",
        "destabilise",
    ]
)
# 'made the signing conditional on X', 'contingent upon X': a conditional stance
CONDITIONAL_CUES = frozenset(["conditional", "contingent"])
# 'takes a negative view of X', 'a positive attitude towards X': the view is the holder's
# stance on X ('a negative effect' is no view of anyone's)
VIEW_POLARITY = {"negative": "oppose", "positive": "support"}
VIEW_NOUNS = frozenset(
    ["view", "views", "attitude", "attitudes", "stance", "position", "assessment", "reaction"]
)
# 'ruled out a ceasefire' opposes it; 'worked out an understanding' agrees (like 'reached')
RULING_WORDS = frozenset(["rule", "rules", "ruled", "ruling"])
WORKING_WORDS = frozenset(["work", "works", "worked", "working"])
CONDITION_WORDS = re.compile(
    r"\b(?:if|unless|until|provided|as long as|on condition|conditional)\b", re.I
)
HYPOTHETICAL_WORDS = frozenset(["would", "could", "might", "may"])
REPORTED_WORDS = re.compile(
    r"\b(?:reportedly|according to|sources? (?:say|said|suggest)|is said|are said|"
    r"said to|reports?)\b",
    re.I,
)
# how much a side cares, in its own words: a stance said as a red line or beyond
# bargaining ('non-negotiable', 'under no circumstances') marks a salient issue; how
# many outlets repeat a stance does not (copies of one wire story are no more salient)
EMPHATIC_WORDS = re.compile(
    r"\b(?:red lines?|non-negotiable|not negotiable|not up for negotiation|never|"
    r"under (?:no|any) circumstances?|at any (?:cost|price)|top priority|first priority|"
    r"no compromise|will not compromise|won't compromise|categorically|indispensable)\b",
    re.I,
)
# 'neither seen nor accepted': both verbs negated
NEGATIONS = frozenset(["not", "n't", "no", "never", "without", "neither", "nor"])

# Verbs that make a dated clause a statement (not an event), and verbs that report one.
STATEMENT_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "state",
        "states",
        "stated",
        "add",
        "adds",
        "added",
        "adding",
        "note",
        "notes",
        "noted",
        "write",
        "writes",
        "wrote",
        "explain",
        "explained",
        "remark",
        "remarked",
        "stress",
        "stressed",
        "insist",
        "insisted",
        "declare",
        "declared",
        "reply",
        "replied",
        "posted",
        "tweeted",
        # 'Peskov indicated today that there was no sense of urgency': when it was said
        "indicate",
        "indicates",
        "indicated",
        "assert",
        "asserted",
    ]
)
# wire services and photo agencies, as a credit names them ('REUTERS/Jane Doe', '(AP)'):
# no party to a negotiation, so never an actor candidate either
NEWS_AGENCIES = (
    r"(?:AFP|AP|Reuters|REUTERS|EPA|Anadolu|Bloomberg|Pool|Xinhua|TASS|Sputnik|UPI"
    r"|Associated Press|Agence France-Presse|Interfax)"
)
# the head noun of a news outlet that reports ("China's state broadcaster ... reported")
NEWS_OUTLETS = frozenset(
    [
        "agency",
        "broadcaster",
        "channel",
        "daily",
        "media",
        "network",
        "news",
        "newspaper",
        "outlet",
        "radio",
        "television",
        "tv",
        "website",
    ]
)
REPORTING_VERBS = frozenset(
    [
        "announce",
        "announces",
        "announced",
        "confirm",
        "confirms",
        "confirmed",
        "report",
        "reports",
        "reported",
        "claim",
        "claims",
        "claimed",
        "warned",
        "warns",
    ]
)

# Observed-event kinds read off a briefing's timeline (brief --observations).
MEETING_WORDS = frozenset(
    {
        "talks",
        "talk",
        "meeting",
        "meetings",
        "meet",
        "met",
        "meets",
        "summit",
        "negotiation",
        "negotiations",
        "negotiated",
        "discussions",
    }
)
CONTACT_WORDS = MEETING_WORDS | {"spoke", "speak", "speaks", "conversation", "call", "phone"}
REJECT_WORDS = frozenset({"reject", "rejects", "rejected", "refused", "refuses"})
# what a rejection may reject without opposing anything on the table: 'India rejected
# this narrative, reaffirming that the ceasefire ...' denies a claim about the ceasefire
CLAIM_NOUNS = frozenset(
    ["narrative", "claim", "claims", "report", "reports", "allegation", "allegations"]
)
# what someone asserts ('his claim that the US mediated'), unlike a report of what happened
ASSERTION_NOUNS = CLAIM_NOUNS - {"report", "reports"}
BLOCK_WORDS = frozenset({"vetoed", "blocked"})
DEAL_WORDS = frozenset({"signed", "signing", "agreed", "agrees", "agreement", "accord"})
# a joint statement or declaration: events.trigger_kind makes these AGREE only when 'joint'
JOINT_TEXTS = frozenset({"statement", "declaration", "communique", "communiqué"})
# texts whose words a quote gives when they are its verb's subject ('The declaration
# commits allies to "a system of guarantees"')
SPEAKING_TEXTS = JOINT_TEXTS | AGREEMENT_NOUNS | {"resolution", "treaty", "text", "document"}
# what makes a deal limited (a package inside the war) or a settlement, read in its sentence
LIMITED_CUES = re.compile(
    r"\b(?:prisoners?|exchange|swap|truce|moratorium|humanitarian|grain|corridor|pause)\b", re.I
)
SETTLEMENT_CUES = re.compile(r"\bpeace (?:agreement|deal|accord|treaty)\b", re.I)
# a deal that stops the war without settling it: an agreement of any class on the track
CEASEFIRE_CUES = re.compile(r"\b(?:cease-?fire|armistice|cessation of hostilities)\b", re.I)
# the war starting again: 'the conflict reignited', 'fighting resumed'
RESUMED_WORDS = frozenset({"reignited", "resumed"})

# Heads of a definite noun phrase that points back to an actor named before ('Pakistan's
# foreign ministry said the country remained committed', 'the group said it would ...')
ANAPHORIC_NOUNS = frozenset(
    [
        "country",
        "government",
        "group",
        "movement",
        "ministry",
        "militia",
        "army",
        "kingdom",
        "administration",
        "regime",
        "authorities",
        "leadership",
        "cabinet",
        "president",
        "minister",
        "spokesman",
        "spokesperson",
        "leader",
    ]
)
# What a nationality adjective may qualify to stand for its state: 'the Azerbaijani
# Foreign Ministry', 'Thai officials'; not a name ('the Armenian Apostolic Church').
# forms of address before a name and no part of it ('Dr Gargash', 'Mr Boulos')
HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "sir", "dame"])  # "Sir Keir": the given name
INSTITUTIONS = ANAPHORIC_NOUNS | {
    "forces",
    "military",
    "officials",
    "side",
    "delegation",
    "parliament",
    "negotiators",
    "troops",
    "diplomats",
    "envoy",
    "premier",
    "leaders",
    "governments",
    "ministers",
    "delegations",
    "envoys",
}
# 'reached a common understanding / a deal': a way to say agreed (the noun decides)
REACHING_WORDS = frozenset(["reached", "reach", "reaches", "reaching"])
REACHED_NOUNS = frozenset(
    [
        "understanding",
        "agreement",
        "agreements",
        "deal",
        "deals",
        "consensus",
        "accord",
        "accords",
        "arrangement",
        "arrangements",
        "compromise",
    ]
)
# 'would enter into a truce' (only with 'into': troops enter a town)
ENTERING_WORDS = frozenset(["enter", "enters", "entered", "entering"])
