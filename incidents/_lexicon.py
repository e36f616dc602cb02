"""The extractor's lexicon: the words and patterns that tell violence, casualties, claims and context.

Kept apart from the reading logic in :mod:`incidents.extract` so that a coder can read and extend the
vocabulary (a new kind of attack, a new way of counting the dead) without reading the machinery. English
news usage, written for this project; lemma sets are matched against spaCy's lemmas, patterns against
sentence text.
"""

from __future__ import annotations

import re

KILL_LEMMAS = frozenset(
    {
        "kill",
        "martyr",
        "die",
        "slay",
        "execute",
        "behead",
        "massacre",
        "assassinate",
        "murder",
        "gun",
        "slaughter",
    }
)
KILL_WORDS = frozenset(
    {
        "dead",
        "death",
        "deaths",
        "killed",
        "fatalities",
        "bodies",
        "lives",
        "martyred",
        "martyrs",
        "toll",
        "killing",
    }
)
WOUND_LEMMAS = frozenset({"wound", "injure", "hurt", "maim"})
WOUND_WORDS = frozenset({"wounded", "injured", "injuries", "hurt"})

SCREEN = re.compile(
    r"kill|dead|death|die[ds]?\b|wound|injur|hurt|attack|strike|bomb|blast|explo|clash|fight|ambush|raid|"
    r"shell|mortar|rocket|artillery|missile|suicide|martyr|shot|gunm[ae]n|abduct|kidnap|behead|execut|"
    r"casualt|ceasefire|cease-fire|truce|agreement|peace deal|den(?:y|ied|ies)|claim|responsib|captur|"
    r"overr[au]n|seiz|recaptur|retak|retook|fell to|violat|operation|offensive|landmine|\bmines?\b|\bIEDs?\b|"
    r"grenade|assassinat|murder|massacre|lost their lives|lifted|revoked|\bban\b|\balive\b|not been harmed|drone|airstrike|"
    r"air strike|air raid|fire[ds]? on|opened fire|(?:is|are|was|were) holding|\bblam(?:ed|es|ing)\b|\brejected\b|\bdismissed\b|"
    r"there (?:were|was) no (?:taliban|fighters|militants|insurgents)",
    re.I,
)

