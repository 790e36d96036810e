"""The few words the understand stage needs that no document contains.

Everything about the subject matter (roles, areas, certifications, articles, job-description rows) is read
from the corpus by coach/lexicon.py. What is left here is the language of *asking*: the words people use to
ask for a count or a comparison, to greet, to thank, to refer back, to abbreviate, and the markers of an
attempt to change the assistant's instructions. Documents do not contain these, so they are written by hand,
each table with a comment saying why. Keep them generic: a word belongs here only if it is part of how any
question is asked, never to rescue one failing question.
"""

from __future__ import annotations

import re

# --- operations: how people ask for a count, a list, a comparison … ---------------------------------------
# Patterns over the normalised question (lower case, plain quotes). Question grammar, not subject matter.
# "which area is the smallest?", "the most competencies": a count, ranked. Group 1 says which end.
SUPERLATIVE = re.compile(
    r"\b(?:(smallest|shortest|fewest|least)|largest|biggest|longest|most)\b(?=.{0,40}\b(?:areas?|items?|"
    r"competenc\w*|skills?|rows?|sections?)\b|\W*$)|\b(?:areas?|sections?)\b.{0,30}\b(?:(smallest|shortest|"
    r"fewest|least)|largest|biggest|longest|most)\b"
)
COUNT = re.compile(
    r"\b(?:smallest|largest|biggest|fewest|how many|number of|count (?:the|of|them)|counts? for|total number|"
    r"how much of)\b"
)
LIST = re.compile(
    r"\b(?:list|lists|enumerate|show me|show|name (?:the|all)|what are (?:the|all)|which|"
    r"what(?:'s| is) (?:in|on|under|covered)|what(?:'s| is) tested|every|all (?:the )?(?:items|"
    r"competencies|areas|skills)|items|competencies)\b"
)
COMPARE = re.compile(
    r"\b(?:compare[ds]?|comparison|vs\.?|versus|differen(?:ce|ces|t)|differ(?:s)?|"
    r"distinguish|contrast|against|as opposed to)\b"
)
OWNERS = re.compile(
    r"\b(?:who|whose|which roles?|what roles?|owns?|owner|owned|responsib\w*|in charge|"
    r"accountable|job|duties|expected (?:of|to)|do(?:es)? (?:in|about|with|for)|role in|"
    r"handles?|deals? with|part in|part of)\b"
)
DEVELOP = re.compile(
    r"\b(?:develop(?:ing)? to|move (?:up|from|to|into)|moving (?:up|from|to|into)|go from|"
    r"going from|get from|become|becoming|promot\w*|step up|next (?:level|step|role)|"
    r"what next|what's next|gaps?|grow into|progress(?:ion)? to|career|path to|"
    r"prepare for|preparing for|study for|"
    r"what (?:should|do|must) i (?:develop|learn|work on|improve|study|master)|beyond|"
    r"in addition to|upgrade)\b"
)
SUMMARIZE = re.compile(
    r"\b(?:summar\w*|sum up|gist|tl;?dr|main points|key points|key takeaways|overview of "
    r"(?:the|that) (?:article|post|blog))\b"
)
WHY = re.compile(r"^\W*(?:why|how come|what(?:'s| is) the reason|for what reason)\b")
MORE = re.compile(
    r"\b(?:show (?:me )?(?:all|them all|everything|the rest|more)|all of them|the (?:full|whole|"
    r"complete) list|the rest|list (?:them )?all|everything|see all|show the others|more of them)\b"
)
EXPLAIN = re.compile(
    r"\b(?:what (?:is|are|does|do)|what's|whats|explain|define|definition|meaning|mean|means|"
    r"describe|tell me (?:more )?about|stand for|involve|involves|entail|entails|include|includes|"
    r"consist|consists|cover|covers|regarding|concerning|about)\b"
)

