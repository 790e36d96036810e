"""The few words the understand stage needs that no document contains.

Everything about the subject matter (roles, areas, certifications, articles, job-description rows) is read
from the corpus by coach/lexicon.py. What is left here is the language of *asking*: the words people use to
ask for a count or a comparison, to refer back, to name a role, to abbreviate. Documents do not contain these,
so they are written by hand, each table with a comment saying why (greetings, thanks, attempts to change the
assistant's instructions and answers asked in another language are in coach/guards.py). Keep them generic: a
word belongs here only if it is part of how any question is asked, never to rescue one failing question.
"""

from __future__ import annotations

import re

from .text import NUMBER_WORDS

# --- how people ask for a count or a comparison: what the operations that need one check for (which operation
# is asked for is read by the router, coach/router, from the example library) ----------------------------------
# Patterns over the normalised question (lower case, plain quotes). Question grammar, not subject matter.
# "which area is the smallest?", "the most competencies": a count, ranked. Group 1 says which end.
SUPERLATIVE = re.compile(
    r"\b(?:(smallest|shortest|fewest|least)|largest|biggest|longest|most)\b(?=.{0,40}\b(?:areas?|items?|"
    r"competenc\w*|skills?|rows?|sections?)\b|\W*$)|\b(?:areas?|sections?)\b.{0,30}\b(?:(smallest|shortest|"
    r"fewest|least)|largest|biggest|longest|most)\b"
)
# A size asked of the matrix's areas: "which areas have exactly 3 items?", "areas with more than 8 competencies",
# "10 or more items". Group 1 the bound before the number, 2 the number, 3 the bound after it (none: exactly).
SIZE_BOUND = re.compile(
    r"\b(?:(exactly|just|only|precisely|more than|over|above|greater than|at least|fewer than|less than|under|"
    r"below|at most|no more than|not more than|up to)\s+)?(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\+?\s+"
    r"(?:(or more|or fewer|or less|and up|and above|and below)\s+)?(?:items?|competenc(?:y|ies)|skills?|rows?)\b"
)
# … and after such a question, the bound alone: "and which have fewer than 5?"
BARE_BOUND = re.compile(
    r"\b(exactly|more than|over|above|greater than|at least|fewer than|less than|under|below|at most|"
    r"no more than)\s+(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b"
)
BOUND_WORDS = {
    "exactly": "exactly",
    "just": "exactly",
    "only": "exactly",
    "precisely": "exactly",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "greater than": "more than",
    "at least": "at least",
    "or more": "at least",
    "and up": "at least",
    "and above": "at least",
    "fewer than": "fewer than",
    "less than": "fewer than",
    "under": "fewer than",
    "below": "fewer than",
    "at most": "at most",
    "no more than": "at most",
    "not more than": "at most",
    "up to": "at most",
    "or fewer": "at most",
    "or less": "at most",
    "and below": "at most",
}
# The matrix's areas one by one: "each area", "per area", "by area", "area by area".
PER_AREA = re.compile(r"\b(?:each|every|per|by) areas?\b|\barea by area\b")
COUNT = re.compile(
    r"\b(?:smallest|largest|biggest|fewest|how many|number of|count (?:the|of|them)|counts? for|total number|"
    r"how much of)\b"
)
COUNTED = re.compile(r"\b(?:how many|number of)\s+([a-z]+)")  # what is counted: "how many alliances …"
# what a share is asked of: "how much of our roadmap", "what fraction of alliances", "the percentage of deals"
MEASURED = re.compile(
    r"\b(?:how much|how many|share|fraction|percentage|percent|proportion|ratio|number)\s+of\s+"
    r"(?:(?:our|the|my|your|their|its|all|a|an|this|that|these|those)\s+)*([a-z]+)"
)
# Positions in the previous answer's list ("what does the second one mean?", "the 4th and 5th ones", "the last
# one"): which row is meant is a reference to the answer before, which no example can teach.
ORDINALS = {
    word: n
    for n, words in enumerate(
        (
            ("first", "1st"),
            ("second", "2nd"),
            ("third", "3rd"),
            ("fourth", "4th"),
            ("fifth", "5th"),
            ("sixth", "6th"),
            ("seventh", "7th"),
            ("eighth", "8th"),
            ("ninth", "9th"),
            ("tenth", "10th"),
        ),
        1,
    )
    for word in words
} | {"last": -1}
_ORDINAL = "|".join(ORDINALS)
POSITIONS = re.compile(
    rf"\b(?:{_ORDINAL})\b(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:{_ORDINAL})\b)*\s+(?:ones?|items?|competenc(?:y|ies)|"
    r"points?|bullets?|rows?|entry|entries)\b"
)
# "different" asks for a comparison only said of something ("different from", "how is X different"): "they
# want totally different things" is a situation
COMPARE = re.compile(
    r"\b(?:compare[ds]?|comparison|vs\.?|versus|differences?|different (?:from|than|to|between)|differ(?:s)?|"
    r"(?:how|what)(?:'s| is| are)? \w+(?: \w+){0,4} different|distinguish|contrast|as opposed to)\b"
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
# Which part of the matrix a topic belongs to ("which area covers exit strategy?", "where in the matrix is
# partner onboarding?"): answered like a situation, from the areas and competencies closest to it, whether or
# not the documents use the asker's words.
LOCATE = re.compile(
    r"\b(?:which|what)(?: \w+)?? (?:areas?|competenc\w*|items?|sections?|part of the (?:matrix|guide))\b.{0,30}"
    r"\b(?:covers?|deals? with|handles?|is about|are about|address\w*|includes?|talks? about|fall under|"
    r"mentions?|refers? to)\b|"
    r"\bwhere (?:in the (?:matrix|guide)|does the (?:matrix|guide))\b|"
    # "where's arbitration in the competencies?", "where is risk in the matrix"
    r"\bwhere(?:'s| is| are)\b.{0,40}\b(?:in|within) the (?:matrix|guide|competenc\w*)\b|"
    # "where does coopetition live in the matrix?", "where do exit strategies fit in the competencies?"
    r"\bwhere\b.{0,40}\b(?:live|lives|sit|sits|fit|fits|belong|belongs|go|goes|fall|falls|show up|come up)\b"
    r".{0,20}\b(?:matrix|guide|competenc\w*|areas?)\b"
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
ONLY = re.compile(r"\b(?:only|just|solely|exclusively|but not)\b")
# … and a level negated, with one exam named ("not on the CA-AM", "aren't tested on the csap", "that the CA-AM
# doesn't cover", "excluding the CA-AM ones"): the items that level does not expect (with both exams named,
# "CSAP but not the CA-AM" is CSAP only: coach/understand.exam_filter)
NOT_AT = re.compile(
    r"(?:\bnot|\w+n't|\bnever)\s+(?:(?:be|been|being|tested|covered|examined|included|expected|part|listed)\s+)?"
    r"(?:(?:on|in|at|for|by|of)\s+)?(?:the\s+)?(?:{levels})\b"
    r"|\b(?:{levels})\s+(?:exam\s+)?(?:doesn't|does not|don't|do not)\b"
    r"|\b(?:excluding|except(?: for)?|without)\s+(?:the\s+)?(?:{levels})\b"
)
BOTH = re.compile(r"\b(?:both|both exams|all (?:two|2) exams)\b")
# … and with no exam named, "both" must read as a level ("on both", "for both exams"), not "both of them are
# annoyed": a set is narrowed to both exams only when the words place it there.
ON_BOTH = re.compile(
    r"\b(?:on|in|for|at|to|by) both\b(?! (?:of|sides|companies|partners|teams|parties))|\bboth exams\b"
)
NEITHER = re.compile(
    r"\b(?:neither|not (?:on |in |at )?(?:either|any) exam|no exam|aren't on either|"
    r"(?:not tested|untested|isn't tested|are not tested|not examined)(?! (?:on|in|by|at|for) (?:the )?(?:ca|csap))|"
    r"on no exam)\b"
)
# Asking for the areas none of whose items match: "which areas have nothing on the CA-AM?", "… no CSAP items?";
# a verb negated reads so only after the plural not followed by a code ("which areas don't appear on the CA-AM",
# "areas that are never on the CSAP"), never of items in a named area ("items in area II C not on the CA-AM").
AREAS_WITHOUT = re.compile(
    r"\bareas?\b.{0,40}\b(?:no|none|nothing|not any|zero|without)\b|"
    r"\b(?:no|none|zero)\b.{0,20}\bareas?\b|"
    r"\bareas\b(?! (?:iii|ii|i|[123])\b).{0,40}(?:\b(?:not|never)\b|n't\b)"
)
# "and the other one?", "what about the other exam?": of a pair the previous turn named one of (the two
# certifications), the one it did not.
# A row or area next to the one just discussed: "what about the next one?", "the one right after it in the
# matrix", "how's that different from the previous item?" (coach/understand/context.py, neighbour); "what should I do
# next?" names no row, so is not one.
_ROW = r"(?:one|item|competency|area|row|skill|code)"
NEXT_ROW = re.compile(
    rf"\b(?:next|following|subsequent) {_ROW}s?\b|\b{_ROW} (?:right |just |immediately |directly )?(?:after|below) "
    r"(?:it|that|this|that one|this one)\b"
)
PREVIOUS_ROW = re.compile(
    rf"\b(?:previous|preceding|prior) {_ROW}s?\b|\b{_ROW} (?:right |just |immediately |directly )?(?:before|above) "
    r"(?:it|that|this|that one|this one)\b"
)
# A turn that says it starts a new topic ("unrelated, but …", "new q: …", "totally different thing - …",
# "switching gears, …"): the preface is no part of the question, and nothing of the previous turn carries over.
NEW_TOPIC = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|also|btw|anyway|and)[,\s]+)?(?:(?:totally|completely|something|a|one|an)\s+)?"
    r"(?:unrelated|never ?mind|different (?:q|thing|question|topic|subject)|new (?:q|question|topic|subject)|"
    r"another (?:question|thing|topic)|switching (?:gears|topics?|subjects?)|change of (?:subject|topic)|"
    r"on (?:another|a different) note|separate question|other question)\b[\s,:;.!?-]*(?:(?:but|and|though)\b)?"
    r"[\s,:;-]*",
    re.IGNORECASE,
)
# What comes after or before a step of a process ("what comes after partner assessment?", "which stage
# precedes governance?", "after negotiation, what's next?"): read against the articles' ordered lists
# (coach/operations/sequence.py), so a question naming no member of one is not affected.
STEP_AFTER = re.compile(
    r"\b(?:comes?|coming|happens?|goes|is|step|stage|phase|do(?:es)?|go)\s+(?:right |just |directly |next )?after\b|"
    r"\bfollows?\b|\bafter\b.{0,40}\b(?:what(?:'s| is| comes)? next|then what)\b"
)
STEP_BEFORE = re.compile(
    r"\b(?:comes?|coming|happens?|goes|is|step|stage|phase|do(?:es)?|go)\s+(?:right |just |directly )?before\b|"
    r"\bprecedes?\b|\bprior to\b"
)
# The one row an answer showed, pointed at: "what does that one mean?", "who owns this competency?"
THAT_ONE = re.compile(r"\b(?:that|this) (?:one|item|competency|row|skill)\b")
# A row of a named area by its number: "2g item 4", "II M row 3", "governance competency #2"
ITEM_NUMBER = re.compile(r"\b(?:item|row|competency|no\.?|number|#)\s*#?(\d{1,2})\b")
THE_OTHER = re.compile(r"\bthe other (?:one|exam|cert\w*|level)\b")
# Asking for the areas all of whose items match: "which areas are entirely CSAP only?", "areas made up only of
# CA-AM items", "areas where all of its competencies are on both exams".
AREAS_ENTIRELY = re.compile(
    r"\bareas?\b.{0,40}\b(?:entirely|completely|fully|exclusively|wholly|purely|made up only|all (?:of )?"
    r"(?:their|its|the) (?:items|competencies|rows))\b"
)
EVERYONE = re.compile(
    r"\b(?:(?:each|every|all(?: the)?)(?: of the)? (?:three |3 )?(?:roles?|levels?)|all (?:three|3)\b|"
    r"per (?:role|level)|by (?:role|level)|(?:three|3) (?:roles|levels))\b"
)
# What the roles' job descriptions have in common, or what one role alone holds: "which areas do all three roles
# share?", "what does a director own that a senior manager doesn't?", "which areas does only the director cover?"
ROLES_SHARE = re.compile(r"\b(?:share|shared|sharing|in common|common to|overlap\w*)\b")
ROLE_ALONE = re.compile(
    r"\b(?:only|alone|exclusive\w*|unique\w*|but not|unlike)\b|"
    r"\bthat (?:an? |the )?[\w-]+(?: [\w-]+){0,3} (?:doesn't|does not|don't|do not|lacks?)\b"
)
# Who reports to a role: every role's reporting line answers it, not the named role's own.
# ("who does the director report to?" asks the director's own line)
REPORTS_TO = re.compile(
    r"\b(?:who|which (?:roles?|levels?|positions?|jobs?)|anyone|anybody)(?: else)? (?:reports?|would report|will report) "
    r"(?:in)?to\b|\bdirect reports\b"
)
# The matrix asked of as a whole, by how it is built ("how is the matrix organized?", "what are the three parts
# of the matrix?", "the sections of the competency matrix"): its sections and their areas answer. Structure words
# carry no subject matter, and "organized" shares its stem with "organizational alignment", so no example can
# teach the difference: read only beside the word "matrix" (coach/understand/operation.py).
MATRIX_STRUCTURE = re.compile(
    r"\b(?:organi[sz]ed|structured?|laid out|layout|arranged|built|parts?|sections?|broken (?:down|up)|split up)\b"
)
PERSONAL = re.compile(r"\b(?:i|i'm|i've|my|me|mine)\b")