SUB_EVENT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Suicide bomb", re.compile(r"suicide|self-detonat|self-immolat|explosive[- ]laden vest|suicide vest", re.I)),
    ("Air/drone strike", re.compile(r"air ?strikes?|airstrikes?|drone|air raids?|aerial|warplanes?|jets?\b|"
                                    r"(?<!anti-)aircraft|(?<!by )helicopters?\b(?! and reinforcements)(?! arrived)(?!\s+(?:brought|carried|delivered|landed|ferried|evacuated|flew|took|dropped supplies))|fighter planes?|"
                                    r"helicopter gunships?|bombed from the air|air attack|air force", re.I)),
    ("Remote explosive/landmine/IED", re.compile(r"roadside bomb|\bIEDs?\b|improvised explosive|landmines?|"
                                                 r"(?:anti-personnel|anti-tank|magnetic|sticky)\s+mines?\b|"
                                                 r"\bmines?\s+(?:explo|blast|went off|detonat)|"
                                                 r"(?:hit|struck|stepped on|triggered|ran over|drove over)\s+"
                                                 r"(?:a|an)\s+(?:[\w-]+\s+)?mine\b|\bmine (?:blast|explosion)|"
                                                 r"magnetic bomb|sticky bomb|car bomb|bomb blast|"
                                                 r"explosion|explosive device|planted|remote[- ]controlled|"
                                                 r"\bblast\b|bomb exploded|bombing|\bbomb\b", re.I)),
    ("Shelling/artillery/missile attack", re.compile(r"shell(?:ing|ed|s)?\b|mortars?|(?<!rocket-propelled )"
                                                     r"(?<!rocket propelled )rockets?(?![- ]propelled)|artillery|"
                                                     r"missiles?|cross-border fire|heavy weapons", re.I)),
    ("Grenade", re.compile(r"(?<!rocket-propelled )(?<!rocket propelled )grenade", re.I)),
    ("Abduction/forced disappearance", re.compile(r"abduct|kidnap|taken hostage|hostages?|forcibly disappeared|"
                                                  r"\b(?:took|taken|led|marched|drove)\s+(?:\w+\s+){0,4}?away\b",
                                                  re.I)),
    ("Government regains territory", re.compile(r"\b(?:recaptured?|retook|retake|retaken|regained(?: control of)?)\s+"
                                                r"(?:the\s+|a\s+)?(?:(?!checkpoints?|posts?|bases?|outposts?)[\w-]+\s+)"
                                                r"{0,2}?(?:district|town|city|area|village|valley|territory)|"
                                                r"back under government control", re.I)),
    ("Non-state actor overtakes territory", re.compile(r"\b(?:captured?|overr[au]n|seized)\s+(?:the\s+|a\s+)?"
                                                       r"(?:(?!checkpoints?|posts?|bases?|outposts?)[\w-]+\s+){0,3}?"
                                                       r"(?:district|town|city)\b|"
                                                       r"fell to|fallen to|falls to|seized control|took control|"
                                                       r"(?:district|town|city)\b.{0,30}\bfell\b", re.I)),
    ("Armed clash", re.compile(r"clash|fighting|firefight|gun ?battle|battle|ambush|raid|operation|offensive|"
                               r"exchange of fire|exchang(?:ed|ing) (?:heavy |small-arms |sporadic )?fire|fought|attack(?:ed|s)? (?:on )?(?:a |an |the )?(?:security |"
                               r"police |army |military |border )?(?:check ?post|checkpoint|outpost|post|base|"
                               r"convoy|camp|headquarters)|stormed|assault", re.I)),
    ("Attack", re.compile(r"shot dead|gunned down|gunmen|opened fire|executed|behead|murder|assassinat|"
                          r"targeted killing|stabbed|tortured|massacre|lynch|attack", re.I)),
)  # fmt: skip
AGREEMENT = re.compile(
    r"ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|signed (?:an? )?(?:deal|agreement)|"
    r"agreed to|(?:lifted|revoked|rescinded|ended) (?:their |its |the )?ban|security guarantees?|"
    r"prisoner (?:release|exchange|swap)",
    re.I,
)
DENIED_OBJECT = re.compile(
    r"kill|dead|death|died|casualt|attack|strike|bomb|responsib|alive|harmed|account|involvement|claim|report|wounded|injur|"
    r"figure|toll|\brole\b",
    re.I,
)
VIOLATION = re.compile(r"violat|breach|broke (?:the|a) (?:ceasefire|truce)", re.I)
CLAIM = re.compile(
    r"claimed? (?:the )?responsibility|claims? responsibility|claimed (?:the|this|that) (?:attack|bombing|blast|"
    r"assault|strike|killing)|took responsibility|accepted responsibility|claims? (?:the )?killing|"
    r"\b(?:said|says|told|announced|stated)\b[^.;]{0,80}\b(?:its|their|the group's|the movement's) "
    r"(?:fighters|men|mujahideen|members) (?:had |have )?[\"“]?"
    r"(?:planted|detonated|carried out|attacked|ambushed|overran|overrun|stormed|killed|cleansed|cleared|"
    r"took (?:control|over)|taken (?:control|over)|taken (?!(?:the |his |her |their )?(?:wounded|injured|bodies|"
    r"dead|body))|captured|seized)\b|"
    r"\b(?:said|says|announced|stated|confirmed|admitted)\b[^.;]{0,60}\b(?:had |has )?(?:carried out|was behind|"
    r"were behind|conducted|launched)"
    r" (?:the|this|that) (?:attack|bombing|blast|assault|strike|killing|assassination|ambush|raid|abduction)|"
    # "said the group had sent the bomber", "confirmed that the group was holding the men"
    r"\b(?:said|says|announced|stated|confirmed|admitted)\b[^.;]{0,60}\b(?:had |has )?sent the "
    r"(?:suicide )?(?:bomber|attackers?)\b|"
    r"\b(?:said|says|told|confirmed|admitted)\b[^.;]{0,100}\b(?:was|were|is|are) holding (?:the |all |them\b|him\b|"
    r"her\b)?(?:\w+ ){0,2}?(?:hostages?|captives?|men|workers|engineers|passengers|soldiers|policemen|deminers|"
    r"them|him|her)\b",
    re.I,
)
DENIAL = re.compile(
    r"\bden(?:y|ied|ies|ying)\b|(?:rejected|dismissed|disputed) (?:the |this |that |those |these |a |an )?(?:[A-Z][\w-]+ |[\w-]+['’]s )?"
    r"(?:claims?|reports?|account|figures?)|(?:dismissed|rejected) (?:it |them |the \w+ )?as (?:a |an )?(?:lie|"
    r"fabrication|propaganda|false|baseless|untrue)|\bthere (?:had been|was|were) no (?:such )?(?:attack|fighting|"
    r"clash)|quick to (?:reject|dismiss|deny)|(?:is|was|are|were) (?:still )?alive|"
    r"was not killed|were not killed|(?:had|has) not been (?:harmed|killed)|(?:false|baseless|untrue) (?:claims?|reports?)|"
    r"no\s?(?:one|body) (?:was|had been|were) (?:killed|hurt|harmed)|suffered no casualties|"
    r"\b(?:claims?|reports?|figures?|numbers?)\b[^.;]{0,40}\b(?:is|are|was|were) (?:a lie|lies|false|untrue|"
    r"baseless|fabricated|propaganda|exaggerated)\b",
    re.I,
)
NOT_CLAIMED = re.compile(
    r"(?:did not|didn't|has not|have not|had not|does not|no group|nobody|no one|not yet)\s+(?:\w+\s+){0,2}"
    r"claim|\b(?:whether|if) (?:the group's|its|their|the) (?:fighters|men|members)\b|"
    r"\bden(?:y|ied|ies|ying) (?:that )?(?:the group's|its|their) (?:fighters|men|members)\b",
    re.I,
)
REGIONAL = re.compile(
    r"\bregions?\b|several (?:provinces|districts|parts)|\b(?:two|three|four|five|six|seven|\d+) "
    r"(?:provinces|districts)|separate (?:incidents|attacks|operations|raids|strikes)|across (?:the|several|"
    r"various|multiple)|nationwide|in the past (?:24|48|72) hours|over the past|in (?:the )?last (?:24|48) hours|"
    r"various parts|different parts|parts of (?:the )?(?:country|afghanistan)|countrywide|"
    r"(?:wave|series|spate|string|chain) of (?:\w+ ){0,3}(?:attacks|bombings|blasts|explosions|assaults|raids)|"
    r"\bin (?:two|three|four|five|six|\d+) (?:separate )?(?:[\w-]+ )?(?:attacks|incidents|bombings|clashes|raids)\b",
    re.I,
)
BACKGROUND = re.compile(
    r"\bsince (?:19|20)\d\d|\bin (?:19|20)\d\d\b|this year|last year|so far this|since the start|since january|"
    r"annual|per cent|percent|\bUN(?:AMA)?\b.{0,40}(?:report|figures|data)|first (?:half|quarter|six months)|"
    r"years? of (?:war|conflict|fighting)|over the years|in recent (?:years|months)|"
    # "insider attacks have killed dozens ... in the past two years" (a tally; not "the deadliest attack in the past
    # two years", which is the news)
    r"\b(?:have|has) (?:been )?(?:killed|died|wounded|left|claimed)\b[^.;]{0,80}\b(?:in|over|during) the (?:past|last) "
    r"(?:\w+ )?(?:years?|months?|decades?)\b|"
    # "In May, the Taliban said ...", "In November 2014, a suicide bomber ...": another month, another event
    r"(?-i:\b[Ii]n (?:early |late |mid-)?May\b)(?!\s+\d)|\b(?:in|since|during|until|by) (?:early |late |mid-)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december) (?:19|20)\d\d\b|"
    r"\b(?:in|since|until|by) (?:early |late |mid-)?(?:january|february|march|april|june|july|august|september|"
    r"october|november|december)\b(?!\s+\d)|last (?:spring|summer|autumn|fall|winter|year|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|month)\b|"
    r"\bsince (?:the )?(?:taliban|group)\b|\b(?:years|decades) ago\b|\ba similar (?:attack|blast|bombing|explosion)|"
    r"\bsince then\b|\b(?:have|has) (?:long |repeatedly |often )?accused\b|\blast week\b|"
    # "the attack came less than two weeks after ...", "the pardon comes weeks after ...": an earlier event
    # "The attack came two weeks after ...", "The pardon comes weeks after ...": what follows is earlier (the
    # subject opens the sentence; "a bombing that killed 12 came hours after ..." tells its own event)
    r"^\W*(?:the|this|it)\s+(?:[\w-]+\s+){0,2}?(?:came|comes)\b[^.;]{0,40}?\b(?:after|since|as)\b|"
    r"^[^,.;]{0,40}(?:,[^.;]{0,80},)?\s*(?:has|have) (?:long |often )?seen\b|"
    r"\b(?:spring|summer|autumn|fall|winter) of (?:19|20)\d\d\b|\bearlier this (?:month|year)\b",
    re.I,
)

