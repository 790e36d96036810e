"""The words people use for the guide's roles, areas and questions.

This is vocabulary, not corpus content: it maps everyday phrasing ("wind down", "KPIs", "head of
alliances") onto things the guide defines (area II M, area II G, the executive-level role). The areas'
own names are matched too, read from the model at run time (see understand.area_name_terms).
Patterns are regular expressions over lower-cased text.
"""

from __future__ import annotations

ROLE_PATTERNS: dict[str, tuple[str, ...]] = {
    "executive": (
        r"\bdirectors?\b", r"\bvps?\b", r"\bvice[- ]presidents?\b", r"\bhead of (?:strategic )?alliances?\b",
        r"\bexecutive[- ]level\b", r"\bchief alliance officer\b", r"\balliance executives?\b",
        r"\bexecutive alliance managers?\b",
    ),
    "senior": (
        r"\bsenior(?:[- ]level)?(?: alliance| partner)? managers?\b", r"\bpartner managers?\b",
        r"\bsenior[- ]level\b", r"\bsenior alliance\b", r"\bsenior (?:one|role|position|level)\b", r"\bseniors?\b",
    ),
    "mid": (
        r"\bmid[- ]?level\b", r"\bmiddle[- ]level\b", r"\bjunior alliance managers?\b", r"\bjunior\b",
        r"(?<!senior )(?<!senior-level )(?<!partner )(?<!executive )(?<!strategic )\balliance manager\b",
        r"\bentry[- ]level\b",
    ),
}

CERTIFICATION_PATTERNS: dict[str, tuple[str, ...]] = {
    "CA-AM": (r"\bca[- ]?am\b", r"\bcertificate of achievement\b"),
    "CSAP": (r"\bcsap\b", r"\bcertified strategic alliance professional\b"),
}

# Everyday words for areas. Longer phrases win over the shorter phrases they contain.
AREA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "I A": ("governance structure", "executive sponsor", "executive sponsorship", "executive mapping",
            "mission statement", "risk factor", "operations principles", "teams and roles"),
    "I B": ("life cycle", "lifecycle", "life-cycle", "partner profiling", "business planning", "knowledge transfer",
            "regenerate", "alliance phases"),
    "I C": ("conflict", "conflicts", "dispute", "disputes", "disagreement", "disagreements", "escalate",
            "escalation", "arbitration", "mediation", "resolve issues"),
    "II A": ("strategic alignment", "alliance strategy", "corporate strategy", "portfolio strategy",
             "alignment with strategy", "strategy development", "capability building program"),
    "II B": ("partner selection", "select a partner", "selecting a partner", "choose a partner", "choosing a partner",
             "pick a partner", "find a partner", "right partner", "right partners", "finding partners", "qualify a partner", "qualifying partners", "partner fit",
             "due diligence", "vet a partner", "vetting", "cultural fit", "recruitment of a partner",
             "potential partner", "potential partners", "partner assessment"),
    "II C": ("governance", "governance model", "steering committee", "governance board", "decision rights",
             "joint steering", "norms and values", "mission, vision"),
    "II D": ("operating model", "operational model", "operations model", "alliance operations",
             "operations of an alliance", "operations of the alliance", "run an alliance day to day"),
    "II E": ("launch", "launching", "onboarding", "onboard", "kickoff", "kick-off", "kick off", "go-live",
             "rules of engagement", "extended alliance team", "start an alliance", "starting an alliance",
             "set up an alliance", "setting up an alliance"),
    "II F": ("organizational alignment", "organisational alignment", "internal alignment", "buy-in", "buy in",
             "internal support", "accountability"),
    "II G": ("health check", "health checks", "kpi", "kpis", "metrics", "measure", "measuring", "measurement",
             "scorecard", "value measurement", "performance", "roi", "assess value", "evaluation"),
    "II H": ("value network", "new opportunities", "new opportunity", "value proposition", "value creation",
             "go-to-market", "opportunity evaluation"),
    "II I": ("negotiation", "negotiations", "negotiate", "negotiating", "contract", "contractual",
             "terms and conditions", "deal terms"),
    "II J": ("implementation plan", "work plan", "planning, implementing", "implementing", "monitoring",
             "milestones", "project plan", "communication channels", "track progress"),
    "II K": ("relationship management", "relationships", "relationship", "relationship-building", "trust",
             "peer-to-peer", "relationship mapping", "celebrate"),
    "II L": ("culture", "cultures", "cultural", "cross-cultural", "regional", "cultural differences"),
    "II M": ("end an alliance", "ending an alliance", "end the alliance", "ending", "exit", "exiting",
             "wind down", "winding down", "wind-down", "terminate", "terminating", "termination", "dissolve",
             "sunset", "unwind", "shut down", "close down", "break up", "transform", "transformation",
             "transition", "lessons learned", "end a partnership", "ending a partnership"),
    "II N": ("competitor", "competitors", "coopetition", "co-opetition", "competing", "competition",
             "rival", "rivals", "frenemy", "frenemies", "competitive situations"),
    "II O": ("professional development", "mentor alliance managers", "mentoring alliance managers",
             "skills gaps", "skill gaps", "skill levels", "train alliance managers", "training alliance managers"),
    "III A": ("collaborative culture", "culture of collaboration", "collaborative behaviors", "collaborative behaviours",
              "collaboration culture", "incentives", "fostering collaboration"),
    "III B": ("skill development", "build skills", "building skills", "stakeholder skills", "capability development",
              "skills in stakeholders", "train stakeholders", "training stakeholders"),
    "III C": ("ecosystem", "ecosystems", "network of alliances", "alliance network", "portfolio management",
              "collaborative network", "manage a portfolio", "alliance portfolio"),
}

