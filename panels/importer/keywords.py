"""The keyword list that proposes themes and topics for imported statements.

Edit :data:`THEME_KEYWORDS` and :data:`TOPIC_KEYWORDS` to tune the proposals.
Keys are the slugs of ``debates.vocabulary`` (a slug the database does not
have is skipped when saving); values are words or phrases.
Matching is case-insensitive, on whole words, and a phrase's spaces match any
run of whitespace or a hyphen, so ``"people centred"`` also finds
"people-centred".  A trailing ``*`` matches any ending: ``"empower*"`` finds
"empower", "empowering" and "empowerment".

The proposals are a starting point for a reviewer, not a verdict: a statement
about "the absence of conflict" is filed under freedom from fear whether it
affirms or denies it.
"""

import re
from functools import cache

THEME_KEYWORDS = {
    "freedom-from-fear": [
        "freedom from fear",
        "violence",
        "violent",
        "conflict*",
        "armed conflict*",
        "terroris*",
        "crime",
        "trafficking",
        "disaster*",
        "natural hazard*",
        "military force",
        "use of force",
        "external enem*",
        "securing borders",
        "war",
        "weapons",
        "physical safety",
    ],
    "freedom-from-want": [
        "freedom from want",
        "poverty",
        "hunger",
        "disease*",
        "pandemic*",
        "financial crisis",
        "financial and food crises",
        "food crisis",
        "food crises",
        "energy crisis",
        "economic crisis",
        "livelihood*",
        "social exclusion",
    ],
    "freedom-to-live-in-dignity": [
        "freedom to live in dignity",
        "dignity",
        "human rights",
        "empower*",
        "act on their own behalf",
    ],
}

TOPIC_KEYWORDS = {
    "definition-of-human-security": [
        "definition*",
        "defining human security",
        "define human security",
        "legal framework",
        "common understanding",
        "working framework",
        "notion could be framed",
    ],
    "responsibility-to-protect": ["responsibility to protect", "R2P"],
    "state-sovereignty": [
        "primary responsibility",
        "sovereignty",
        "sovereign",
        "non-interference",
        "internal affairs",
        "prerogative of States",
    ],
    "use-of-force": [
        "use of force",
        "use of military force",
        "threat of the use",
        "external intervention",
        "military force",
        "justification for",
        "legitimize",
    ],
    "prevention-and-early-warning": [
        "prevent*",
        "early warning",
        "preparation",
        "preparedness",
    ],
    "protection-and-empowerment": [
        "protection and empowerment",
        "empower*",
        "protect people",
        "coping capacity",
        "resilience",
    ],
    "index-of-human-security": ["index", "indices", "indicator*"],
    "people-centred-approach": [
        "people centred",
        "people centered",
        "perceived threats",
        "local realities",
        "including people",
        "bringing people",
        "what matters for people",
    ],
    "national-ownership": [
        "national priorities",
        "national ownership",
        "led by Governments",
        "nationally owned",
    ],
    "security-development-human-rights": [
        "security, development and human rights",
        "interlinkages",
        "inter-linkages",
        "three pillars",
    ],
    "added-value": [
        "added value",
        "policy tool",
        "value of human security",
        "application",
        "applying the notion",
        "operationali*",
        "pragmatic approach",
    ],
    "global-threats": [
        "financial and food crises",
        "financial crisis",
        "food crisis",
        "energy crisis",
        "environmental change",
        "climate change",
        "natural hazards",
        "pandemic*",
        "transnational threats",
        "interdependence of threats",
        "globalized world",
    ],
    "un-charter": ["Charter of the United Nations", "United Nations Charter", "the Charter"],
    "international-cooperation": [
        "international cooperation",
        "regional cooperation",
        "collaboration",
        "regional and/or international",
        "civil society",
        "private sector",
        "stakeholders",
    ],
}


def _keyword_pattern(keyword):
    words = re.split(r"[\s-]+", keyword.strip())
    parts = []
    for word in words:
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    return r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)"


@cache
def _compiled(keywords):
    return re.compile("|".join(_keyword_pattern(keyword) for keyword in keywords), re.IGNORECASE)


@cache
def _stems(keywords):
    """The first word of each keyword in lower case: a sentence without any of them cannot match."""
    return tuple(re.split(r"[\s-]+", keyword.strip())[0].rstrip("*").lower() for keyword in keywords)


def _matching(vocabulary, sentence):
    # A substring test is many times faster than the pattern, which is only run when a keyword may be there.
    lowered = sentence.lower()
    return [
        slug
        for slug, keywords in vocabulary.items()
        if keywords
        and any(stem in lowered for stem in _stems(tuple(keywords)))
        and _compiled(tuple(keywords)).search(sentence)
    ]


def propose_labels(sentence: str) -> tuple[list[str], list[str]]:
    """The theme slugs and topic slugs whose keywords occur in ``sentence``, in vocabulary order."""
    return _matching(THEME_KEYWORDS, sentence), _matching(TOPIC_KEYWORDS, sentence)