# --- what kind of answer a question wants (coach/evidence.py decides on the evidence whether it is there) ----
# A figure: money, a share, a score. The documents either state it or they do not.
FIGURE = re.compile(
    r"\b(?:cost|costs|price|prices|pricing|fee|fees|salary|salaries|paid|budget|money|"
    r"percentage|percent|split|stake|equity|tax|taxed|taxes|score|per (?:year|quarter|month|week))\b|%"
)
# …asked for as a quantity: "how much does …", "what's a typical salary", "what equity stake …"
QUANTITY = re.compile(
    r"\bhow (?:much|many|long)\b|\bwhat(?:'s| is| are)? (?:the |a |an )?(?:\w+ ){0,2}"
    r"(?:cost|costs|price|fee|fees|salary|split|stake|equity|tax|score|percentage|%)|"
    r"\bwhat (?:\w+ ){0,2}(?:cost|costs|price|fee|fees|salary|split|stake|equity|score)\b|%"
)
# A duration or a frequency ("how long …", "how often …", "renewed", "expire"), and what states one.
DURATION = re.compile(
    r"\bhow (?:long|often|soon|frequently)\b|\b(?:renew(?:al|ed|s)?|recertif\w*|expir\w*|valid for)\b"
)
TIME_SPAN = re.compile(
    r"\b(?:\d+\+?|one|two|three|four|five|six|ten|twelve)\s*(?:years?|months?|weeks?|days?|hours?)\b|"
    r"\b(?:annual(?:ly)?|yearly|monthly|quarterly|weekly|every)\b"
)
TYPICAL = re.compile(r"\b(?:typical|typically|standard|normal|average|usual|usually)\b")
# Advice: what to do. A situation told as a statement ("the partner went quiet") asks for advice too.
ADVICE = re.compile(
    r"\bhow (?:do|can|should|would|could|to|might) (?:i|we|you|one)\b|\bhow to\b|"
    r"\bwhat (?:should|can|could|do|would|must) (?:i|we)\b|\bwhat now\b|\bwhere (?:do|should|can) "
    r"(?:i|we) (?:start|begin)\b|\b(?:tips|advice|suggestions?|recommend\w*)\b|"
    r"\bis (?:that|it|this) (?:normal|ok|okay|fine)\b|\bgood idea\b|\bshould (?:i|we)\b|"
    r"\bhelp me\b|\bdeal with\b|\bhandle\b|\bwhat do i do\b|\bwatch out\b|\bprepare\b|"
    r"\b(?:can|may|could) (?:i|we)\b|\bam i allowed\b"
)
QUESTION = re.compile(
    r"\?|^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|am|do|does|did|can|could|"
    r"should|would|will|may|might|must|tell|explain|describe|list|show|give|define|compare|name)\b"
)

# Asking which role or position does something ("who is responsible for …", "what position covers …"): the
# question's grammar, which the router weighs with everything else; a question asked so, that the router also
# reads as possibly about owners, asks about owners.
WHO_OWNS = re.compile(
    r"\b(?:who|whose|(?:which|what) (?:roles?|levels?|job(?: descriptions?)?|positions?|titles?))\b"
    r".{0,40}\b(?:own|owns|responsib\w*|in charge|accountable|handl\w*|deals? with|looks? after|"
    r"job|duty|includ\w*|cover\w*|lists?)\b"
)

# --- constraints ----------------------------------------------------------------------------------------
# "only", "both", "neither": how people narrow a set by exam level. The level names come from the lexicon.
ONLY = re.compile(
    r"\b(?:only|just|solely|exclusively|but not|not (?:on|in|at|for) (?:the )?(?:{levels})|"
    r"that (?:the )?(?:{levels}) (?:doesn't|does not|don't|do not))\b"
)
BOTH = re.compile(r"\b(?:both|both exams|all (?:two|2) exams)\b")
NEITHER = re.compile(
    r"\b(?:neither|not (?:on |in |at )?(?:either|any) exam|no exam|aren't on either|"
    r"not tested|untested|isn't tested|are not tested|not examined|on no exam)\b"
)
# Asking for the areas none of whose items match: "which areas have nothing on the CA-AM?", "… no CSAP items?"
AREAS_WITHOUT = re.compile(
    r"\bareas?\b.{0,40}\b(?:no|none|nothing|not any|zero|without)\b|"
    r"\b(?:no|none|zero)\b.{0,20}\bareas?\b"
)
EVERYONE = re.compile(
    r"\b(?:(?:each|every|all(?: the)?)(?: of the)? (?:three |3 )?(?:roles?|levels?)|all (?:three|3)\b|"
    r"per (?:role|level)|by (?:role|level)|(?:three|3) (?:roles|levels))\b"
)
PERSONAL = re.compile(r"\b(?:i|i'm|i've|my|me|mine)\b")

# --- follow-ups: words that refer back to the previous turn -----------------------------------------------
FOLLOW_UP_START = re.compile(
    r"^\W*(?:and|but|also|so|then|ok(?:ay)?,?|what about|how about|same (?:for|with)|"
    r"and for|and what about|what of|for|only|just|now|the same)\b"
)
ANAPHORA = re.compile(
    r"\b(?:those|these|them|that one|this one|the ones?|of those|of these|it|that|this|"
    r"they|there|the same|the \w+ one)\b"
)