# --- referring words: how a sentence leans on the one before, gives a reason, or names a target role ----------
# "which of them", "how many of those", "among these": a part of something shown before. The router's follow-up
# head reads most of these, but not beside a name it knows as a standalone subject ("and which of them are
# context competencies?" reads as the category, 0.18): the grammar decides, not the subject.
# A turn that asks of the previous answer's set by pronoun or by "which are …" with no set of its own: "how many of
# those", "which are tested on csap", "which ones are on the ca-am?", "how many is that?"
PARTITIVE = re.compile(
    r"\b(?:of|among|from) (?:them|those|these|that list|the above)\b|"
    r"^\W*(?:(?:and|so|ok|okay)\W+)?which (?:ones? )?(?:are|is)\b|\bhow many (?:is|are) (?:that|those|these|they)\b"
)
ANAPHOR = re.compile(r"^(?:This|That|These|Those|It|Such|They)\b")  # a sentence that leans on the one before
CAUSAL = re.compile(
    r"\b(?:because|reason|result|results|so that|in order to|therefore|fail|failure|why|"
    r"necessary|must|need)\b",
    re.IGNORECASE,
)  # words that give a reason
# A role named after these words is where the person wants to get to, not where they are.
TARGET = re.compile(
    r"\b(?:become|becoming|promoted to|promotion to|move up to|step up to|grow into|get to|"
    r"progress to|moving to|move to|be an?|go for|aim for)\b|"
    r"\bfrom\b.{1,60}\bto\b.{0,40}\bas an?\b"  # "from supporting governance to owning it as a senior"
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

# --- shorthand: abbreviations people type, expanded before anything else reads the question ---------------
# contractions typed without their apostrophe are words, not misspellings ("wasnt" is not "want"); not "lets",
# "wont", "well", "were", "ill", "shed", "cant": words of their own
_CONTRACTIONS = (
    "isn't aren't wasn't weren't doesn't didn't don't couldn't wouldn't shouldn't hasn't haven't hadn't "
    "i'm i've you're they're we've that's who's where's how's there's"
)
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
    "gov": "governance",  # "gov model", "gov board": in alliance talk, not government
    "mgmt": "management",
    "org": "organization",  # "org alignment", "org chart", "my org" (a web address's ".org" stays)
    "orgs": "organizations",
    "reqs": "requirements",
    "req": "requirement",
    "cert": "certification",
    "certs": "certifications",
    "bd": "business development",
    "biz": "business",
    "admin": "administrative",
    "bdm": "business development manager",
    "whats": "what is",
    "wat": "what",
    "abt": "about",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ppl": "people",
    **{word.replace("'", ""): word for word in _CONTRACTIONS.split()},  # "wasnt" → "wasn't" (above)
    "diff": "difference",  # "main diff between …"
    "diffs": "differences",
    "pct": "percent",
    "corp": "corporation",
    "corps": "corporations",
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


def expand_abbreviations(text: str) -> str:
    """ "sr mgr" → "senior manager": whole words only, case kept where nothing changes."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        return ABBREVIATIONS.get(word.lower(), word)

    return re.sub(r"(?<![\w/.@-])[A-Za-z]+/?(?![\w/-])", replace, text)  # not in "alliances.org", "u@x"


# The words people use to ask, whatever they ask about ("how many", "compare", "list", "who owns", "show all",
# "what is", the matrix's own structure words): a question's focus — what it asks *about* — leaves them out.
# Taken once from the patterns that picked the operation before the router did (coach/router), and kept as a
# word list: which operation is asked for is now learned from the library; which words carry no subject matter
# is not something a label teaches.
_ASKING = """
's - W about according accountable actually addition afternoon against all altogether an any anything
appreciate appreciated are area areas aren't article articles as at author awesome ay basically become
becoming beyond biggest bit blog both bye can capabilities capability career ce ces charge cheers code codes
column columns compare comparison competencies competency complete comprise comprises concerning consist consists contrast cool
could count counts cover covered covers cya day deals define definition describe description descriptions develop differ differen
director distinguish do does doing dr ds duties each either else entail entails enumerate es evening every
everything exactly exam examined exams expected explain fall falls fewest flagged for from full gaps get gist go going
good goodbye got great greetings grow guide handle handles hello help helpful helps here hey hi hiya how how's
howdy i idea improve in include includes ing interesting into involve involves ion is isn't it item items job
jobs key know largest later learn level levels list listed lists main makes manager many marked master matrix
may me mean meaning means mention mentions more morning move moving much must my name need needs neither next
nice no not number of ok on ones opposed others overall overview own owned owner owns part parts particular
particularly path percent percentage perfect piece please points post prepare preparing primary progress promot
really regarding
required requirements responsib responsibilities responsibility rest role roles row rows s said say says
secondary section sections see sense should show skill skills smallest something sound sounds specifically
stand step study stat statistic statistics stats stuff sum summar sup supposed t takeaways talk talks tell tested
thank thanks that that's the
them thing things this three thx tl to total two ty under understood untested up upgrade use usually versus vp
vs what what's whats which who whole whose will with work would you
"""
ASKING_WORDS = tuple(_ASKING.split())


def cue_words() -> str:
    """The words of asking (not subject matter): a question's focus leaves them out."""
    return " ".join(ASKING_WORDS)


def speller_words() -> str:
    """Every word the spelling corrector should know besides the corpus's: the words of asking, role words
    and what abbreviations expand to."""
    return " ".join([cue_words(), *ROLE_WORDS, *ABBREVIATIONS.values()])