LIFECYCLE_PATTERNS = (
    r"\blife[- ]?cycle\b", r"\b(?:steps|phases|stages|activities) (?:of|in) (?:an? |the )?alliance",
    r"\balliance (?:steps|phases|stages)\b", r"\bsteps of alliance management\b",
    r"\bwhat does alliance management (?:involve|include|consist)", r"\bactivities of alliance management\b",
)

DEVELOPMENT_PATTERNS = (
    r"\bfrom (?:a |an |the )?[\w\- ]{2,40}? to (?:a |an |the )?[\w\- ]{2,40}", r"\bbecome (?:a|an|the)\b",
    r"\bbecoming (?:a|an)\b", r"\bpromot(?:ed|ion)\b", r"\bstep up\b", r"\bmove up\b", r"\bnext level\b",
    r"\bgaps?\b", r"\bwhat should i (?:develop|learn|work on|improve|study)\b", r"\bcareer\b",
    r"\bprepare for (?:the )?(?:csap|ca-?am)\b", r"\bget (?:my |the )?(?:csap|ca-?am)\b", r"\bprogress(?:ion)? to\b",
    r"\bdevelop to\b", r"\bgrow into\b", r"\bupgrade to\b", r"\bwhat do i need to (?:learn|develop|master)\b",
    r"\bdevelopment plan\b", r"\bbeyond (?:ca-?am|the ca-?am)\b", r"\bin addition to (?:ca-?am)\b",
    r"\bonly\b.{0,25}\bcsap\b", r"\bcsap[- ]only\b", r"\bwhat(?:'s| is| comes)? next\b", r"\bnext steps?\b",
    r"\bafter (?:the |my )?ca-?am\b", r"\bnot (?:in|at|for|covered by|part of) (?:the )?ca-?am\b",
    r"\bdifferen\w* between (?:the )?(?:ca-?am|csap) and (?:the )?(?:ca-?am|csap)\b",
    r"\b(?:ca-?am|csap) (?:vs\.?|versus|compared to) (?:the )?(?:ca-?am|csap)\b",
)

JOB_FACT_PATTERNS: dict[str, tuple[str, ...]] = {
    "Experience Required": (r"\bexperience\b", r"\byears?\b"),
    "Education Requirements": (r"\beducation\b", r"\bdegree\b", r"\bmba\b", r"\bbs/ba\b", r"\bbachelor",
                               r"\bmaster'?s\b", r"\bqualifications?\b", r"\bstud(?:y|ies)\b"),
    "Reporting Relationships": (r"\breports? (?:to|into)\b", r"\breporting\b", r"\bboss\b", r"\bmanager of\b",
                                r"\bwho (?:do|does|will) (?:i|they|he|she|it) report\b"),
    "Scope of Responsibilities": (r"\bscope\b", r"\bhow many alliances\b", r"\bresponsible for how many\b",
                                  r"\bnumber of alliances\b"),
    "Certification Requirements": (r"\bcertification (?:requirement|required|needed|level)",
                                   r"\bwhich certification\b", r"\bwhat certification\b", r"\bneed (?:to be )?certified\b",
                                   r"\bcertification (?:does|do|should)\b", r"\brequired certification\b",
                                   r"\bmaintain (?:the )?(?:csap|ca-?am|certification)\b"),
    "Example titles": (r"\bjob titles?\b", r"\bexample titles?\b", r"\bwhat (?:is|are) (?:the )?titles?\b",
                       r"\bcalled\b"),
    "Position Description": (r"\bposition description\b", r"\bjob description\b", r"\bwhat does (?:an? |the )?"
                             r"(?:[\w\-]+ ){0,3}(?:manager|director|vp|head of alliances)\w* do\b",
                             r"\brole of (?:an? |the )?(?:[\w\-]+ ){0,3}(?:manager|director|vp)\b",
                             r"\bday[- ]to[- ]day\b"),
}