# --- referring words: how a sentence leans on the one before, gives a reason, or names a target role ----------
ANAPHOR = re.compile(r"^(?:This|That|These|Those|It|Such|They)\b")  # a sentence that leans on the one before
CAUSAL = re.compile(
    r"\b(?:because|reason|result|results|so that|in order to|therefore|fail|failure|why|"
    r"necessary|must|need)\b",
    re.IGNORECASE,
)  # words that give a reason
# A role named after these words is where the person wants to get to, not where they are.
TARGET = re.compile(
    r"\b(?:become|becoming|promoted to|promotion to|move up to|step up to|grow into|get to|"
    r"progress to|moving to|move to|be an?|go for|aim for)\b"
)
# How people refer to a document; "summit" names the summit report itself.
ARTICLE_WORDS = (
    "article",
    "articles",
    "post",
    "posts",
    "blog",
    "piece",
    "author",
    "column",
    "writer",
    "essay",
    "summit",
)

# --- small talk: a turn that is only this gets a short note of what the coach does -------------------------
SMALL_TALK = {
    "greeting": (
        r"^\s*(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))\b",
        r"\bhow are you(?: doing)?\b",
        r"\bhow's it going\b",
        r"\bwhat's up\b",
        r"\bsup\b",
    ),
    "thanks": (r"\b(?:thanks|thank you|thx|ty|cheers|much appreciated|appreciate it)\b",),
    "acknowledgement": (
        r"\b(?:great|perfect|nice|cool|ok(?:ay)?|got it|understood|makes sense|"
        r"that helps|helpful|awesome|good to know|interesting)\b",
    ),
    "farewell": (r"\b(?:bye|goodbye|see you(?: later)?|cya|that's all)\b",),
    "about": (
        r"\bwho are you\b",
        r"\bwhat are you\b",
        r"\bwhat (?:can|do|could) you (?:do|know|help(?: me)?(?: with)?|cover)\b",
        r"\bhow (?:can|do) (?:you help|i use (?:you|this))\b",
        r"^\s*help\s*$",
    ),
}

# --- attempts to change or extract the instructions ----------------------------------------------------
INJECTION = (
    r"\bignore (?:all |any |the |your |my )?(?:previous |prior |above |earlier )?(?:instructions|rules|prompts?|"
    r"directions)",
    r"\bdisregard (?:all |any |the |your )?(?:previous |prior |above )?(?:instructions|rules|prompts?)",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions|rules)",
    r"\bsystem prompt\b",
    r"\b(?:print|reveal|show|repeat|output|display|leak) (?:me )?(?:your|the) (?:hidden |secret |initial |original )?"
    r"(?:instructions|prompt|rules|configuration)",
    r"\byou are now\b",
    r"\bact as (?:an? )?(?!alliance)",
    r"\bpretend (?:to be|you are)\b",
    r"\bjailbreak\b",
    r"\bdeveloper mode\b",
    r"\bdan mode\b",
    r"\boverride (?:your|the) (?:rules|instructions|guard)",
    r"\bnew instructions\b",
    r"\bdo anything now\b",
    r"\bwithout (?:any )?(?:citations|sources|restrictions)\b",
    r"\binvent (?:a |some )?(?:codes?|citations?)\b",
    r"\bmake up (?:a |some )?(?:codes?|citations?|sources?)\b",
    r"\bfrom now on\b",
    r"<\s*/?\s*system\s*>",
    r"\brole\s*:\s*system\b",
    r"\bbypass\b",
    r"\bno rules\b",
)

# --- shorthand: abbreviations people type, expanded before anything else reads the question ---------------
ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "mgrs": "managers",
    "mngr": "manager",
    "exec": "executive",
    "execs": "executives",
    "dir": "director",
    "lvl": "level",
    "yrs": "years",
    "yr": "year",
    "exp": "experience",
    "dev": "development",
    "mgmt": "management",
    "reqs": "requirements",
    "req": "requirement",
    "cert": "certification",
    "certs": "certifications",
    "bd": "business development",
    "bdm": "business development manager",
    "whats": "what is",
    "wat": "what",
    "abt": "about",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
}

# Role words no document uses: "junior" is how people name the guide's entry (mid-level) role, "head of
# alliances" its executive one. The guide's own names and titles are read from the job descriptions.
ROLE_WORDS = {
    "junior": "mid",
    "entry level": "mid",
    "entry-level": "mid",
    "head of alliances": "executive",
    "head of partnerships": "executive",
    "alliance director": "executive",
    "alliance lead": "senior",
}

# Nouns that make a level word ("senior", "executive", "mid") name a role rather than describe something
# else ("executive sponsor", "senior management").
ROLE_HEADS = (
    "manager",
    "managers",
    "one",
    "ones",
    "role",
    "roles",
    "position",
    "positions",
    "person",
    "people",
    "level",
    "levels",
    "alliance manager",
    "alliance managers",
    "partner manager",
)

