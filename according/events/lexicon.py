"""Trigger lexicon: for each CASE 2021 / ACLED sub-event label, weighted cue patterns.

Written from ACLED's codebook definitions (2019-2021 editions) and general news
vocabulary, not fitted to any evaluation snippet: a cue belongs to a label because the
codebook says that kind of happening is coded there. Each cue is
``(pattern, weight, context)``: the weight is how strongly the words alone point to the
label (3 = decisive, 2 = strong, 1 = supporting), and ``context``, when set, names a
pattern in ``CONTEXTS`` that must also occur in the text, because several ACLED types
differ only by who is involved (police firing *on protesters* is excessive force
against protesters; police firing on gunmen is an armed clash).
"""

from __future__ import annotations

Cue = tuple[str, float, str | None]

# Context patterns shared by several labels.
CONTEXTS: dict[str, str] = {
    "protest": (
        r"protest\w*|demonstrat(?:ion|ions|ors?|ed|ing)|rall(?:y|ies|ied)|marche[sd]|"
        r"marching|sit-ins?|picket\w*|strikers?|striking (?:workers|teachers|doctors|nurses)|"
        r"crowds?|march(?:ed)? (?:to|through|on)"
    ),
    "authorities": (
        r"police|security forces|officers|troops|soldiers|army|authorities|riot police|"
        r"gendarm\w*|military"
    ),
    "armed": (
        r"militants?|rebels?|insurgents?|gunmen|jihadists?|fighters|terrorists?|"
        r"militias?|troops|soldiers|forces|army|isis|isil|daesh|taliban|al-shabaab|"
        r"boko haram|al qaeda|islamic state"
    ),
    "hostile": (
        r"attack\w*|bomb\w*|militants?|insurgents?|terror\w*|jihad\w*|ieds?|targeted|"
        r"claimed|rebels?|gunmen|explosive devices?|suicide|insurgency|separatists?"
    ),
    "weaponry": (
        r"missiles?|rockets?|drones?|bombs?|explosives?|weapons?|arms|attacks?|plots?|"
        r"ieds?|grenades?|projectiles?|suicide"
    ),
    "territory": r"town|village|city|area|district|region|province|territor\w*|base|"
    r"airport|border|crossing|hill|road|highway|neighbou?rhood",
}