PERSON_NOUNS = frozenset(
    {
        "people", "person", "persons", "civilians", "civilian", "children", "child", "women", "woman", "men", "man",
        "soldiers", "soldier", "troops", "policemen", "policeman", "police", "officers", "officer", "personnel",
        "fighters", "fighter", "militants", "militant", "insurgents", "insurgent", "rebels", "rebel", "members",
        "member", "commanders", "commander", "leaders", "leader", "guards", "guard", "villagers", "worshippers",
        "students", "passengers", "workers", "farmers", "elders", "elder", "others", "gunmen", "attackers",
        "bombers", "servicemen", "commandos", "militiamen", "recruits", "cadets", "staff", "employees",
        "family", "relatives", "sons", "daughters", "brothers", "boys", "girls", "pilgrims", "mourners",
        "journalists", "teachers", "doctors", "officials", "taliban", "casualties", "dead", "killed", "wounded",
        "injured", "governor", "chief", "labourers", "laborers", "miners", "judges", "prosecutors", "shopkeepers",
        "bodyguards", "bodyguard", "spokesman", "deputy", "son", "daughter", "brother", "father", "wife",
        "drivers", "driver", "truckers", "engineers", "engineer", "contractors", "deminers", "vaccinators",
        "vaccinator", "nurses", "nurse", "clerics", "cleric", "worshipers", "shoppers", "tribesmen", "herders",
        "nomads", "refugees", "returnees", "detainees", "prisoners", "inmates", "protesters", "demonstrators",
    }
)  # fmt: skip
ROLE_NOUNS = frozenset(
    {
        "governor", "commander", "chief", "leader", "official", "elder", "member", "soldier", "policeman", "general",
        "colonel", "pilot", "engineer", "imam", "vendor", "shopkeeper", "customer", "passer-by", "bystander",
        "watchman", "interpreter", "translator", "principal", "nurse", "attacker", "gunman", "bomber",
        "civilian", "officer", "fighter", "militant", "insurgent", "cleric", "judge", "journalist", "student",
        "child", "woman", "man", "boy", "girl", "head", "deputy", "mullah", "mawlavi", "maulvi", "spokesman",
        "guard", "farmer", "teacher", "doctor", "driver", "prosecutor", "mayor", "lawmaker", "mp", "senator",
        "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "nephew", "cousin",
        "niece", "uncle", "aunt", "grandfather", "grandmother", "grandson", "granddaughter", "bodyguard",
    }
)  # fmt: skip
NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:-|–)?\s*(?:years?|year-old|days?|hours?|minutes?|weeks?|months?|km|kilomet(?:re|er)s?|miles?|metres?|"
    r"meters?|per\s*cent|percent|%|am\b|pm\b|a\.m\.|p\.m\.|gmt|provinces?|districts?|villages?|houses?|homes?|"
    r"vehicles?|cars?|trucks?|tanks?|checkpoints?|check posts?|posts?|bases?|outposts?|attacks?|operations?|"
    r"raids?|strikes?|airstrikes?|bombs?|mines?|rockets?|mortars?|rounds?|shells?|times?|sept|oct|nov|dec|jan|"
    r"feb|mar|apr|jun|jul|aug|afghanis?|dollars?|rupees?|tons?|kg|cases?|incidents?|points?|areas?|weapons?|"
    r"rifles?|guns?|motorcycles?|shops?|schools?|mosques?|families|votes?|polling|seats?|th|st|nd|rd)(?![\w-])",
    re.I,
)
CONNECTORS = frozenset(
    {"e", "i", "ye", "yi", "wa", "o", "-e-", "-i-", "-ye-", "ul", "al", "-", "'", "’", "e-", "i-"}
)
NOT_PLACE_WORDS = frozenset(
    {
        "afghanistan", "afghan", "afghans", "taliban", "taleban", "us", "u.s.", "nato", "isaf", "islamic", "state",
        "mullah", "mawlavi", "maulvi", "haji", "sayed", "syed", "mohammad", "muhammad", "ahmad", "ahmed", "abdul",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "sept", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "ministry", "minister", "president", "police", "army", "the", "a", "an", "in", "on", "at",
        "and", "of", "said", "says", "kabul's", "breaking", "update", "ld", "writethru", "officials", "official",
        "sources", "source", "provincial", "council", "governor", "spokesman", "daesh", "isis", "pakistan",
        "pakistani", "iran", "iranian", "durand", "line", "emirate", "resistance", "front", "national", "red",
        "cross", "government", "district", "province", "city", "village", "town", "security", "forces",
    }
)  # fmt: skip
EVENT_VERB = re.compile(
    r"\b(?:clashed|attacked|ambushed|stormed|raided|struck|targeted|opened fire|fired|shelled|bombed|exploded|"
    r"detonated|went off|blew up|erupted|broke out|killed|captured|overran|overrun|seized|recaptured|retook|"
    r"retaken|abducted|kidnapped|hit|came under|took place|shot|fought|was attacked|attacks?|kills?|storms?|"
    r"ambush(?:es)?|clash(?:es)?|falls?|fell|takes? control|took control|overruns?|repulsed|torched|burn(?:ed|t|ing)|"
    r"were attacked|violated|violates)\b",
    re.I,
)
CONFLICT = re.compile(
    r"taliban|taleban|troops|insurgen|militan|combat|in contact|conflict|\bwar\b|casualt|security forces|"
    r"offensive|gunmen|daesh|islamic state|resistance",
    re.I,
)
ACTION = re.compile(r"\b(?:launched|conducted|carried out|began|started|staged|mounted)\b", re.I)
HYPOTHETICAL = re.compile(
    r"\b(?:will|would|plan(?:s|ned)? to|planned|aimed at|to prevent|in order to|threaten(?:s|ed)?|warn(?:s|ed)?|"
    r"could|may|might|vow(?:s|ed)?|prepar(?:e|es|ed|ing))\b",
    re.I,
)
ATTRIBUTION_BEFORE = re.compile(
    r"(?:spokesm[ae]n|spokeswoman|spokesperson|official|officials|chief|head|statement|sources?|said|told)\s+"
    r"(?:for|of|from|in|at|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
SPEAKER_BEFORE = re.compile(
    r"\b(?:officials?|spokesm[ae]n|spokeswoman|spokesperson|sources?|ministry|reporters?|journalists?|"
    r"statement|agency|residents?|correspondents?)\s+"
    # "a spokesman for the US-led coalition at Bagram air base"
    r"(?:(?:for|of)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?)?(?:based\s+)?(?:in|from|at)\s+(?:the\s+)?"
    r"(?:capital\s+|city\s+of\s+)?$|\b(?:tele)?phone\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
ACTS_AFTER = re.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:[\w-]+\s+){0,2}?(?:attacked|attack|attacks|stormed|storm|ambushed|ambush|overran|"
    r"overrun|raided|raid|killed|kill|kills|shot|fired|shelled|struck|strike|launched|opened fire|seized|captured|"
    r"abducted|kidnapped|bombed|targeted)\b",
    re.I,
)
CARE_BEFORE = re.compile(
    r"\b(?:hospitals?|clinics?|taken|transferred|moved|evacuated|airlifted|rushed|treated|flown)\b(?:\s+[\w'’-]+){0,4}\s+"
    r"(?:in|to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:at\s+)?$|\b(?:later|then|afterwards)\s+(?:to|in)\s+(?:the\s+)?$",
    re.I,
)
ROUTE_AFTER = re.compile(r"^(?:-[A-Z][\w'’]+)?\s*(?:highway|road|motorway|route|railway|pipeline)\b", re.I)
SPEAKER_AFTER = re.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:spokesm[ae]n|spokeswoman|spokesperson|officials?|chief|commander|said|says|told|"
    r"sources?|statement|den(?:y|ied|ies)|rejected|dismissed|blamed|blames|accused|accuses)\b",
    re.I,
)
GENERIC_AFTER = re.compile(
    r"^[\s,]*(district|province|city|town|village|area|valley|bazaar|market|region)\b", re.I
)
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|of|at|from|to|into|outside|around|across|toward|towards)\s*$", re.I
)