CATEGORY_PATTERNS = (
    r"\bcompetency categor", r"\bcategories of competenc", r"\bcontext competenc", r"\bcore competenc",
    r"\bcompany[- ]specific competenc", r"\bbusiness and industry knowledge\b", r"\btypes of (?:competenc|skills)",
    r"\bkinds of (?:competenc|skills)", r"\bwhat (?:competencies|skills) (?:does|do|should) (?:an? )?alliance manager",
    r"\bcompetencies (?:are|does) (?:there|the guide)", r"\bindustry knowledge\b", r"\bbusiness knowledge\b",
    r"\bfoundation (?:skills|elements)\b",
)

# Words that place a question inside alliance management even when no area or role is named.
DOMAIN_TERMS = (
    "alliance", "alliances", "partner", "partners", "partnership", "partnerships", "asap", "csap", "ca-am",
    "caam", "coopetition", "governance", "collaboration", "collaborative", "joint venture", "stakeholder",
    "stakeholders", "channel", "co-marketing", "co-selling", "ecosystem", "negotiat", "sponsor", "portfolio",
    "conductor", "orchestra", "value creation", "value-creation", "strategic", "course correction",
    "competenc", "matrix", "certification", "certified", "job description", "respect", "summit", "maturity",
    "readiness", "business review", "qbr", "joint business plan", "relationship", "manager", "director",
    "lifecycle", "life cycle", "self-obsolescence", "change agent", "transformational", "cheerleader",
)

# Subjects that are plainly outside alliance management.
OUT_OF_SCOPE_PATTERNS = (
    r"\bweather\b", r"\bforecast\b", r"\btemperature\b", r"\brain(?:ing)?\b", r"\bsnow\b",
    r"\b(?:python|javascript|java|c\+\+|sql|html|css|regex|rust|golang)\b", r"\bcode\b(?! of)", r"\bcoding\b",
    r"\bprogram(?:ming)? (?:language|in)\b", r"\bdebug", r"\bfunction that\b", r"\bcompile",
    r"\brecipe\b", r"\bcook", r"\bbake\b", r"\bpizza\b", r"\bmovie\b", r"\bfilm\b", r"\bsong\b", r"\blyrics\b",
    r"\bfootball\b", r"\bsoccer\b", r"\bworld cup\b", r"\bnba\b", r"\bscore of the\b",
    r"\bcapital of\b", r"\bpresident of (?:the )?(?:united states|france|usa)\b", r"\bpopulation of\b",
    r"\btallest\b", r"\bhow far is\b", r"\bspeed of light\b", r"\btrivia\b", r"\bjoke\b", r"\bpoem\b",
    r"\bsymptoms?\b", r"\bdiagnos", r"\bmedic(?:al|ine|ation)\b", r"\bdoctor\b", r"\bdisease\b", r"\bheadache\b",
    r"\bdos(?:age|e|es)\b", r"\bpills?\b", r"\baspirin\b", r"\bibuprofen\b", r"\bmilligrams?\b", r"\bmg\b", r"\bflu\b", r"\bcancer\b", r"\bblood pressure\b", r"\bprescri",
    r"\bstock price\b", r"\bbitcoin\b", r"\bcrypto", r"\blottery\b", r"\bhoroscope\b", r"\bdating\b",
    r"\btranslate\b", r"\bhomework\b", r"\bmath(?:s|ematics)?\b", r"\bequation\b", r"\bsquare root\b",
)