LEXICON: dict[str, list[Cue]] = {
    "PEACE_PROTEST": [
        (r"protest(?:s|ed|ing|ers?|ors?)?", 2, None),
        (r"demonstrat(?:ion|ions|ors?|ed|ing)", 2, None),
        (r"rall(?:y|ies|ied)", 2, None),
        (r"sit-ins?|hunger strikes?|picket\w*|vigils?|petition\w*", 2, None),
        (
            r"(?:went|go|going|are|were) on strike|general strike|workers'? strike|"
            r"strike action|walk-?outs?|boycott\w*",
            2.5,
            None,
        ),
        (r"(?<!\d )march(?:ed|es)?\b(?! \d)", 1, "protest"),
        (r"chant\w*|slogans?|placards?|banners?", 1, None),
        (
            r"call(?:ing|ed)? for (?:regime change|the (?:release|resignation|ouster|downfall))",
            2,
            None,
        ),
        (r"graffiti|leaflets|posters", 1, None),
        (r"peaceful(?:ly)?", 1, "protest"),
        # "Hundreds gathered outside parliament, demanding ...": a crowd that gathers to
        # demand or denounce something is a demonstration, whatever the word for it.
        (
            r"(?:gathered|gathering|assembled|took to the streets|blocked roads?)"
            r"(?: [\w'’,-]+){0,12}?,? (?:demanding|to demand|calling for|to denounce|"
            r"denouncing|against|in protest)",
            2,
            None,
        ),
    ],
    "PROTEST_WITH_INTER": [
        (
            r"tear ?gas|water cannons?|rubber bullets|pepper spray|stun grenades?|batons?",
            2.5,
            "protest",
        ),
        (r"dispers\w*|broke up|break up|disrupt\w*|chas(?:e|ed|es|ing)", 2.5, "protest"),
        (r"(?:tear ?gas|water cannons?|rubber bullets) (?:\w+ ){0,6}(?:to )?disperse", 2, None),
        (r"arrested|detained|arresting|detaining|rounded up", 1.5, "protest"),
    ],
    "FORCE_AGAINST_PROTEST": [
        (
            r"(?:opened|open) fire on (?:\w+ ){0,3}(?:protesters|demonstrators|crowds?)|"
            r"fired (?:live )?(?:ammunition |bullets )?(?:on|at|into) (?:\w+ ){0,2}"
            r"(?:protesters|demonstrators|crowds?)",
            4,
            None,
        ),
        (r"live (?:ammunition|bullets|rounds|fire)", 2, "protest"),
        (
            r"(?:beat|beats|beating|hits?|hitting|kick\w*|assault\w*|attack\w*|crackdown|"
            r"club\w*) (?:[\w'-]+ ){0,4}(?:protesters?|protestors?|demonstrators?|marchers)",
            3,
            None,
        ),
        (
            r"(?:killing|killed|shot dead|shooting dead) (?:\w+ ){0,3}"
            r"(?:protesters?|demonstrators?)|(?:protesters?|demonstrators?) "
            r"(?:were |was |have been |had been )?(?:killed|shot)",
            3,
            None,
        ),
        (
            r"brutally|crack(?:ed)? down on|suppress(?:ed|ing)|excessive force|beat(?:en|ing|s)? "
            r"(?:up )?(?:an? |the )?(?:\w+ ){0,2}(?:protesters?|demonstrators?|students)",
            2,
            "protest",
        ),
        (
            r"(?:security forces|police|troops|soldiers|army|officers) (?:\w+ ){0,3}"
            r"(?:killed|shot dead|shot and killed)",
            2.5,
            "protest",
        ),
        (
            r"(?:protesters?|demonstrators?) (?:\w+ ){0,3}(?:died|killed|shot|wounded)|gunfire|"
            r"serious(?:ly)? injur\w*|live fire",
            1.5,
            "protest",
        ),
    ],
    "VIOL_DEMONSTR": [
        (r"riot(?:s|ers|ing|ed)?\b(?! police)", 3, None),
        (
            r"(?:threw|throws?|throwing|hurl\w*|pelt\w*) (?:\w+ ){0,3}"
            r"(?:stones|rocks|bottles|petrol bombs|molotov\w*|projectiles|eggs|fireworks|"
            r"firecrackers|objects|bricks|fences?|chairs)",
            2.5,
            None,
        ),
        (r"stone[- ]pelt\w*|molotov|petrol bombs?", 2.5, None),
        (
            r"(?:fired?|firing|set off) (?:\w+ ){0,1}(?:fireworks|firecrackers)|"
            r"light(?:ed|ing)? fires|broke into|pull(?:ed|ing)? down|tore down|"
            r"(?:fought|clashed|scuffled) with (?:\w+ ){0,2}(?:police|security|officers)",
            2.5,
            "protest",
        ),
        (
            r"(?:torched|set (?:\w+ ){0,3}(?:on )?fire|set ablaze|burn(?:ed|t|ing)|vandali[sz]\w*|"
            r"smash\w*|loot\w*|blocked|blocking|barricad\w*|burning tyres|shut down roads)",
            1.5,
            "protest",
        ),
        (r"clash(?:ed|es)?|violent|violence|turned violent|stormed", 1.5, "protest"),
        (r"angry (?:protesters|demonstrators|crowds?|youths)", 1.5, None),
    ],
    "MOB_VIOL": [
        (r"\bmobs?\b|lynch\w*|vigilant\w*", 3, None),
        (
            r"communal (?:violence|clash\w*)|sectarian clash\w*|angry residents|villagers "
            r"(?:attacked|beat|killed)",
            2,
            None,
        ),
        (r"ethnic clash\w*|inter-communal|farmers and herders|herders", 1.5, None),
    ],
    "ARMED_CLASH": [
        (r"clash(?:ed|es|ing)?", 2.5, None),
        (
            r"fight(?:ing|s)?|fought|battles?|battling|gun ?battles?|firefights?|exchange of fire|"
            r"exchanged fire|skirmish\w*|engag(?:ed|ement)",
            2,
            None,
        ),
        (
            r"ambush\w*|(?:attack(?:ed|s|ing)?|raid(?:ed|s|ing)?|storm(?:ed|s|ing)?) (?:on )?"
            r"(?:a |an |the )?(?:[\w'-]+ ){0,3}"
            r"(?:checkpoints?|convoys?|patrols?|military|army|security forces|soldiers|troops|"
            r"militias?|militia group|forces|bases?|outposts?|barracks|police (?:station|post|"
            r"training|academy|headquarters|checkpoint|patrol|convoy)s?)",
            4,
            None,
        ),
        (r"militants?|rebels?|insurgents?|jihadists?|fighters", 1, None),
        (r"soldiers|troops|security forces|army", 0.5, None),
        (
            r"killed (?:\w+ ){0,4}(?:militants|rebels|insurgents|terrorists|fighters|soldiers)",
            1,
            None,
        ),
    ],
    "GOV_REGAINS_TERIT": [
        (
            r"recaptur\w*|retook|retake|retaken|regain\w*|(?-i:liberat\w*)|reclaim\w*|"
            r"(?:drove|driven|pushed|forced|kicked) (?:[\w'-]+ ){0,4}out of|pushed back|"
            r"controlling (?:the )?(?:entire|whole)|"
            r"recover(?:ed|ing)? (?:control|the|areas|regions)|back under (?:government|army) "
            r"control|wrest\w* control",
            4,
            None,
        ),
        (
            r"(?:army|troops|government forces|security forces|military) (?:\w+ ){0,3}"
            r"(?:took|taken|seized|captured|gained) control",
            2,
            None,
        ),
        (
            r"(?:army|troops|troopers|government forces|security forces|soldiers|military) "
            r"(?:\w+ ){0,3}(?:captured|seized|took|overran|stormed)",
            2,
            "territory",
        ),
        (
            r"(?:army|troops|government forces|forces) (?:\w+ ){0,2}(?:advance\w*|entered|"
            r"deploy\w* in)",
            1,
            "territory",
        ),
        (
            r"cleared|mop-up|from (?:the )?(?:isis|isil|daesh|the islamic state|militants|"
            r"rebels)",
            1,
            None,
        ),
    ],
    "NON_STATE_ACTOR_OVERTAKES_TER": [
        (
            r"(?:seiz|captur|overr?an|overrun|took|taken|tak(?:e|ing)|gain\w*|storm)\w* "
            r"(?:\w+ ){0,3}control|(?:seized|captured|overran|overrun|stormed|took over)\b",
            1.5,
            "armed",
        ),
        (
            r"(?:militants|rebels|insurgents|jihadists|fighters|isis|isil|daesh|taliban|"
            r"al-shabaab|boko haram|islamic state|houthis?) (?:\w+ ){0,4}"
            r"(?:seized|captured|overran|took|taken|stormed|entered|advanced|control)",
            2.5,
            None,
        ),
        (
            r"fell to|fallen to|under (?:the )?control of (?:the )?(?:militants|rebels|"
            r"insurgents|jihadists)",
            2.5,
            None,
        ),
    ],
    "CHEM_WEAP": [
        (
            r"chemical (?:weapons?|attacks?|agents?|munitions)|sarin|chlorine|mustard gas|"
            r"nerve (?:gas|agent)|toxic gas|poison(?:ous)? gas|vx\b|novichok",
            4,
            None,
        ),
        (r"suffocat\w*", 1.5, "hostile"),
    ],
    "AIR_STRIKE": [
        (
            r"air ?strikes?|air ?raids?|airstrikes?|air attacks?|aerial (?:bombard\w*|attacks?|"
            r"strikes?)|drone (?:strikes?|attacks?)|warplanes?|fighter jets?|jets|"
            r"helicopter gunships?|bombers|barrel bombs?",
            3.5,
            None,
        ),
        (
            r"(?:jets|planes|aircraft|drones?|helicopters?) (?:\w+ ){0,3}(?:bomb\w*|pounded|"
            r"struck|targeted|hit|fired)",
            2,
            None,
        ),
        (r"air force|coalition", 1, None),
        (r"bombed|bombing|bombard\w*|pounded", 1, None),
    ],
    "SUIC_BOMB": [
        (
            r"suicide (?:bomb\w*|attack\w*|car bomb\w*|vest|blast|truck bomb)|"
            r"blew (?:himself|herself|themselves) up|explosive vests?|suicide|svbied",
            6,
            None,
        ),
        (
            r"(?:detonat\w*|explo\w*|blew) (?:[\w,'-]+ ){0,4}(?:killing|killed) "
            r"(?:himself|herself|themselves)",
            4,
            None,
        ),
    ],
    "ART_MISS_ATTACK": [
        (
            r"shell(?:s|ed|ing)\b|artillery|mortars?|rockets?|howitzers?|"
            r"missiles?(?! (?:tests?|programs?|programmes?|development|launch\w*|defen[cs]es?))|"
            r"katyusha|projectiles?|grad\b",
            3,
            None,
        ),
        (r"rocket[- ]propelled grenades?|rpgs?", 4.5, None),
        (r"bombard\w*|pounded|barrage", 1, None),
    ],
    "REM_EXPLOS": [
        (
            r"improvised explosive|\bieds?\b|roadside bombs?|land ?mines?|mines?\b|"
            r"car bombs?|booby[- ]trap\w*|bomb (?:blast|explo\w*)|explosive devices? "
            r"(?:\w+ ){0,3}(?:explod|detonat|went off|blast)\w*|remote(?:ly)?[- ]"
            r"(?:control\w*|detonat\w*)|vehicle[- ]borne|vbied|sticky bombs?|magnetic bombs?",
            3.5,
            None,
        ),
        (r"explo(?:sion|sions|ded|des)|blasts?|detonat\w*|bombs?\b|went off", 1.5, "hostile"),
    ],
    "GRENADE": [
        (
            r"(?<!rocket-propelled )(?<!rocket propelled )(?<!stun )(?<!smoke )(?<!gas )"
            r"(?<!flash )grenades?",
            4,
            None,
        ),
    ],
    "SEX_VIOL": [
        (
            r"rap(?:e|ed|es|ing|ist)|gang-?raped?|sexual(?:ly)? (?:assault\w*|abus\w*|violence|"
            r"harass\w*)|molest\w*|sexual",
            4.5,
            None,
        ),
    ],
    "ATTACK": [
        (
            r"gunmen|assailants|attackers|unknown (?:men|persons)|unidentified (?:men|gunmen|"
            r"persons|assailants)",
            2,
            None,
        ),
        (
            r"shot (?:dead|and killed)|gunned down|hacked|stabb\w*|machete|opened fire|"
            r"drive-by|assassinat\w*|murder\w*|massacr\w*|execut\w*|beheaded|killed|lynched|"
            r"tortur\w*|beat(?:en)?\b|attack(?:ed|s)?",
            1.5,
            None,
        ),
        (
            r"civilians?|villagers|residents|farmers|worshippers|passengers|journalists?|"
            r"teachers|students|women|children|tourists?|family",
            1,
            None,
        ),
    ],
    "ABDUCT_DISSAP": [
        (
            r"abduct\w*|kidnap\w*|hostages?|taken captive|disappear\w*|seized (?:\w+ ){0,2}"
            r"(?:men|women|people|civilians)|forcibly (?:taken|disappeared)",
            4,
            None,
        ),
        (
            r"(?:forces|gunmen|militants) (?:\w+ ){0,2}(?:have )?taken (?:at least )?\w+ people",
            2,
            None,
        ),
    ],
    "AGREEMENT": [
        (
            r"agree(?:d|ment|ments|s)?|ceasefire|cease-fire|truce|peace (?:deal|accord|talks|"
            r"agreement|process)|accord|deal\b|signed|memorandum|reconciliation",
            2.5,
            None,
        ),
        (r"surrender(?:ed|s|ing)?|laid down (?:their )?arms|in exchange for", 3, None),
        (
            r"prisoner (?:swap|exchange)|exchange of prisoners|released? (?:\w+ ){0,3}"
            r"(?:prisoners|detainees|hostages)|swap",
            2,
            None,
        ),
        (r"negotiat\w*|talks", 1, None),
    ],
    "ARREST": [
        (
            r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detention|custody|apprehend\w*|"
            r"rounded up|held by police|taken in for questioning|nabbed|remanded|jailed|"
            r"imprison\w*|taken into custody",
            3,
            None,
        ),
        (r"accused of|on charges of|charged with", 1, None),
        (r"suspects?|charged|police", 1, None),
    ],
    "CHANGE_TO_GROUP_ACT": [
        (
            r"deploy(?:s|ed|ing|ment)?|dispatch\w*|reinforce\w*|defect\w*|form(?:ed|ation of)|"
            r"new (?:brigade|unit|group|battalion|force)|merg\w*|"
            r"disband\w*|split from|mobili[sz]\w*|relocat\w*|redeploy\w*|sent (?:\w+ ){0,2}"
            r"(?:troops|forces|reinforcements)|pull(?:ed)? (?:\w+ ){0,2}out|declared|"
            r"announced (?:the )?(?:formation|creation|launch)",
            2,
            None,
        ),
        (
            r"withdr[ae]w\w*|withdrawn|pulled out|mov(?:ed|es|ing) (?:\w+ ){0,2}(?:troops|forces|"
            r"fighters|reinforcements|equipment)|forward\w* (?:\w+ ){0,2}(?:fighters|troops)|"
            r"fortif\w*|build-?up|consolidat\w*",
            2,
            None,
        ),
        (r"join(?:ed|s)?|recruit\w*", 1, None),
        (r"military (?:exercise|drill)s?|convoy|troops|forces", 0.5, None),
    ],
    "DISR_WEAP": [
        (
            r"defus\w*|(?:seized|seize|found|discovered|recovered|confiscated|uncovered|"
            r"intercepted|unearthed|destroyed|cleared|removed|dismantled|neutrali[sz]ed) "
            r"(?:[\w,.'-]+ ){0,5}(?:weapons|arms|ammunition|rounds|firearms|landmines|"
            r"guns|rifles|explosives?|ieds?|bombs?|mines|grenades|caches?|devices?|depots?|"
            r"rockets|missiles)|weapons? caches?|arms (?:cache|depot|haul)|"
            r"shot down|dismantl\w*|bomb squad|controlled explosion|"
            r"neutrali[sz]ed|suspicious (?:package|device|object)s?",
            3.5,
            None,
        ),
        (
            r"(?:weapons|arms|ammunitions?|rounds|firearms|landmines|guns|rifles|pistols|"
            r"revolvers|cartridges|munitions|explosives?|ieds?|bombs?|mines|grenades|caches?|"
            r"stash\w*|devices?|packages?|depots?|rockets|missiles|projectiles)"
            r"(?:[\w,'-]+ ){0,8}(?:were|was|have been|has been|had been|being|been) "
            r"(?:\w+ )?(?:seized|found|discovered|recovered|confiscated|intercepted|defused|"
            r"uncovered|unearthed|dismantled|deactivated|neutrali[sz]ed|identified)",
            3.5,
            None,
        ),
        (r"stash(?:es)? of|deactivat\w*|demin\w*", 2, None),
        (r"intercept(?:ed|ion|s)?|foil\w*|thwart\w*", 3.5, "weaponry"),
        (r"weapons|ammunition|firearms|explosives|rifles|hideout|cache", 1, None),
    ],
    "HQ_ESTABLISHED": [
        (
            r"(?:set up|setting up|establish\w*|built|build|building|open(?:ed|s)?|erect\w*) "
            r"(?:\w+ ){0,4}(?:base|bases|headquarters|hq|post|posts|outpost|observation point|"
            r"camp|checkpoint|position)s?",
            4,
            None,
        ),
        (r"observation posts?|military base|headquarters", 1.5, None),
    ],
    "NON_VIOL_TERRIT_TRANSFER": [
        (
            r"withdr[ae]w\w*|withdrawn|pulled out|retreat\w*|vacat\w*|evacuat\w*|abandon\w*",
            1.5,
            None,
        ),
        (
            r"handed over|hand(?:s|ing)? over|handover|without (?:a |any )?(?:fight|resistance|"
            r"clashes|fighting)|peacefully (?:took|entered|handed)|uncontested|"
            r"(?:not|no|without) (?:\w+ ){0,2}(?:resistance|opposition|fighting|clashes)|"
            r"hand(?:ed|ing|s)? (?:\w+ ){0,2}control|in the hands of",
            4,
            None,
        ),
        (r"deserted|abandoned", 1.5, None),
    ],
    "PROPERTY_DISTRUCT": [
        (
            r"loot\w*|vandali[sz]\w*|torch\w*|set (?:\w+ ){0,3}(?:on )?fire|set ablaze|arson|"
            r"burn(?:ed|t) (?:down )?(?:\w+ ){0,2}(?:houses|homes|shops|vehicles|cars|buildings|"
            r"property|properties|offices|churches|mosques|schools|village)|destroy\w* "
            r"(?:\w+ ){0,3}(?:property|properties|houses|homes|shops|crops|buildings)|"
            r"demolish\w*|ransack\w*|razed|property",
            3,
            None,
        ),
    ],
    "DIPLO": [
        (
            r"sanctions?|expel(?:s|led|ling)?|expulsions?|persona non grata|"
            r"recall(?:s|ed|ing)? (?:its |their )?(?:ambassador|envoy)s?",
            3.5,
            None,
        ),
        (
            r"diplomats?|ambassadors?|embass\w*|envoy|"
            r"summon\w*|persona non grata|foreign minist\w*|state department|"
            r"bilateral|diplomatic|summit|talks with|visit\w*|met with|condemn\w*|"
            r"urged|imposing|foreign ministry",
            2,
            None,
        ),
        (
            r"president|prime minister|government|white house|kremlin|\bun\b|united nations",
            0.5,
            None,
        ),
    ],
    "ATTRIB": [
        (
            r"claim(?:ed|s|ing)? (?:the )?responsib\w*|took responsibility|takes? credit|"
            r"took credit|claimed (?:the )?(?:attack|bombing)|responsible for|behind the "
            r"(?:\w+ )?(?:attacks?|bombings?|blasts?|explosions?)|attribut\w*",
            5.5,
            None,
        ),
        (
            r"den(?:y|ied|ies) (?:any )?(?:involvement|responsibility|role)|allegations?|"
            r"evidence of (?:guilt|involvement)",
            3,
            None,
        ),
        (r"blam\w*|accus\w*", 2.5, None),
    ],
    "MAN_MADE_DISASTER": [
        (
            r"accident\w*|crash(?:ed|es)?|collaps\w*|derail\w*|capsiz\w*|sank|sinking|"
            r"leak\w*|spill\w*|gas explosion|blaze|fire (?:broke|gutted|engulfed)|"
            r"caught fire|fire(?:fighters| brigade| department)|factory|poison\w*|toxins?|"
            r"stampede|explosion at|chemical plant|boiler|short circuit|negligen\w*|"
            r"propane|fuel tanker|building collapse|ran aground|collision|collided|"
            r"lost control|overturned",
            2.5,
            None,
        ),
        (
            r"gas leak\w*|leaked|leakage|chemical (?:factory|plant|leak)|industrial|"
            r"warehouse|fireworks (?:factory|warehouse|plant)|pipeline",
            2.5,
            None,
        ),
        (r"tankers?|boats?|vessels?|ships?|trains?|passengers", 1, None),
        (r"fire\b|burn\w*|hospitali[sz]ed|explo(?:sion|sions|ded|des)|blasts?", 1, None),
    ],
    "NATURAL_DISASTER": [
        (
            r"earthquakes?|quakes?|tremors?|floods?|flooding|flash floods?|cyclones?|"
            r"hurricanes?|typhoons?|tornado\w*|landslides?|mudslides?|tsunami|drought|"
            r"storms?|heavy rains?|torrential|volcan\w*|eruptions?|avalanche|heat ?wave|"
            r"wildfires?|bushfires?|forest fires?|magnitude|rainfall|monsoon|lightning",
            4,
            None,
        ),
    ],
    "ORG_CRIME": [
        (
            r"robb\w*|theft|thie(?:f|ves)|stole|stolen|burglar\w*|break and enter|smuggl\w*|"
            r"traffick\w*|drugs?|narcotics?|cocaine|heroin|cannabis|marijuana|cartels?|gangs?|"
            r"mafia|extortion|ransom|fraud|money laundering|counterfeit|contraband|poach\w*|"
            r"illegal (?:mining|logging|migrants)|migrants",
            3,
            None,
        ),
        (
            r"scams?|corruption|brib\w*|embezzl\w*|cyber ?crim\w*|hackers?|"
            r"fake (?:currency|notes|money)|criminal (?:gangs?|groups?|networks?|activit\w*)|"
            r"illicit|loot(?:ed)? (?:\w+ ){0,2}(?:cash|money)|armed robbery",
            3,
            None,
        ),
    ],
    "OTHER": [
        (
            r"mass graves?|fled|fleeing|displaced|refugees|humanitarian|bodies (?:were )?found|"
            r"curfew|state of emergency|martial law|hunger|famine|epidemic|outbreak",
            2,
            None,
        ),
    ],
}

# ACLED's precedence when a text shows several things: the more specific weapon or the
# more serious act wins ties (a suicide car bomb is a suicide bomb, not an IED).
PRIORITY: tuple[str, ...] = (
    "SUIC_BOMB",
    "CHEM_WEAP",
    "SEX_VIOL",
    "GRENADE",
    "AIR_STRIKE",
    "FORCE_AGAINST_PROTEST",
    "ATTRIB",
    "NATURAL_DISASTER",
    "ABDUCT_DISSAP",
    "REM_EXPLOS",
    "ART_MISS_ATTACK",
    "HQ_ESTABLISHED",
    "DISR_WEAP",
    "MOB_VIOL",
    "VIOL_DEMONSTR",
    "PROTEST_WITH_INTER",
    "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER",
    "ARMED_CLASH",
    "ATTACK",
    "ARREST",
    "PEACE_PROTEST",
    "PROPERTY_DISTRUCT",
    "ORG_CRIME",
    "MAN_MADE_DISASTER",
    "AGREEMENT",
    "DIPLO",
    "CHANGE_TO_GROUP_ACT",
    "OTHER",
)