LIVES_TAKEN = re.compile(r"\blost\b|\bclaim(?:s|ed|ing)?\s+(?:at least\s+|the\s+)?(?:\S+\s+)?lives\b", re.I)

SINGULAR = re.compile(
    r"(?P<subj>(?:\b(?:a|an|the|one|another|his|their|its)\s+)?(?:[\w'’.-]+\s+){0,6}?(?P<role>"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r")\b[^.;]{0,80}?)\s+(?:was|has been|had been|is)\s+(?:reportedly\s+|also\s+|allegedly\s+)?"
    r"(?P<verb>killed|shot dead|martyred|executed|beheaded|assassinated|gunned down|wounded|injured|hurt|"
    r"(?:shot|hit) in the (?:legs?|arms?|shoulders?|hands?|foot|feet|back|stomach|thigh|knee))",
    re.I,
)
KILLED_OR_WOUNDED = re.compile(
    r"^(?:\s+[\w'’-]+){0,4}?\s+(?:were\s+|have been\s+)?(?:killed|dead|martyred)(?:\s+(?:and|or)|,)\s+"
    r"(?:wounded|injured)\b|^(?:\s+[\w'’-]+){0,4}?\s+casualties\b",
    re.I,
)
KILLING_OF = re.compile(
    r"\bkilling of (?:a |an |one |the )?(?P<phrase>(?:[\w'’-]+\s+){0,3}?(?P<role>"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\b",
    re.I,
)
HEADLINE_SINGULAR = re.compile(
    r"(?P<subj>(?:\b(?:a|an|the|one|another|former|senior|local)\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}?(?P<role>"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\s+(?P<verb>Killed|Shot Dead|Martyred|Executed|Gunned Down|Assassinated|Wounded|Injured|killed|shot dead|"
    r"martyred|executed|gunned down|assassinated)\b(?!\s+(?:by\s+)?(?:\d|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|several|many|\w+\s+(?:people|civilians|soldiers|policemen)))",
    re.I,
)
ROLE_AND_COUNT = re.compile(
    r"\b(?:a|an|the|one)\s+(?P<phrase>(?:[\w'’-]+\s+){0,3}?(?:"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\s+(?:and|along with|together with)\s+",
    re.I,
)
COUNT_AND_ROLE = re.compile(
    r"\s*,?\s*(?:and|as well as)\s+(?:a|an|one|the|their|its|his|her)\s+(?P<phrase>(?:[\w'’-]+\s+){0,2}?(?:"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\b(?!['’]s)",
    re.I,
)
ACTIVE_SINGULAR = re.compile(
    r"\b(?P<verb>killed|killing|kills|kill|shot dead|executed|wounded|injured|wounding|injuring)\s+(?:a\s+|an\s+|one\s+)?"
    r"(?P<phrase>(?:[\w'’-]+\s+){0,3}?(?P<role>"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\b",
    re.I,
)
# an office held in a place: "the district governor of Jaghatu", "police chief of Nad-e Ali"
OFFICE_OF_BEFORE = re.compile(
    r"\b(?:governor|chief|commander|mayor|head|representative|lawmaker|MP|senator|deputy)\s+(?:of|for)\s+"
    r"(?:the\s+)?$|\b(?:commander|chief|head|leader|in charge)\s+(?:of|for)\s+(?:[\w-]+\s+){1,3}?in\s+(?:the\s+)?$",
    re.I,
)
# who the dead were is disputed: "villagers said the dead were civilians", "all eight were civilians"
IDENTITY_DISPUTE = re.compile(
    r"\bcontradict\w*\b[^.;]{0,60}?\b(?:the dead|those killed|the victims) were\b|"
    r"\b(?:said|say|says|insist(?:ed|s)?|maintain(?:ed|s)?)\b[^.;]{0,60}?\b(?:the dead|those killed|the victims|"
    r"the men|all (?:\w+ )?(?:of them)?|they)\s+were\s+(?:all\s+)?(?:civilians|innocent|not (?:taliban|fighters|"
    r"militants|insurgents))\b|\bthere (?:were|was) no (?:taliban|fighters|militants|insurgents)\b|"
    r"\bsaid (?:that )?(?:[\w-]+ )of the dead were (?:\w+ ){0,2}(?:civilians|villagers|farmers|children|students|"
    r"shepherds|labourers|laborers)\b",
    re.I,
)
# targets described, not the method of the event: "insurgents were preparing a car bomb there", "seized
# weapons and explosives", "a commander organising roadside bomb attacks"
NOT_THE_METHOD = re.compile(
    r"\b(?:prepar(?:e|es|ed|ing)|plann(?:ed|ing)|plott(?:ed|ing)|organi[sz](?:e|es|ed|ing)|mak(?:e|es|ing)|made|"
    r"build(?:s|ing)?|built|assembl(?:e|es|ed|ing)|stor(?:e|es|ed|ing)|hid|hidden|hiding|suspected of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:car bombs?|bombs?|explosives?|IEDs?|(?:roadside |suicide )?bomb(?:ing)? attacks?|suicide (?:attacks?|"
    r"bombings?|vests?)|mines?)\b|\b(?:seized|confiscated|found|recovered|discovered|captured|defused)\s+"
    r"(?:[\w,-]+\s+){0,5}?(?:explosives?|bombs?|IEDs?|mines?|suicide vests?|grenades?)\b|\bexplosives?\b[^.;]{0,60}?"
    r"\b(?:had been |were |was )?(?:seized|confiscated|found|recovered|discovered|defused)\b|"
    r"\bbomb-making\b|\b(?:explosives?|bombs?|IEDs?|suicide vests?|grenades?|rifles?|weapons)\b[^.;]{0,60}?\b(?:had been |were |was )"
    r"(?:seized|confiscated|found|recovered|discovered|defused)\b|"
    # explosions heard in a raid: "we could hear explosions until the morning prayer"
    r"\b(?:hear|heard|hearing)\s+(?:the\s+)?(?:sound of\s+)?(?:explosions?|blasts?|gunfire)\b|"
    # support in a ground battle: "troops, backed by attack helicopters, fought them off"
    r"\b(?:backed|supported|aided|assisted) by (?:[\w-]+\s+){0,3}?(?:helicopters?|gunships?|aircraft|air ?strikes?|"
    r"air support|air power|warplanes?|jets|drones?)\b|\bwith (?:the )?(?:help|support) of (?:[\w-]+\s+){0,3}?"
    r"(?:helicopters?|gunships?|aircraft|air ?strikes?|air support|warplanes?|jets|drones?)\b|"
    # a militant who blows himself up as a raid closes in: the raid is the event
    r"\b(?:blew himself up|set off (?:an |his |a )?(?:explosive|suicide) vest|detonated (?:an |his |a )?(?:explosive|"
    r"suicide) vest)\b[^.;]{0,40}?\bas (?:the )?(?:[\w-]+ )?(?:forces|troops|police|soldiers|commandos) (?:closed in|"
    r"approached|surrounded|moved in|stormed|raided)",
    re.I,
)
# an actor's facility or column, which is hit rather than acting: "a Taliban security post", "a police convoy"
TARGET_FACILITY_AFTER = re.compile(
    r"^\s+(?:security\s+|police\s+|military\s+|army\s+|border\s+)?(?:posts?|checkpoints?|check-posts?|bases?|"
    r"compounds?|offices?|headquarters|convoys?|vehicles?|patrols?|outposts?|camps?|barracks|garrisons?|"
    r"pick-?ups?|ranger|humvees?|tanks?)\b",
    re.I,
)
# a family listed without a total: "killing a man, his wife and four of their children"
FAMILY_GAP = re.compile(r"\s*(?:a|an|one)\s+[\w'’-]+,\s+(?:his|her)\s+[\w'’-]+\s+and\s*")
# what may stand between a killing word and the count it governs: "killed at least 12", "killing a commander and
# four ...", "killing a man, his wife and four of their children" (only the last takes a comma)
TRIGGER_GAP = re.compile(
    r"\s*(?:(?:at least|more than|over|up to|nearly|about|around|some|as many as|a total of|"
    r"an estimated|another|the|rose to|risen to|climbed to|reached|to|of|at|along with|together with|"
    r"alongside|and|him and|her and)\s*)*|\s*(?:a|an|the|one)\s+(?:[\w'’-]+\s+){0,5}(?:and|along with|together with)\s*"
    r"(?:(?:his|her|their|its)\s+)?|" + FAMILY_GAP.pattern
)
FAMILY_LIST = re.compile(
    r"\b(?:a|an|one)\s+[\w'’-]+,\s+(?P<b>(?:his|her)\s+[\w'’-]+)\s+and\s+(?P<n>[\w-]+)\s+(?:of\s+)?(?:their|his|her)\s",
    re.I,
)
# a place as a reference point: "on the highway south of Kabul", "40 km north of Kunduz city"
RELATIVE_TO_BEFORE = re.compile(
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+(?:the\s+)?$", re.I
)
# the subject of a toll that rose: "the death toll", "the number of passengers killed", "the number of wounded"
DEATH_TOLL_SUBJECT = re.compile(
    r"\b(?:death toll|toll|number of (?:the )?(?:[\w-]+ ){0,2}?(?:killed|dead|deaths|(?P<w>wounded|injured)))\b",
    re.I,
)
BEING_TREATED_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:were|are|was|is)\s+(?:still\s+)?(?:being\s+)?(?:treated|hospitali[sz]ed|"
    r"in hospitals?)\b",
    re.I,
)
KILLED_OR_WOUNDED_TOGETHER = re.compile(
    r"\b(?:killed|dead|died|killing)\s+or\s+(?:wounded|injured|wounding|injuring)\b|"
    r"\b(?:wounded|injured)\s+or\s+killed\b",
    re.I,
)
# crimes named as categories ("convicted of murder, kidnapping and ...", "crimes such as kidnapping"): no event
CRIME_CATEGORIES = re.compile(
    r"\b(?:convicted|charged|guilty|jailed|imprisoned|sentenced|pardoned)\s+(?:of|with|for)\s+[^.;]{0,80}"
    r"|\bcrimes?\s+(?:of|such as|like|including)\s+[^.;]{0,60}",
    re.I,
)
# the event itself denied: "there had been no attack in Paryan", "dismissed as a fabrication"
NO_SUCH_EVENT = re.compile(
    r"\bthere (?:had been|has been|was|were) no (?:such )?(?:attack|fighting|clash|clashes|operation|strike)\b|"
    r"\bas (?:a |an )?(?:fabrication|lie|fiction|propaganda)\b|\bnever (?:happened|took place)\b",
    re.I,
)
# an official naming who did it: "He blamed the Taliban.", "Police blamed the Haqqani network"
BLAMED = re.compile(r"\bblam(?:ed|es|ing)\s+(?:the\s+)?[a-z]", re.I)  # any case: "blamed insurgents" too
# the dead carried somewhere to protest or be buried: "relatives brought three of the bodies to Lashkar Gah"
BODIES_MOVED = re.compile(
    r"\b(?:brought|carried|took|taken|displayed|laid|transported)\b[^.;]{0,40}?\bbod(?:y|ies)\b[^.;]{0,30}?\bto\b",
    re.I,
)
# a ground assault: rockets fired with it are part of a battle ("fired rockets and RPGs, then tried to storm it")
GROUND_ASSAULT = re.compile(
    r"\b(?:storm(?:ed|ing)?|tried to storm|overr[au]n|rocket-propelled grenades?|RPGs?|fought (?:them |it )?off|"
    r"repelled|repulsed|gun ?battle|firefight|small[- ]arms)\b",
    re.I,
)
# "neither confirmed nor denied", "would not confirm or deny": no denial
NOT_DENIED = re.compile(
    r"\b(?:neither|not|nor|never)\s+(?:confirmed|confirm)\s+(?:nor|or)\s+den(?:y|ied)\b|\bwithout (?:confirming "
    r"or )?denying\b",
    re.I,
)
# deaths from nature or accident are not political violence: "an earthquake killed 14", "floods killed"
NATURAL_CAUSE = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|floods?|flash floods?|flooding|avalanches?|landslides?|"
    r"mudslides?|(?:heavy|severe|snow|winter|dust|sand)\s+storms?|blizzards?|heavy (?:rain|snow)(?:fall)?|snowfall|drought|cold snap|froze to death|lightning|"
    r"(?:road|traffic|car|bus) (?:accident|crash)|collided)\b",
    re.I,
)
# a sentence that updates a count told earlier: its date is when the count rose, not when the event was
TOLL_UPDATE = re.compile(
    r"\b(?:death )?toll\b[^.;]{0,40}?\b(?:rose|risen|rises|climbed|increased|jumped|reached|stood at|stands at|"
    r"went up)\b|\b(?:later|subsequently|overnight)\s+died\b|\bdied (?:later|overnight|of (?:their|his|her) "
    r"(?:wounds|injuries))\b|\bnumber of\b[^.;]{0,160}?\b(?:has |had )?(?:risen|rose|climbed|increased|jumped)\b"
    # "our men counted fourteen bodies this morning": the morning dates the counting, not the killing
    r"|\bcounted\b[^.;]{0,30}?\b(?:bodies|dead)\b"
    # "by Friday morning the health department said seven people had died"
    r"|\bby (?:the (?:next|following) (?:day|morning)|(?:early |late )?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|morning|evening|nightfall|midnight|dawn)(?: (?:morning|afternoon|evening|night))?)\b[^.;]{0,90}?"
    r"\b(?:had died|had been killed|were dead|was dead|had risen|had climbed)\b",
    re.I,
)
# a speaker whose own fighters acted: "the NRF said its fighters had ambushed a Taliban patrol"
OWN_FIGHTERS_ACTED = re.compile(
    r"^[^.;]{0,60}?\b(?:its|their|our)\s+(?:fighters|forces|men|members|troops|mujahideen|units?)\s+(?:had\s+|have\s+)?"
    r"(?:ambushed|attacked|killed|stormed|raided|struck|targeted|shot|fired|captured|seized|overran|destroyed|"
    r"cleansed|cleared|planted|detonated)\b",
    re.I,
)
# another source's figure for the same dead: "while Taliban officials put the death toll at 16"
ALTERNATIVE_TOLL = re.compile(
    r"\b(?:put|puts|putting|gave|gives|giving|estimated|estimates|placed)\s+(?:the\s+)?(?:death\s+)?"
    r"(?:toll|number of (?:dead|deaths|victims|those killed))\s+(?:at|as)\s+(?:at least\s+|more than\s+)?$|"
    r"\b(?:while|whereas|but)\s+(?:the\s+)?[\w\s'’-]{0,40}?\bclaim(?:ed|s)?\s+(?:to have|they had|that they had|"
    r"that they|they)\s+(?:killed|wounded)\s+(?:at least\s+|more than\s+)?$",
    re.I,
)
# two armed sides firing at each other: a battle, whatever the weapons (ACLED's armed clash)
EXCHANGE_OF_FIRE = re.compile(
    r"exchang(?:ed|ing|e of) (?:heavy )?fire|\bfought\b|gun ?battle|firefight|clashed|clashes between", re.I
)
# a party denying that it had a hand in an attack: disputes the perpetrator, not the incident
DENIES_INVOLVEMENT = re.compile(
    r"den(?:y|ied|ies|ying)\b[^.;]{0,60}\b(?:involvement|responsibility|role|links?|hand|part)\b|"
    r"had (?:no|nothing to do with|no part in)\b",
    re.I,
)
# agreements that are business, not politics: mining contracts, trade deals
COMMERCIAL = re.compile(
    r"\b(?:compan(?:y|ies)|contracts?|investors?|investment|tender|mining|trade deal|commercial|firms?)\b",
    re.I,
)
# where people went, not where the event was: "as they fled towards Dehrawud"
FLED_TO_BEFORE = re.compile(
    r"\b(?:fled|retreated|escaped|withdrew|ran)\s+(?:back\s+)?(?:to|towards|into|toward)\s+$", re.I
)
# a newspaper's or broadcaster's name: "the daily Nawa-ye Shamal"
OUTLET_BEFORE = re.compile(r"\b(?:daily|weekly|newspaper|paper|agency|radio|television|TV|channel)\s+$", re.I)
# the two ends of a road: "on the highway between Zaranj and Delaram"
ROUTE_ENDS_BEFORE = re.compile(r"\b(?i:between)\s+$|\b(?i:between)\s+[A-Z][\w'’ -]{1,30}\s+and\s+$")
# "police repulsed a Taliban attack": the group named before "attack" acted, the subject defended
REPELLED_BEFORE = re.compile(
    r"\b(?:repulsed|repelled|foiled|fought off|beat back|thwarted|pushed back)\s+(?:an?|the)\s+$", re.I
)
# a side speaking of its own losses: "our forces suffered no casualties"
OWN_LOSSES = re.compile(
    r"\b(?:our|its|their)\s+(?:forces|side|men|troops|personnel|soldiers|policemen|police|fighters)\b[^.;]{0,40}"
    r"\b(?:no casualties|no losses|unharmed|unhurt)\b|\bsuffered no (?:casualties|losses)\b",
    re.I,
)
# "Pul-e Alam, the capital of Logar province": the town, at a town's precision
CAPITAL_AFTER = re.compile(r"^\s*,\s*the\s+(?:provincial\s+)?capital\b", re.I)
# one more person hurt, without a number: "killed three miners and wounded a fourth", "one killed and another
# wounded", "a fourth lost a leg"
ONE_MORE_WOUNDED = re.compile(
    r"\b(?:wounded|injured|wounding|injuring)\s+(?:another|a\s+(?:second|third|fourth|fifth|sixth))\b|"
    r"\b(?:another|a\s+(?:second|third|fourth|fifth|sixth))(?:\s+[\w'’-]+){0,2}?\s+(?:was\s+|were\s+)?"
    r"(?:wounded|injured|hurt|lost\s+(?:a|an|his|her|both|one)\s+(?:legs?|arms?|hands?|eyes?|feet|foot))\b",
    re.I,
)