# Attempts to change the assistant's instructions or extract them.
INJECTION_PATTERNS = (
    r"\bignore (?:all |any |the |your |my )?(?:previous |prior |above |earlier )?(?:instructions|rules|prompts?|directions)",
    r"\bdisregard (?:all |any |the |your )?(?:previous |prior |above )?(?:instructions|rules|prompts?)",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions|rules)", r"\bsystem prompt\b",
    r"\b(?:print|reveal|show|repeat|output|display|leak) (?:me )?(?:your|the) (?:hidden |secret |initial |original )?"
    r"(?:instructions|prompt|rules|configuration)", r"\byou are now\b", r"\bact as (?:an? )?(?!alliance)",
    r"\bpretend (?:to be|you are)\b", r"\bjailbreak\b", r"\bdeveloper mode\b", r"\bdan mode\b",
    r"\boverride (?:your|the) (?:rules|instructions|guard)", r"\bnew instructions\b", r"\bdo anything now\b",
    r"\bwithout (?:any )?(?:citations|sources|restrictions)\b", r"\binvent (?:a |some )?(?:codes?|citations?)\b",
    r"\bmake up (?:a |some )?(?:codes?|citations?|sources?)\b", r"\bfrom now on\b", r"<\s*/?\s*system\s*>",
    r"\brole\s*:\s*system\b", r"\bbypass\b",
)

# Topics of the practitioner articles: questions about them are answered from the articles' own sentences.
CONCEPT_PATTERNS = (
    r"\bceo\b", r"\baccount manag", r"\bbusiness development\b", r"\bbdms?\b", r"\bprogram manag",
    r"\bnegotiators?\b", r"\bconductor\b", r"\borchestra", r"\bchange agents?\b", r"\bagents? of change\b",
    r"\btransformational\b", r"\bcreator\b", r"\bself[- ]obsolescence\b", r"\bdifferent from\b",
    r"\bdiffer(?:s|ence)? (?:from|between)\b", r"\bcompared? (?:to|with)\b", r"\bversus\b", r"\bvs\.?\b",
    r"\barticles?\b", r"\bblog\b", r"\bauthor\b", r"\baccording to\b", r"\bsummit\b", r"\bstatistic",
    r"\bcheerleaders?\b", r"\brespect\b", r"\bcourse correct", r"\bsales (?:executive )?sponsor",
    r"\broach motel\b", r"\bwhat is (?:a |an )?strategic alliance\b(?! manager)", r"\bwhat is alliance management\b",
    r"\bwhy do (?:most |many )?alliances fail\b", r"\bcaptains? of change\b", r"\bmaturity\b",
    r"\breadiness\b", r"\bwhat is asap\b", r"\bassociation of strategic alliance professionals\b",
    r"\bvalue[- ]creation\b", r"\bvalue[- ]exchange\b", r"\bcoaching internal\b", r"\bautopilot\b",
)

# Greetings, thanks, goodbyes and questions about the assistant itself: when a turn holds nothing else, the
# reply says what the coach can help with (see understand.small_talk).
SMALL_TALK_PATTERNS = {
    "greeting": (r"^\s*(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))\b",
                 r"\bhow are you(?: doing)?\b", r"\bhow's it going\b", r"\bwhat's up\b"),
    "thanks": (r"\b(?:thanks|thank you|thx|cheers|much appreciated)\b",),
    "acknowledgement": (r"\b(?:great|perfect|nice|cool|ok(?:ay)?|got it|understood|makes sense)\b",),
    "farewell": (r"\b(?:bye|goodbye|see you(?: later)?)\b",),
    "about": (r"\bwho are you\b", r"\bwhat are you\b", r"\bwhat (?:can|do|could) you (?:do|know|help(?: me)?(?: with)?|cover)\b",
              r"\bhow (?:can|do) (?:you help|i use (?:you|this))\b", r"^\s*help\b"),
}

FOLLOW_UP_PATTERNS = (
    r"^\s*(?:and|but|also|so|then|ok(?:ay)?|what about|how about|same for|and for|and what about|what of)\b",
    r"^\s*(?:for|at) (?:a|an|the) ", r"\b(?:same|that|those|these|them|it|this one)\??\s*$",
    r"^\s*(?:tell me more|more detail|go on|elaborate|expand)",
)


def vocabulary_text() -> str:
    """Every word these tables use (for the spelling corrector), patterns reduced to their words."""
    import re

    parts = [phrase for phrases in AREA_SYNONYMS.values() for phrase in phrases]
    for table in (ROLE_PATTERNS, CERTIFICATION_PATTERNS, JOB_FACT_PATTERNS):
        parts += [pattern for patterns in table.values() for pattern in patterns]
    parts += [*LIFECYCLE_PATTERNS, *DEVELOPMENT_PATTERNS, *CATEGORY_PATTERNS, *DOMAIN_TERMS, *CONCEPT_PATTERNS,
              *OUT_OF_SCOPE_PATTERNS, *INJECTION_PATTERNS, *(p for ps in SMALL_TALK_PATTERNS.values() for p in ps)]
    return " ".join(re.sub(r"\\[bswd]|[^A-Za-z' -]", " ", part) for part in parts)