# Asking what a role's job is ("what does a director do?", "…do all day", "duties"): its job description answers.
ROLE_JOB = re.compile(
    r"\b(?:do all day|(?:does|do) (?:an? |the )?[\w\- ]{0,30}?(?:manager|director|vp)s? (?:actually )?do\b|"
    r"job|jobs|duties|responsib\w*|day[- ]to[- ]day|report(?:s|ing)? (?:to|into)|hired?)\b"
)
# Asking about a role itself (its job, what it needs) rather than for advice to someone in it.
ROLE_ASKING = re.compile(
    r"\b(?:do all day|(?:does|do) (?:an? |the )?[\w\- ]{0,30}?(?:manager|director|vp)s? (?:do|actually do)\b|"
    r"job|jobs|duties|responsib\w*|owns|(?:does|do|should|will|would|must)\b[\w\s-]{0,40}?\bown|"
    r"report(?:s|ing)? (?:to|into)|need|needs|required|supposed to|"
    r"requirements?|expected|hire|hired|day[- ]to[- ]day|in charge|handle|apply)\b|"
    r"^\W*(?:is|are|can|could|should|may|must|does|do|will) (?:an? |the |my )?[\w\- ]{0,25}?"
    r"(?:manager|director|vp)s?\b"
)

# Words about the documents' structure, not their content: a question using them asks about the matrix.
STRUCTURE_WORDS = (
    "matrix",
    "guide",
    "marked",
    "flagged",
    "listed",
    "tested",
    "exam",
    "exams",
    "code",
    "codes",
    "total",
    "altogether",
    "overall",
    "section",
    "sections",
    "three",
    "each",
    "level",
    "levels",
    "column",
    "columns",
    "exactly",
    "here",
    "please",
    "stuff",
    "actually",
    "basically",
    "usually",
    "article",
    "articles",
    "post",
    "blog",
    "piece",
    "author",
    "according",
    "say",
    "says",
    "said",
    "talk",
    "talks",
    "mention",
    "mentions",
    "idea",
    "thing",
    "bit",
    "sounds",
    "sound",
    "specifically",
    "particular",
    "particularly",
    "else",
    "really",
    "anything",
    "something",
)
# Words that state a quantity: a line holding one answers "how many …?" about a role.
QUANTITY_WORDS = re.compile(r"\b(?:one|two|three|four|five|several|multiple|more|team|teams|\d+\+?)\b")

# Words that name the matrix's rows and the job descriptions' lists when people count or list them.
MATRIX_NOUNS = (
    "item",
    "items",
    "competency",
    "competencies",
    "skill",
    "skills",
    "row",
    "rows",
    "area",
    "areas",
    "capability",
    "capabilities",
    "responsibility",
    "responsibilities",
    "thing",
    "things",
    "ones",
)


def matches_any(patterns, text: str) -> bool:
    return any(re.search(pattern, text) for pattern in patterns)


def expand_abbreviations(text: str) -> str:
    """ "sr mgr" → "senior manager": whole words only, case kept where nothing changes."""

    def replace(match: re.Match) -> str:
        word = match.group(0)
        return ABBREVIATIONS.get(word.lower(), word)

    return re.sub(r"(?<![\w/-])[A-Za-z]+/?(?![\w/-])", replace, text)


# Words the routing patterns use that still say what a question is about ("hired", "apply"): kept in its focus.
CONTENT_WORDS = ("hire", "hired", "apply", "applying", "report", "reports")


def cue_words() -> str:
    """The words of asking in these tables (not subject matter): a question's focus leaves them out."""
    parts = [
        COUNT.pattern,
        LIST.pattern,
        COMPARE.pattern,
        OWNERS.pattern,
        DEVELOP.pattern,
        SUMMARIZE.pattern,
        EXPLAIN.pattern,
        MORE.pattern,
        BOTH.pattern,
        NEITHER.pattern,
        *MATRIX_NOUNS,
        *STRUCTURE_WORDS,
        ROLE_ASKING.pattern,
        "primary secondary",
        *(p for patterns in SMALL_TALK.values() for p in patterns),
    ]
    text = " ".join(re.sub(r"\\[bswd]|[^A-Za-z' -]", " ", part) for part in parts)
    return " ".join(word for word in text.split() if word not in CONTENT_WORDS)


def speller_words() -> str:
    """Every word the spelling corrector should know besides the corpus's: the words of asking, role words
    and what abbreviations expand to."""
    return " ".join([cue_words(), *ROLE_WORDS, *ABBREVIATIONS.values()])
