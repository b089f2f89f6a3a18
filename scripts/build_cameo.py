"""Build `src/tidings/knowledge/cameo.json`: every CAMEO code with its PLOVER root, mode and context.

Facts held here:
- CAMEO code names: the CAMEO codebook (Gerner, Schrodt, Yilmaz; version 1.1b3), short descriptions.
- PLOVER root, mode and context: the 2021 CAMEO->PLOVER conversion table (PLOVER draft 0.8,
  17 September 2021). Codes the table leaves out (01 statements, 02 appeals, a few later sub-codes)
  inherit nothing from it; sub-codes it leaves out inherit their parent's mapping.
- Table modes that the PLOVER manual (version 2.0) no longer lists are mapped to the manual's mode
  (`ban` -> `restrict`, `assassinate`/`massacre` -> `targeted`) or dropped, with the table's word kept
  as `table_mode`.
- `plover_also`: roots the PLOVER manual 2.0 assigns where it departs from the 2021 table, or where the
  table has no root (CAMEO appeals are PLOVER REQUEST). Each carries a one-line `note`.

Run: `.venv/bin/python scripts/build_cameo.py` (writes the JSON; `--check` only compares).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "knowledge" / "cameo.json"

# code: (name, plover root or None, table mode or None, contexts "a;b" or "")
CAMEO: dict[str, tuple[str, str | None, str | None, str]] = {
    "01": ("Make public statement", None, None, ""),
    "010": ("Make statement, not specified below", None, None, ""),
    "011": ("Decline comment", None, None, ""),
    "012": ("Make pessimistic comment", None, None, ""),
    "013": ("Make optimistic comment", None, None, ""),
    "014": ("Consider policy option", None, None, ""),
    "015": ("Acknowledge or claim responsibility", None, None, ""),
    "016": ("Deny responsibility", None, None, ""),
    "017": ("Engage in symbolic act", None, None, ""),
    "018": ("Make empathetic comment", None, None, ""),
    "019": ("Express accord", None, None, ""),
    "02": ("Appeal", None, None, ""),
    "020": ("Make an appeal or request, not specified below", None, None, ""),
    "021": ("Appeal for material cooperation", None, None, ""),
    "0211": ("Appeal for economic cooperation", None, None, ""),
    "0212": ("Appeal for military cooperation", None, None, ""),
    "0213": ("Appeal for judicial cooperation", None, None, ""),
    "0214": ("Appeal for intelligence", None, None, ""),
    "022": ("Appeal for diplomatic cooperation, such as policy support", None, None, ""),
    "023": ("Appeal for aid", None, None, ""),
    "0231": ("Appeal for economic aid", None, None, ""),
    "0232": ("Appeal for military aid", None, None, ""),
    "0233": ("Appeal for humanitarian aid", None, None, ""),
    "0234": ("Appeal for military protection or peacekeeping", None, None, ""),
    "024": ("Appeal for political reform", None, None, ""),
    "0241": ("Appeal for change in leadership", None, None, ""),
    "0242": ("Appeal for policy change", None, None, ""),
    "0243": ("Appeal for rights", None, None, ""),
    "0244": ("Appeal for change in institutions, regime", None, None, ""),
    "025": ("Appeal to yield", None, None, ""),
    "0251": ("Appeal for easing of administrative sanctions", None, None, ""),
    "0252": ("Appeal for easing of popular dissent", None, None, ""),
    "0253": ("Appeal for release of persons or property", None, None, ""),
    "0254": ("Appeal for easing of economic sanctions, boycott, or embargo", None, None, ""),
    "0255": ("Appeal for target to allow international involvement (non-mediation)", None, None, ""),
    "0256": ("Appeal for de-escalation of military engagement", None, None, ""),
    "026": ("Appeal to others to meet or negotiate", None, None, ""),
    "027": ("Appeal to others to settle dispute", None, None, ""),
    "028": ("Appeal to others to engage in or accept mediation", None, None, ""),
    "03": ("Express intent to cooperate", "AGREE", None, ""),
    "030": ("Express intent to cooperate, not specified below", "AGREE", None, "diplomatic"),
    "031": ("Express intent to engage in material cooperation", "AGREE", None, "diplomatic"),
    "0311": ("Express intent to cooperate economically", "AGREE", None, "economic"),
    "0312": ("Express intent to cooperate militarily", "AGREE", None, "military"),
    "0313": ("Express intent to cooperate on judicial matters", "AGREE", None, "legal"),
    "0314": ("Express intent to cooperate on intelligence", "AGREE", None, "intelligence"),
    "032": (
        "Express intent to provide diplomatic cooperation, such as policy support",
        "AGREE",
        None,
        "diplomatic",
    ),
    "033": ("Express intent to provide material aid", "AGREE", None, "diplomatic"),
    "0331": ("Express intent to provide economic aid", "AGREE", None, "economic"),
    "0332": ("Express intent to provide military aid", "AGREE", None, "military"),
    "0333": ("Express intent to provide humanitarian aid", "AGREE", None, "humanitarian"),
    "0334": ("Express intent to provide military protection or peacekeeping", "AGREE", None, "peacekeeping"),
    "034": ("Express intent to institute political reform", "AGREE", None, "political_institutions"),
    "0341": ("Express intent to change leadership", "AGREE", None, "political_institutions"),
    "0342": ("Express intent to change policy", "AGREE", None, "executive"),
    "0343": ("Express intent to provide rights", "AGREE", None, "rights_freedoms"),
    "0344": ("Express intent to change institutions, regime", "AGREE", None, "political_institutions"),
    "035": ("Express intent to yield", "AGREE", None, ""),
    "0351": ("Express intent to ease administrative sanctions", "AGREE", None, "rights_freedoms"),
    "0352": ("Express intent to ease popular dissent", "AGREE", None, ""),
    "0353": ("Express intent to release persons or property", "AGREE", None, "rights_freedoms"),
    "0354": ("Express intent to ease economic sanctions, boycott, or embargo", "AGREE", None, "economic"),
    "0355": (
        "Express intent to allow international involvement (non-mediation)",
        "AGREE",
        None,
        "diplomatic",
    ),
    "0356": ("Express intent to de-escalate military engagement", "AGREE", None, "military"),
    "036": ("Express intent to meet or negotiate", "AGREE", None, "diplomatic"),
    "037": ("Express intent to settle dispute", "AGREE", None, "diplomatic"),
    "038": ("Express intent to accept mediation", "AGREE", None, "diplomatic"),
    "039": ("Express intent to mediate", "AGREE", None, "diplomatic"),
    "04": ("Consult", "CONSULT", None, ""),
    "040": ("Consult, not specified below", "CONSULT", None, ""),
    "041": ("Discuss by telephone", "CONSULT", "phone", ""),
    "042": ("Make a visit", "CONSULT", "visit", ""),
    "043": ("Host a visit", "CONSULT", "visit", ""),
    "044": ("Meet at a third location", "CONSULT", "third-party", ""),
    "045": ("Mediate", "CONSULT", None, "diplomatic"),
    "046": ("Engage in negotiation", "CONSULT", None, "diplomatic"),
    "05": ("Engage in diplomatic cooperation", "SUPPORT", None, ""),
    "050": ("Engage in diplomatic cooperation, not specified below", "SUPPORT", None, "diplomatic"),
    "051": ("Praise or endorse", "SUPPORT", None, "diplomatic"),
    "052": ("Defend verbally", "SUPPORT", None, "diplomatic"),
    "053": ("Rally support on behalf of", "SUPPORT", None, "diplomatic"),
    "054": ("Grant diplomatic recognition", "SUPPORT", None, "diplomatic"),
    "055": ("Apologize", "SUPPORT", None, "diplomatic"),
    "056": ("Forgive", "SUPPORT", None, "diplomatic"),
    "057": ("Sign formal agreement", "SUPPORT", None, "diplomatic"),
    "06": ("Engage in material cooperation", "COOPERATE", None, ""),
    "060": ("Engage in material cooperation, not specified below", "COOPERATE", None, ""),
    "061": ("Cooperate economically", "COOPERATE", None, "economic"),
    "062": ("Cooperate militarily", "COOPERATE", None, "military"),
    "063": ("Engage in judicial cooperation", "COOPERATE", None, "legal"),
    "064": ("Share intelligence or information", "COOPERATE", None, "intelligence"),
    "07": ("Provide aid", "AID", None, ""),
    "070": ("Provide aid, not specified below", "AID", None, ""),
    "071": ("Provide economic aid", "AID", None, "economic"),
    "072": ("Provide military aid", "AID", None, "military"),
    "073": ("Provide humanitarian aid", "AID", None, "humanitarian"),
    "074": ("Provide military protection or peacekeeping", "AID", None, "peacekeeping"),
    "075": ("Grant asylum", "AID", None, "asylum"),
    "08": ("Yield", "CONCEDE", None, ""),
    "080": ("Yield, not specified below", "CONCEDE", None, ""),
    "081": ("Ease administrative sanctions", "CONCEDE", None, "legal"),
    "0811": ("Ease restrictions on political freedoms", "CONCEDE", None, "pro_democracy"),
    "0812": ("Ease ban on political parties or politicians", "CONCEDE", None, "pro_democracy"),
    "0813": ("Ease curfew", "RETREAT", None, "legal"),
    "0814": ("Ease state of emergency or martial law", "RETREAT", None, "legal"),
    "082": ("Ease political dissent", "CONCEDE", None, "pro_democracy"),
    "083": ("Accede to requests or demands for political reform", "CONCEDE", None, "political_institutions"),
    "0831": ("Accede to demands for change in leadership", "CONCEDE", None, "political_institutions"),
    "0832": ("Accede to demands for change in policy", "CONCEDE", None, "executive"),
    "0833": ("Accede to demands for rights", "CONCEDE", None, "rights_freedoms"),
    "0834": (
        "Accede to demands for change in institutions, regime",
        "CONCEDE",
        None,
        "political_institutions",
    ),
    "084": ("Return, release", "RETREAT", None, ""),
    "0841": ("Return, release person(s)", "RETREAT", "release", "legal"),
    "0842": ("Return, release property", "RETREAT", "return", "legal"),
    "085": ("Ease economic sanctions, boycott, embargo", "RETREAT", "ease", "economic"),
    "086": ("Allow international involvement", "RETREAT", "access", "diplomatic"),
    "0861": ("Receive deployment of peacekeepers", "RETREAT", "access", "peacekeeping"),
    "0862": ("Receive inspectors", "RETREAT", "access", "diplomatic"),
    "0863": ("Allow delivery of humanitarian aid", "RETREAT", "access", "humanitarian"),
    "087": ("De-escalate military engagement", "RETREAT", "disarm", "military"),
    "0871": ("Declare truce, ceasefire", "RETREAT", "ceasefire", "military"),
    "0872": ("Ease military blockade", "RETREAT", "withdraw", "military"),
    "0873": ("Demobilize armed forces", "RETREAT", "disarm", "military"),
    "0874": ("Retreat or surrender militarily", "RETREAT", "disarm", "military"),
    "09": ("Investigate", "ACCUSE", "investigate", ""),
    "090": ("Investigate, not specified below", "ACCUSE", "investigate", ""),
    "091": ("Investigate crime, corruption", "ACCUSE", "investigate", "crime;corruption"),
    "092": ("Investigate human rights abuses", "ACCUSE", "investigate", "human_rights"),
    "093": ("Investigate military action", "ACCUSE", "investigate", "military"),
    "094": ("Investigate war crimes", "ACCUSE", "investigate", "military;legal"),
    "10": ("Demand", "REQUEST", None, ""),
    "100": ("Demand, not specified below", "REQUEST", None, ""),
    "101": ("Demand material cooperation", "REQUEST", "assist", ""),
    "1011": ("Demand economic cooperation", "REQUEST", "assist", "economic"),
    "1012": ("Demand military cooperation", "REQUEST", "assist", "military"),
    "1013": ("Demand judicial cooperation", "REQUEST", "assist", "legal"),
    "1014": ("Demand intelligence cooperation", "REQUEST", "assist", "intelligence"),
    "102": ("Demand diplomatic cooperation, such as policy support", "REQUEST", "assist", "diplomatic"),
    "103": ("Demand material aid", "REQUEST", "assist", ""),
    "1031": ("Demand economic aid", "REQUEST", "assist", "economic"),
    "1032": ("Demand military aid", "REQUEST", "assist", "military"),
    "1033": ("Demand humanitarian aid", "REQUEST", "assist", "humanitarian"),
    "1034": ("Demand military protection or peacekeeping", "REQUEST", "assist", "peacekeeping"),
    "104": ("Demand political reform", "REQUEST", "change", "political_institutions"),
    "1041": ("Demand change in leadership", "REQUEST", "change", "executive"),
    "1042": ("Demand policy change", "REQUEST", "change", "executive"),
    "1043": ("Demand rights", "REQUEST", "change", "rights_freedoms"),
    "1044": ("Demand change in institutions, regime", "REQUEST", "change", "political_institutions"),
    "105": ("Demand that target yields", "REQUEST", "change", "legal"),
    "1051": ("Demand easing of administrative sanctions", "REQUEST", "yield", "legal"),
    "1052": ("Demand easing of political dissent", "REQUEST", "yield", "legal"),
    "1053": ("Demand release of persons or property", "REQUEST", "yield", "legal"),
    "1054": ("Demand easing of economic sanctions, boycott, or embargo", "REQUEST", "yield", "economic"),
    "1055": (
        "Demand that target allows international involvement (non-mediation)",
        "REQUEST",
        "yield",
        "diplomatic",
    ),
    "1056": ("Demand de-escalation of military engagement", "REQUEST", "yield", "military"),
    "106": ("Demand meeting, negotiation", "REQUEST", "meet", "diplomatic"),
    "107": ("Demand settling of dispute", "REQUEST", "meet", "diplomatic"),
    "108": ("Demand mediation", "REQUEST", "meet", "diplomatic"),
    "11": ("Disapprove", "ACCUSE", "disapprove", ""),
    "110": ("Disapprove, not specified below", "ACCUSE", "disapprove", ""),
    "111": ("Criticize or denounce", "ACCUSE", "disapprove", ""),
    "112": ("Accuse, not specified below", "ACCUSE", "disapprove", ""),
    "1121": ("Accuse of crime, corruption", "ACCUSE", "allege", "crime;corruption"),
    "1122": ("Accuse of human rights abuses", "ACCUSE", "allege", "human_rights"),
    "1123": ("Accuse of aggression", "ACCUSE", "allege", "military"),
    "1124": ("Accuse of war crimes", "ACCUSE", "allege", "military;legal"),
    "1125": ("Accuse of espionage, treason", "ACCUSE", "allege", "legal"),
    "113": ("Rally opposition against", "ACCUSE", "disapprove", ""),
    "114": ("Complain officially", "ACCUSE", "allege", "diplomatic"),
    "115": ("Bring lawsuit against", "ACCUSE", "allege", "legal"),
    "116": ("Find guilty or liable (legally)", "ACCUSE", "disapprove", "legal"),
    "12": ("Reject", "REJECT", None, ""),
    "120": ("Reject, not specified below", "REJECT", None, ""),
    "121": ("Reject material cooperation", "REJECT", "assist", ""),
    "1211": ("Reject economic cooperation", "REJECT", "assist", "economic"),
    "1212": ("Reject military cooperation", "REJECT", "assist", "military"),
    "1213": ("Reject judicial cooperation", "REJECT", "assist", "legal"),
    "1214": ("Reject intelligence cooperation", "REJECT", "assist", "intelligence"),
    "122": ("Reject request or demand for material aid", "REJECT", "assist", ""),
    "1221": ("Reject request for economic aid", "REJECT", "assist", "economic"),
    "1222": ("Reject request for military aid", "REJECT", "assist", "military"),
    "1223": ("Reject request for humanitarian aid", "REJECT", "assist", "humanitarian"),
    "1224": ("Reject request for military protection or peacekeeping", "REJECT", "assist", "peacekeeping"),
    "123": ("Reject request or demand for political reform", "REJECT", "change", "political_institutions"),
    "1231": ("Reject request for change in leadership", "REJECT", "change", "executive"),
    "1232": ("Reject request for policy change", "REJECT", "change", "executive"),
    "1233": ("Reject request for rights", "REJECT", "change", "rights_freedoms"),
    "1234": (
        "Reject request for change in institutions, regime",
        "REJECT",
        "change",
        "political_institutions",
    ),
    "124": ("Refuse to yield", "REJECT", "change", ""),
    "1241": ("Refuse to ease administrative sanctions", "REJECT", "change", "executive"),
    "1242": ("Refuse to ease popular dissent", "REJECT", "change", ""),
    "1243": ("Refuse to release persons or property", "REJECT", "yield", "legal"),
    "1244": ("Refuse to ease economic sanctions, boycott, or embargo", "REJECT", "yield", "economic"),
    "1245": ("Refuse to allow international involvement (non-mediation)", "REJECT", "yield", "diplomatic"),
    "1246": ("Refuse to de-escalate military engagement", "REJECT", "yield", "military"),
    "125": ("Reject proposal to meet, discuss, or negotiate", "REJECT", "meet", "diplomatic"),
    "126": ("Reject mediation", "REJECT", "meet", "diplomatic"),
    "127": ("Reject plan, agreement to settle dispute", "REJECT", "meet", "diplomatic"),
    "128": ("Defy norms, law", "REJECT", "yield", "legal"),
    "129": ("Veto", "REJECT", "yield", "diplomatic"),
    "13": ("Threaten", "THREATEN", None, ""),
    "130": ("Threaten, not specified below", "THREATEN", None, ""),
    "131": ("Threaten non-force", "THREATEN", None, ""),
    "1311": ("Threaten to reduce or stop aid", "THREATEN", "relations", ""),
    "1312": ("Threaten to boycott, embargo, or sanction", "THREATEN", "restrict", "economic"),
    "1313": ("Threaten to reduce or break relations", "THREATEN", "relations", "diplomatic"),
    "132": ("Threaten with administrative sanctions", "THREATEN", "ban", "executive"),
    "1321": (
        "Threaten to impose restrictions on political freedoms",
        "THREATEN",
        "political",
        "human_rights",
    ),
    "1322": ("Threaten to ban political parties or politicians", "THREATEN", "ban", "pro_autocracy"),
    "1323": ("Threaten to impose curfew", "THREATEN", "restrict", "pro_autocracy"),
    "1324": ("Threaten to impose state of emergency or martial law", "THREATEN", "restrict", "pro_autocracy"),
    "133": ("Threaten political dissent, protest", "THREATEN", "relations", ""),
    "134": ("Threaten to halt negotiations", "THREATEN", "relations", "diplomatic"),
    "135": ("Threaten to halt mediation", "THREATEN", "relations", "diplomatic"),
    "136": ("Threaten to halt international involvement (non-mediation)", "THREATEN", "expel", "diplomatic"),
    "137": ("Threaten with repression", "THREATEN", "violence", "pro_autocracy"),
    "138": ("Threaten to use military force", "THREATEN", "violence", "military"),
    "1381": ("Threaten blockade", "THREATEN", "restrict", "military"),
    "1382": ("Threaten occupation", "THREATEN", "territory", "military"),
    "1383": ("Threaten unconventional violence", "THREATEN", "violence", "military"),
    "1384": ("Threaten conventional attack", "THREATEN", "violence", "military"),
    "1385": ("Threaten attack with WMD", "THREATEN", "violence", "cbrn"),
    "139": ("Give ultimatum", "THREATEN", "relations", "diplomatic"),
    "14": ("Protest", "PROTEST", None, ""),
    "140": ("Engage in political dissent, not specified below", "PROTEST", None, ""),
    "141": ("Demonstrate or rally", "PROTEST", "demo", ""),
    "1411": ("Demonstrate for leadership change", "PROTEST", "demo", "executive"),
    "1412": ("Demonstrate for policy change", "PROTEST", "demo", "executive"),
    "1413": ("Demonstrate for rights", "PROTEST", "demo", "rights_freedoms"),
    "1414": ("Demonstrate for change in institutions, regime", "PROTEST", "demo", "political_institutions"),
    "142": ("Conduct hunger strike", "PROTEST", "hunger", ""),
    "1421": ("Conduct hunger strike for leadership change", "PROTEST", "hunger", "executive"),
    "1422": ("Conduct hunger strike for policy change", "PROTEST", "hunger", "executive"),
    "1423": ("Conduct hunger strike for rights", "PROTEST", "hunger", "rights_freedoms"),
    "1424": (
        "Conduct hunger strike for change in institutions, regime",
        "PROTEST",
        "hunger",
        "political_institutions",
    ),
    "143": ("Conduct strike or boycott", "PROTEST", "boycott", ""),
    "1431": ("Conduct strike or boycott for leadership change", "PROTEST", "boycott", "executive"),
    "1432": ("Conduct strike or boycott for policy change", "PROTEST", "boycott", "executive"),
    "1433": ("Conduct strike or boycott for rights", "PROTEST", "boycott", "rights_freedoms"),
    "1434": (
        "Conduct strike or boycott for change in institutions, regime",
        "PROTEST",
        "boycott",
        "political_institutions",
    ),
    "144": ("Obstruct passage, block", "PROTEST", "obstruct", ""),
    "1441": ("Obstruct passage to demand leadership change", "PROTEST", "obstruct", "executive"),
    "1442": ("Obstruct passage to demand policy change", "PROTEST", "obstruct", "executive"),
    "1443": ("Obstruct passage to demand rights", "PROTEST", "obstruct", "rights_freedoms"),
    "1444": (
        "Obstruct passage to demand change in institutions, regime",
        "PROTEST",
        "obstruct",
        "political_institutions",
    ),
    "145": ("Protest violently, riot", "PROTEST", "riot", ""),
    "1451": ("Engage in violent protest for leadership change", "PROTEST", "riot", "executive"),
    "1452": ("Engage in violent protest for policy change", "PROTEST", "riot", "executive"),
    "1453": ("Engage in violent protest for rights", "PROTEST", "riot", "rights_freedoms"),
    "1454": (
        "Engage in violent protest for change in institutions, regime",
        "PROTEST",
        "riot",
        "political_institutions",
    ),
    "15": ("Exhibit force posture", "MOBILIZE", None, ""),
    "150": ("Demonstrate military or police power, not specified below", "MOBILIZE", None, ""),
    "151": ("Increase police alert status", "MOBILIZE", "police", ""),
    "152": ("Increase military alert status", "MOBILIZE", "troops", "military"),
    "153": ("Mobilize or increase police power", "MOBILIZE", "police", ""),
    "154": ("Mobilize or increase armed forces", "MOBILIZE", "troops", "military"),
    "16": ("Reduce relations", "SANCTION", None, ""),
    "160": ("Reduce relations, not specified below", "SANCTION", None, ""),
    "161": ("Reduce or break diplomatic relations", "SANCTION", "withdraw", "diplomatic"),
    "162": ("Reduce or stop material aid", "SANCTION", "discontinue", "human_security"),
    "1621": ("Reduce or stop economic assistance", "SANCTION", "discontinue", "economic"),
    "1622": ("Reduce or stop military assistance", "SANCTION", "discontinue", "military"),
    "1623": ("Reduce or stop humanitarian assistance", "SANCTION", "discontinue", "humanitarian"),
    "163": ("Impose embargo, boycott, or sanctions", "COERCE", "restrict", "diplomatic"),
    "164": ("Halt negotiations", "SANCTION", "withdraw", "diplomatic"),
    "165": ("Halt mediation", "SANCTION", "withdraw", "diplomatic"),
    "166": ("Expel or withdraw", "SANCTION", "expel", "diplomatic"),
    "1661": ("Expel or withdraw peacekeepers", "SANCTION", "expel", "military"),
    "1662": ("Expel or withdraw inspectors, observers", "SANCTION", "expel", "diplomatic"),
    "1663": ("Expel or withdraw aid agencies", "SANCTION", "expel", "human_security"),
    "17": ("Coerce", "COERCE", None, ""),
    "170": ("Coerce, not specified below", "COERCE", None, ""),
    "171": ("Seize or damage property", "COERCE", "seize", "human_security"),
    "1711": ("Confiscate property", "COERCE", "seize", "human_security"),
    "1712": ("Destroy property", "ASSAULT", "seize", "human_security"),
    "172": ("Impose administrative sanctions", "COERCE", "restrict", "executive"),
    "1721": ("Impose restrictions on political freedoms", "COERCE", "restrict", "rights_freedoms"),
    "1722": ("Ban political parties or politicians", "COERCE", "ban", "pro_autocracy"),
    "1723": ("Impose curfew", "COERCE", "curfew", "pro_autocracy"),
    "1724": ("Impose state of emergency or martial law", "COERCE", "martial-law", "pro_autocracy"),
    "173": ("Arrest, detain, or charge with legal action", "COERCE", "arrest", "legal"),
    "174": ("Expel or deport individuals", "COERCE", "deport", "legal"),
    "175": ("Use tactics of violent repression", "ASSAULT", None, "military;repression"),
    "18": ("Assault", "ASSAULT", None, ""),
    "180": ("Use unconventional violence, not specified below", "ASSAULT", None, ""),
    "181": ("Abduct, hijack, or take hostage", "ASSAULT", "abduct", ""),
    "182": ("Physically assault", "ASSAULT", "beat", ""),
    "1821": ("Sexually assault", "ASSAULT", "sexual", ""),
    "1822": ("Torture", "ASSAULT", "torture", ""),
    "1823": ("Kill by physical assault", "ASSAULT", None, ""),
    "183": ("Conduct suicide, car, or other non-military bombing", "ASSAULT", "suicide-attack", ""),
    "1831": ("Carry out suicide bombing", "ASSAULT", "suicide-attack", ""),
    "1832": ("Carry out vehicular bombing", "ASSAULT", "explosives", ""),
    "1833": ("Carry out roadside bombing", "ASSAULT", "explosives", ""),
    "1834": ("Carry out location bombing", "ASSAULT", "explosives", ""),
    "184": ("Use as human shield", "ASSAULT", "abduct", ""),
    "185": ("Attempt to assassinate", "ASSAULT", "assassinate", ""),
    "186": ("Assassinate", "ASSAULT", "assassinate", ""),
    "19": ("Fight", "ASSAULT", None, "military"),
    "190": ("Use conventional military force, not specified below", "ASSAULT", None, "military"),
    "191": ("Impose blockade, restrict movement", "COERCE", "restrict", "military"),
    "192": ("Occupy territory", "COERCE", "seize", "military"),
    "193": ("Fight with small arms and light weapons", "ASSAULT", "firearms", "military"),
    "194": ("Fight with artillery and tanks", "ASSAULT", "heavy-weapons", "military"),
    "195": ("Employ aerial weapons", "ASSAULT", "heavy-weapons", "military"),
    "1951": ("Employ precision-guided aerial munitions", "ASSAULT", "aerial", "military"),
    "1952": ("Employ remotely piloted aerial munitions", "ASSAULT", "drone", "military"),
    "196": ("Violate ceasefire", "ASSAULT", None, "legal;military"),
    "20": ("Use unconventional mass violence", "ASSAULT", None, "military"),
    "200": ("Use unconventional mass violence, not specified below", "ASSAULT", "massacre", "military"),
    "201": ("Engage in mass expulsion", "ASSAULT", "cleansing", "religion_ethnicity"),
    "202": ("Engage in mass killings", "ASSAULT", "massacre", "religion_ethnicity"),
    "203": ("Engage in ethnic cleansing", "ASSAULT", "cleansing", "religion_ethnicity"),
    "204": ("Use weapons of mass destruction", "ASSAULT", "unconventional", "cbrn"),
    "2041": ("Use chemical, biological, or radiological weapons", "ASSAULT", "unconventional", "cbrn"),
    "2042": ("Detonate nuclear weapons", "ASSAULT", "unconventional", "cbrn"),
}

# Table modes that the PLOVER manual 2.0 renamed or dropped; None drops the mode.
MODE_FIXES: dict[tuple[str, str], str | None] = {
    ("RETREAT", "return"): None,  # the manual comments the `return` mode out
    ("RETREAT", "ease"): None,  # the table itself notes "ease" is no longer a mode
    ("THREATEN", "ban"): "restrict",  # the manual's `restrict` covers banning parties or individuals
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",  # "banning of individuals or organizations from political life"
    ("ASSAULT", "assassinate"): "targeted",  # "assassinations and executions"
    ("ASSAULT", "massacre"): "targeted",  # "deliberate mass killings of defenseless actors"
    ("ASSAULT", "cleansing"): None,  # commented out in the manual
    ("ASSAULT", "seize"): "destroy",  # 1712 destroy property
}

# Where the PLOVER manual 2.0 codes an event differently from the 2021 table, or the table has no root.
ALSO: dict[str, tuple[str, str]] = {
    "163": ("SANCTION", "manual 2.0: international sanctions are SANCTION `discontinue`"),
    "055": ("CONCEDE", "manual 2.0: expressions of regret or remorse are CONCEDE"),
    "0831": ("RETREAT", "manual 2.0: RETREAT covers resignations of government officials (mode `resign`)"),
    "116": ("SANCTION", "manual 2.0: court convictions and sentences are SANCTION `convict`"),
    "016": ("REJECT", "denying an accusation rejects it; the table gives 01 statements no root"),
}
APPEAL_NOTE = "PLOVER REQUEST covers CAMEO APPEAL as well as DEMAND; the table gives 02 no root"


def parent(code: str) -> str | None:
    return code[:-1] if len(code) > 2 else None


def build() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for code, (name, root, mode, ctx) in CAMEO.items():
        entry: dict[str, object] = {"name": name, "plover": root}
        fixed = MODE_FIXES.get((root or "", mode or ""), mode) if mode else None
        entry["mode"] = fixed
        if fixed != mode:
            entry["table_mode"] = mode
        entry["context"] = [c for c in ctx.split(";") if c]
        if code.startswith("02"):
            entry["plover_also"] = ["REQUEST"]
            entry["note"] = APPEAL_NOTE
        elif code in ALSO:
            entry["plover_also"] = [ALSO[code][0]]
            entry["note"] = ALSO[code][1]
        out[code] = entry
    for code in out:
        p = parent(code)
        if p is not None and p not in out:
            raise SystemExit(f"{code}: parent {p} missing")
    return out


def main() -> None:
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} is out of date: run scripts/build_cameo.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(CAMEO)} codes to {OUT}")


if __name__ == "__main__":
    main()
