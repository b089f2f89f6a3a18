"""What a report says of its happening: the dead and wounded, the town, the day; who a size counts."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.knowledge.gazetteer import load_gazetteer
from tidings.link.casualties import Casualties, casualties_of, size_status
from tidings.link.setting import (
    _counties_to_towns,
    _regions_named,
    _to_county_namesakes,
    _to_large_towns,
    in_county,
    place_of,
)
from tidings.link.when import (
    LEAD_CHARACTERS,
    _sentence_ends,
    dateline_date,
    event_date,
    lead_date,
    lead_weekdays,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were killed and three others were wounded in a shooting on Main Street.", (2, 3)),
        ("A gunman opened fire at a club, killing four and injuring six.", (4, 6)),
        ("A 17-year-old was shot and killed outside his home on Saturday, police said.", (1, 0)),
        ("A 10-year-old girl was shot in the foot while getting ready for bed.", (0, 1)),
        ("Four shot in Broad Ripple; shooter claims self-defense.", (0, 4)),
        ("The death toll from the earthquake rose to 10, officials said.", (10, 0)),
        (
            "A man shot his wife and two children before turning the gun on himself in a murder-suicide.",
            (2, 0),
        ),
        # two groups of the dead named together, each counted
        ("A woman was charged with killing her father and 6-year-old daughter.", (2, 0)),
        ("She killed her daughter and two young grandchildren before turning the gun on herself.", (4, 0)),
        ("Three children and two adults were found dead on Sunday.", (5, 0)),
        ("The gunman killed police officers and fled.", (None, None)),  # a plural without a number
        ("Police said a wounded 12-year-old girl called 911.", (0, 1)),  # an age, not a count
        ("The council approved the budget for next year.", (None, None)),
        # the dead as they were found, without "were"; a killing named by how many it killed
        ("Four people found shot to death at an apartment complex.", (4, 0)),
        ("The quadruple murder suspects appeared in court on Tuesday.", (4, 0)),
        ("A gunman opened fire, leaving three dead and two injured.", (3, 2)),
        ("Two people were killed on Saturday. Another child was hospitalized.", (2, 1)),
        ("A man was killed on Friday. Another man was shot and killed on Sunday.", (1, 0)),
        # counter-examples: a shooting is not a killing; "left" counts the dead only
        ("A double shooting left two men wounded.", (0, 2)),
        (
            "The city recorded 131 people wounded by gunfire this year.",
            (None, None),
        ),  # a figure, not an attack
        # a count followed by a comma; a headline's count shot and killed without "to be"
        ("Gunman shot his family, killing 3, then killed himself", (4, 0)),
        ("Three people shot in the chest, killed outside a bar", (3, 0)),
        ("Two brothers shot and killed in their driveway", (2, 0)),
        # counter-example: shot, without a word of death, is not a count of the dead
        ("Two men shot in the legs, police said.", (0, 2)),
        # a count without its noun
        ("One woman was killed and five were wounded at the party.", (1, 5)),
        ("A man died and two others were injured when the shots rang out.", (1, 2)),
        # counter-example: fatally wounded is killed, not wounded
        ("A 15-year-old boy was fatally wounded on the porch on Friday.", (1, 0)),
        # all the dead as found count the killer; the victims of a murder-suicide do not
        ("Three people were discovered dead in what police called a murder-suicide.", (3, 0)),
        ("A man and two children are dead in an apparent murder-suicide.", (3, 0)),
        ("A father killed two of his sons, then shot himself.", (3, 0)),
        ("Police say he shot his wife. -- Three children and two adults were found dead.", (5, 0)),
        # counter-examples: a day of a month, a dead-end street, are not counts
        ("On Nov. 9 the woman and her 2-year-old child were found dead.", (2, 0)),
        ("He shot his family on a dead-end street; a wounded 12-year-old girl called 911.", (0, 1)),
        # the shot less the dead are the wounded
        ("Four people were shot in the park on Saturday. One of the victims died on Sunday.", (1, 3)),
        # a person named with an age, then died
        ("Tom Rivers, 15, a member of the school band, died after the gun went off.", (1, 0)),
        ("Tom Rivers, 20, was charged with manslaughter on Monday.", (None, None)),
        # a baby's age in months is a person
        ("A 2-year-old and a 10-month-old killed in the fire, police said.", (2, 0)),
        # two named together and found dead are all the dead: the killer of a murder-suicide among them
        ("A boy shot his brother, then committed suicide. The 13-year-old and 6-year-old dead.", (2, 0)),
        ("Mother, child found dead in their home", (2, 0)),
        # counter-example: two named together as killed are victims, the suicide one more
        ("A man shot his wife and son. Mother, son killed; the man then killed himself.", (3, 0)),
        # a place in a gallery or a series is not a count
        ("Image 1 of / 9 Caption Close Image 1 of 9 A woman and her child were both found dead.", (2, 0)),
        ("The boy was shot and killed. He was the first of two teenagers killed by gunfire.", (1, 0)),
        # counter-example: "one of two men killed" is still two
        ("Smith was one of two men killed in the shooting.", (2, 0)),
        # a list of earlier happenings after their dates is not the lead's attack
        (
            "A teen was shot and killed by a deputy. Earlier cases: Jan. 5: a man killed his sister-in-law, "
            "then himself in a murder-suicide. Aug. 23: two men are shot and killed.",
            (1, 0),
        ),
        # "N people have died" counts all the dead; one and a counted group named together are all of them
        ("Wallkill man, two children dead in murder-suicide", (3, 0)),
        ("The coroner says all four people involved in a shooting early Saturday have now died.", (4, 0)),
        ("Six people have died after becoming infected with the flu.", (6, 0)),
        # counter-examples: attempted murder is no death; a count of the shot is not of the dead
        ("A man was charged with two counts of attempted murder.", (None, None)),
        ("Four people were shot and one man has died.", (1, 3)),
        # a killing named as a noun is one dead; an attempted one is not
        ("Police arrested a man in the murder of a well-known farmer.", (1, 0)),
        ("Charges link a man's gun to the 7-year-old boy's July Fourth killing.", (1, 0)),
        ("He was charged with the attempted murder of a rival.", (None, None)),
        # one who shot himself and lived, injuries not life-threatening
        ("A 3-year-old shot himself in the hand with his father's gun Tuesday night.", (0, 1)),
        ("A boy is recovering with non-life-threatening injuries.", (0, 1)),
        # counter-example: one who shot himself and died is dead
        ("A 3-year-old boy died after he accidentally shot himself.", (1, 0)),
        # one wounded whose own sentence says he died is one dead, not also one wounded
        (
            "A toddler was killed. A Marion County toddler who was critically injured after shooting himself"
            " in the face has died, officials said.",
            (1, 0),
        ),
        # counter-examples: a wounded one in a sentence of his own; the wounded of a count, one of whom died
        ("A man was killed and a woman was wounded. The woman was taken to a hospital.", (1, 1)),
        ("A man was shot dead. A teen was injured in a shooting Sunday; police said he was stable.", (1, 1)),
        ("Three people were injured, one of whom later died, police said.", (1, 3)),
    ],
)
def test_casualties(text: str, expected: tuple[int | None, int | None]) -> None:
    found = casualties_of(text)
    assert (found.killed, found.injured) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a headline without "to be": one dead, and one hurt beside them
        ("Child Killed, Father Critical After Shooting In Miami", (1, 1)),
        ("7-year-old NC girl killed, grandmother injured after shots fired into home", (1, 1)),
        # counter-examples: a plural gives no count; others hurt are not one
        ("Officers killed in the line of duty honored", (None, None)),
        ("Man killed, officers injured in standoff", (1, 0)),
    ],
)
def test_headline_casualties(title: str, expected: tuple[int | None, int | None]) -> None:
    harm = casualties_of("Police said more on Friday.", title)
    assert (harm.killed, harm.injured) == expected


def test_a_count_of_the_shot_is_not_of_the_dead() -> None:
    """Counter-example of "N people ... have died": another count between them ("two") is what died."""
    assert casualties_of("Four people were shot and two have died.").killed != 4


def test_a_later_paragraph_does_not_count() -> None:
    text = "A man was wounded in a shooting on Friday. " + "Police are still looking for the gunman. " * 30
    text += "Last year 40 people were killed in the city."
    assert casualties_of(text) == Casualties(killed=0, injured=1)


@pytest.mark.parametrize(
    ("event_type", "mode", "trigger", "status"),
    [
        ("ASSAULT", None, "killed", "killed"),
        ("ASSAULT", "firearms", "wounding", "injured"),
        ("ASSAULT", "firearms", "shot", None),
        ("COERCE", "arrest", "detained", "arrested"),
        ("RETREAT", "release", "freed", "released"),
        ("CONCEDE", None, "pardoned", "released"),
        ("AGREE", None, "signed", None),
    ],
)
def test_size_status(event_type: str, mode: str | None, trigger: str, status: str | None) -> None:
    assert size_status(event_type, mode, trigger) == status


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (None, "GARY, Ind. — Five people were wounded at a social club on Wednesday.", ("Gary", "Indiana")),
        ("Teen shot in Tacoma", "Police in Tacoma are searching for a gunman.", ("Tacoma", "Washington")),
        (None, "A 22-year-old Wichita man was charged on Monday, Kansas police said.", ("Wichita", "Kansas")),
        (None, "Nothing here names a town.", None),
        (
            None,
            "Updated: Apr 12, 2016  GRANITE FALLS, N.C. - A death was ruled an accident.",
            ("Granite Falls", "North Carolina"),
        ),
        (
            None,
            "A girl was shot in North Minneapolis on Friday, Minnesota police said.",
            ("Minneapolis", "Minnesota"),
        ),
        (None, "A man was shot in Florida on Friday.", None),  # the state, not a town of its name
        # a large town is what its name means even where a region bears it (Toledo, Belize)
        (None, "A man was shot in Toledo on Friday.", ("Toledo", "Ohio")),
        (None, "A boy was shot in St. Augustine on Friday.", ("Saint Augustine", "Florida")),
        (None, "One person is dead after a shooting in north Wichita early Saturday.", ("Wichita", "Kansas")),
        (None, "Memphis Police said a girl was shot in her home.", ("Memphis", "Tennessee")),
        (None, "Kentucky State Police said a teen was shot.", None),  # a state's police, no town
        (None, "Police said the man was shot.", None),
        (None, "A girl was shot at Dixon's home on Friday.", None),  # a person's possessive, not a town
        # the same with a typographic apostrophe or a plural possessive, before a dwelling
        (None, "The toddler was shot at Davis\u2019 home on Saturday.", None),
        (None, "The toddler was shot at Davis' home on Saturday.", None),
        (None, "The boy was found in Davis\u2019s mobile home.", None),
        (None, "A man was shot outside Smith\u2019s house in Tulsa.", ("Tulsa", "Oklahoma")),
        # counter-examples: a town in the possessive names a part of it, and the town alone stays a town
        (None, "Two men were shot in Chicago\u2019s South Side on Sunday.", ("Chicago", "Illinois")),
        (None, "A man was shot in Davis on Sunday.", ("Davis", "California")),
        # a sentence's article before a town named as where someone is from is not the town's; a town
        # whose name has it keeps it
        (None, "The Wichita woman was shot on Sunday.", ("Wichita", "Kansas")),
        # a dateline in title case before the agency or station that wrote it, in capitals; never a date
        (None, "Cleveland (AFP) \u2013 The convention began its roll call.", ("Cleveland", "Ohio")),
        (None, "Edmonton, Ky. (WBKO) - A man was shot on Sunday.", ("Edmonton", "Kentucky")),
        (None, "Update (May 11, 2016) -- A boy was shot in Toledo on Sunday.", ("Toledo", "Ohio")),
        (None, "Breaking (WXYZ) - A man was shot on Sunday.", None),
        # a dateline's town the gazetteer lacks, in the one US state the report names; counter-examples: a
        # common word ("Update"), a report naming no state or two
        (
            None,
            "Killingly (AP) \u2014 Connecticut State Police say a 16-year-old has died after being shot.",
            ("Killingly", "Connecticut"),
        ),
        (
            None,
            "Update (WFSB) \u2014 Connecticut State Police say a 16-year-old has died after being shot.",
            None,
        ),
        (None, "Killingly (AP) \u2014 State police say a 16-year-old has died after being shot.", None),
        (
            None,
            "Killingly (AP) \u2014 Police in Connecticut and Rhode Island say a boy died after being shot.",
            None,
        ),
        (None, "A man was shot in The Dalles on Sunday.", ("The Dalles", "Oregon")),
        (None, "A man was shot in the north of the city.", None),
        # a part of a large town the gazetteer lacks, named beside its police
        (None, "A boy was shot in Englewood on Friday, Chicago police said.", ("Chicago", "Illinois")),
        # an abbreviated town before a word that is not its own ("St. Paul Shooting"); a longer town keeps it
        (None, "Teen Killed, Another Wounded in St. Paul Shooting", ("Saint Paul", "Minnesota")),
        (None, "Shooting in St. Louis Park leaves one hurt", ("Saint Louis Park", "Minnesota")),
        # the abbreviation without its point ("St Johns County" is Saint Johns County), and a county is never
        # the town of its first words; counter-example: a longer name that is not a county still falls
        # back on its first words ("Rock Falls Police")
        ("Boy shot in St Johns County", "Deputies said he will live.", ("Saint Johns County", "Florida")),
        (None, "Rock Falls Police said a teen was shot.", ("Rock Falls", "Illinois")),
        # a town read from the first words of a longer name ("Montgomery Mall") lies in a state the report
        # names, where it names one; counter-examples above and here: no state named, a town of the state
        (
            "Suspect in Maryland Shootings Charged With Murder",
            "A father of two was shot and killed Friday at Montgomery Mall.",
            None,
        ),
        (None, "A boy was shot at the Naples Bay Mall on Friday, Florida police say.", ("Naples", "Florida")),
        # the first words of a longer name that name a country or a state are that, not a town of its name
        # (Mexico, Pampanga; Peru, Indiana); a large town of the name still is ("Tokyo Tower")
        ("Surge of Detainees in Mexico Suggests Violence Still Fueling Migration", "The number rose.", None),
        (None, "Voters in Peru Sunday chose a new president.", None),
        (None, "Protesters gathered at Tokyo Tower on Friday.", ("Tokyo", "Tokyo")),
        # a named area or a water is not a small town of its name (Middle East, Maryland; Pacific,
        # Missouri); counter-examples: such a town in a state the report names, or with its state
        (None, "Protests spread in the Middle East on Monday.", None),
        (None, "Seizures of cocaine rose in the Pacific this year.", None),
        (None, "Virginia State Police said a man was shot in Yorkshire.", ("Yorkshire", "Virginia")),
        (None, "A man was shot in Atlantic, Iowa, on Friday.", ("Atlantic", "Iowa")),
        # a name in the plural possessive before a person is a person's ("Parsons' family"), as in the
        # singular; students are named for their school's town, as a student is
        (None, "Michael Parsons was careful. Parsons' family said he loved comics.", None),
        (
            None,
            "Police in Clayton County said two Riverdale High School students were found dead.",
            ("Riverdale", "Georgia"),
        ),
        # a dateline after the time a page was updated
        (
            None,
            "Updated: Apr 12, 2016 - 9:35 AM GRANITE FALLS, N.C. - A death was ruled an accident.",
            ("Granite Falls", "North Carolina"),
        ),
        (None, "Posted 5:29 PM EDT HOUSTON - A man was shot.", ("Houston", "Texas")),
        # a county is whose sheriff speaks; a town of its state the report names is where it happened
        (
            None,
            "A DeKalb County man was arrested after his brother was shot at a home in Lithonia on Friday.",
            ("Lithonia", "Georgia"),
        ),
        # counter-examples: a county alone is the place; a town of another state does not take its votes
        (None, "A boy was shot in DeKalb County, Georgia, on Friday.", ("DeKalb County", "Georgia")),
        # a town where the wounded were taken is not where they were shot
        (
            None,
            "A man was shot in Lithonia and taken to Grady Memorial Hospital in Atlanta.",
            ("Lithonia", "Georgia"),
        ),
        # a dateline in title case, its state after it
        (None, "Edmonton, Ky. (May 2, 2016) - A hunter was shot on Sunday.", ("Edmonton", "Kentucky")),
        # a town and its state anywhere in the lead; a street is not a town
        (None, "Deputies went to 12 Oak Road, Lithonia, Georgia, on Friday.", ("Lithonia", "Georgia")),
        (None, "Three men were shot near Stanton St. on Sunday.", None),
        # counter-examples: a list of states, a person's home town
        (None, "Polls in Colorado, Ohio and Florida tightened.", None),
        (None, "Gloria Diaz, a nurse from Brownsville, Texas, was polled.", None),
        # a county of one state names that state: its town is preferred over a larger namesake
        (None, "The Pasco County Sheriff said a boy was shot in Hudson.", ("Hudson", "Florida")),
        # a state written with one letter before each point
        (
            None,
            "SALISBURY, N.C. (WBTV) \u2014 A shooting in Salisbury left a girl dead.",
            ("Salisbury", "North Carolina"),
        ),
        # the state a dateline gives is the town's, even where the gazetteer knows the name only elsewhere
        (
            None,
            "BUCKSPORT, SC (WBTW) \u2013 All four people involved in a shooting have died.",
            ("Bucksport", "South Carolina"),
        ),
        (
            None,
            "BUCKSPORT, Maine - A man was shot on Main Street.",
            ("Bucksport", "Maine"),
        ),  # counter-example
        # a town the gazetteer lacks is taken on a US state's word only: elsewhere "Town, Region" is most
        # often a list of countries or a masthead's words (counter-example: BUCKSPORT, SC above)
        (None, "Gangs in El Salvador, Guatemala and Honduras grow.", None),
        (
            "Teen tried as adult - Toledo News Now, News, Weather, Sports, Toledo, OH",
            "A teen accused of shooting her brother was in court Thursday.",
            None,
        ),
        # a small town the gazetteer lacks, with a post office in the one state the report names
        (
            None,
            "A boy was shot in Montfort on Friday, a sheriff in Wisconsin said.",
            ("Montfort", "Wisconsin"),
        ),
        # ... and, where the gazetteer knows a namesake, the report names the listed one's county too
        (
            None,
            "A teen died in a shooting in Hopkins County, Kentucky, at a home in White Plains.",
            ("White Plains", "Kentucky"),
        ),
        # ... even where a large town elsewhere bears the name (Elgin, Illinois)
        (
            None,
            "A 4-year-old Iowa boy died after an accidental shooting in Elgin, the Fayette County Sheriff"
            " said.",
            ("Elgin", "Iowa"),
        ),
        # counter-example: the large town, where the report does not name the listed one's county
        (
            None,
            "A 4-year-old Iowa boy died after an accidental shooting in Elgin on Friday.",
            ("Elgin", "Illinois"),
        ),
        # counter-examples: a namesake whose county the report does not name; a state's name; a known town
        (None, "LA CROSSE, Wisc. \u2014 Pence spoke about the storm in Florida.", ("La Crosse", "Wisconsin")),
        (None, "The primary in New York was won by Clinton, who also won in Maryland.", None),
        (
            None,
            "A man was shot at a home in White Plains, police in New York said.",
            ("White Plains", "New York"),
        ),
        # a town whose name starts with a side of a town is a town of its own; a side before a town is not
        (None, "NORTH LITTLE ROCK, Ark. - A man was shot.", ("North Little Rock", "Arkansas")),
        (None, "SOUTH BEND, Ind. - A man was shot.", ("South Bend", "Indiana")),
        (None, "A man was shot in North Minneapolis on Friday.", ("Minneapolis", "Minnesota")),
        # a dateline's hyphenated name, whole, and after a side of it
        (None, "WINSTON-SALEM, N.C. (AP) - A man was shot.", ("Winston-Salem", "North Carolina")),
        (None, "SOUTHWEST MIAMI-DADE, FLA. (WSVN) - A boy was shot.", ("Miami-Dade", "Florida")),
        # a hyphenated name's police are the whole name's, never its last part's (Dade, China)
        (
            None,
            "A party in Miami ended in gunfire. Miami-Dade Police charged three men.",
            ("Miami", "Florida"),
        ),
        # counter-example: a town's police still name the town
        (
            None,
            "A party ended in gunfire. Winston-Salem Police charged three men.",
            ("Winston-Salem", "North Carolina"),
        ),
        # a region that is one city, named with its status, is that city ("D.C."), also after a side of it
        (
            None,
            "A teen was shot and killed Friday in Southeast D.C., police said.",
            ("Washington", "Washington, D.C."),
        ),
        (
            None,
            "Police in D.C. said a man was shot near the Potomac Gardens housing complex.",
            ("Washington", "Washington, D.C."),
        ),
        (None, "Two men were shot in Kyiv City on Friday.", ("Kyiv", "Kyiv City")),
        # counter-examples: a state, and a region named as its town alone, are not read so
        (None, "A man was shot Friday in Maryland, police said.", None),
        (None, "A man was shot Friday in Vienna, police said.", ("Vienna", "Vienna")),
        (None, "Two cases were confirmed in the Gaza Strip.", None),  # more than its town
        (None, "Prices are rising in the U.S., officials said.", None),  # initials are no town
        # a state by its postal code after a town; a code that also names a region elsewhere is not read
        (None, "A man was shot Friday, police in Wilmington, NC said.", ("Wilmington", "North Carolina")),
        (None, "A man was shot on Friday. Reporting by John Smith, AP.", None),
        # a postal code names the report's state, where a town of the name lies (not Garden City, New York)
        (
            None,
            "HORRY COUNTY, SC (WMBF) - A man was shot on Atlantic Avenue in Garden City on Friday.",
            ("Garden City", "South Carolina"),
        ),
        # a place of care named for its town is where the wounded were taken; a school is where it happened
        (None, "Four victims were treated at New Hanover Regional Medical Center.", None),
        (None, "A man was shot at Magnolia High School on Friday.", ("Magnolia", "Arkansas")),
        # a town named as where a dwelling is; counter-examples: speeches
        (None, "Deputies responded to a rural Williston address on Monday.", ("Williston", "North Dakota")),
        (None, "The president gave a White House address on Monday.", None),
        (None, "In his State of the Union address, the president spoke of guns.", None),
        # after "the", a name before "address" or "residence" is a street named before, or a family's;
        # counter-example: a town after "at" without "the"
        (
            None,
            "He was shot in the 4700 block of West Addison Street. A witness lives at the Addison address.",
            None,
        ),
        (None, "A man was shot at the Johnson residence on Friday.", None),
        (None, "Deputies were called to a home at Toledo on Friday.", ("Toledo", "Ohio")),
        # a title's masthead names where the outlet is: its town only where the report names no other
        (
            "Girl shot in chest - WMC Action News 5 - Memphis, Tennessee",
            "A girl was shot on Friday night, police said.",
            ("Memphis", "Tennessee"),
        ),
        (
            "Fatal shooting appears accidental - WTVM.com-Columbus, GA News Weather & Sports",
            "A man was shot in Blytheville on Monday, Arkansas police said.",
            ("Blytheville", "Arkansas"),
        ),
        # a state's name with a side is the state ("South Carolina" is not Carolina, Puerto Rico), and a
        # day is no town; counter-example: a side of a town
        (None, "A man was shot Friday, South Carolina police said.", None),
        (
            None,
            "A boy was shot in Denmark on Friday, South Carolina police said.",
            ("Denmark", "South Carolina"),
        ),
        # a country's name is the country, not a small town of its name; a large town of it is a town
        (None, "Factories in China shut on Friday.", None),
        (None, "A man was shot in Egypt on Friday.", None),
        (None, "Two men were arrested in Singapore on Friday.", ("Singapore", None)),
        # a place without a post office of its own near a larger town the report names is a part of it;
        # counter-example: a town with its own post office, and a part whose town the report does not name
        ("Man shot in West Garfield Park", "A man was shot on Friday near Chicago.", ("Chicago", "Illinois")),
        ("Man shot in Cicero", "A man was shot on Friday near Chicago.", ("Cicero", "Illinois")),
        ("Man shot in North Lawndale", "A man was shot on Friday.", ("North Lawndale", "Illinois")),
        # counter-example: a headline in title case may hold "News" (a masthead names two of a station's
        # words, a web address or a call sign, or is short)
        (
            "Shooting in Toledo Is The Worst News Of The Year - Police Say More",
            "A man was shot on Friday near Detroit.",
            ("Toledo", "Ohio"),
        ),
        (
            "Wichita, Kansas News, Weather, Sports - 1 dead after shooting in Derby",
            "One man died on Friday, police said.",
            ("Derby", "Kansas"),
        ),
        # a town the happening lies off by a compass point is where, where the report names no other
        # town; counter-examples: a town it is placed in wins over the landmark, a far one is a bearing
        (
            "Three People Dead East of Bozeman",
            "Three people were found dead on Friday.",
            ("Bozeman", "Montana"),
        ),
        (
            None,
            "A man was shot in Hueytown, about 10 miles southwest of Birmingham, on Friday.",
            ("Hueytown", "Alabama"),
        ),
        (
            None,
            "The quake, which struck 1,500 kilometers south of Tehran, was felt on Sunday.",
            None,
        ),
        # a part of a town the report names as one ("the X neighborhood") is no namesake town elsewhere;
        # "of" after it names its town; counter-examples: after "a" or a person's possessive the name is
        # the town's, and so is "the X area"
        (
            "Boy, 16, killed in accidental shooting in Bridgeport",
            "A boy was killed in the Bridgeport neighborhood on Friday, the county medical examiner said.",
            None,
        ),
        (
            None,
            "A 7-year-old Englewood boy died on Sunday after he was shot in the Englewood neighborhood of "
            "Chicago, police said.",
            ("Chicago", "Illinois"),
        ),
        (
            None,
            "A girl was shot at a home in the East Lake neighborhood of Tarpon Springs on Tuesday.",
            ("Tarpon Springs", "Florida"),
        ),
        (
            None,
            "Chicago police said a man was shot on Friday in a Chicago neighborhood.",
            ("Chicago", "Illinois"),
        ),
        (
            None,
            "Bridgeport police said a man was shot on Friday in the teen's Bridgeport neighborhood.",
            ("Bridgeport", "Connecticut"),
        ),
        (None, "Three people were shot on Friday in the Houston area.", ("Houston", "Texas")),
        # a town named with "The" and without it is one town, in the post office's form ("Bronx"); the
        # counter-example: a town whose post office bears "The" keeps it
        (None, "A teen was shot in The Bronx on Friday.", ("Bronx", "New York")),
        (None, "A teen was shot on Friday in the Bronx, police said.", ("Bronx", "New York")),
        (None, "BRONX, N.Y. - A teen was shot on Friday.", ("Bronx", "New York")),
        (None, "A man was shot on Friday in The Dalles, police said.", ("The Dalles", "Oregon")),
        # a town written without its accents is the gazetteer's, in its form: one town, one form
        (None, "Two men were shot dead in Medellin on Friday.", ("Medellín", "Antioquia")),
        # "the X family" is a surname, never a town (Būsh, Egypt); the counter-example: "a Wichita family"
        (None, "James Bruner, whose father was the Bush family pastor, spoke on Monday.", None),
        (None, "The Smith family said on Monday they were grateful.", None),
        (None, "A Wichita family was displaced by the fire on Monday.", ("Wichita", "Kansas")),
        # a police force's kind is no town (Federal, Entre Ríos); the counter-example: a town's police
        (None, "Close to 200 Federal Police agents were deployed on Monday.", None),
        (None, "Mexico City Police said on Monday that two men were shot.", ("Mexico City", "Mexico City")),
        # a small town read from the first words of a longer name of common words is that name's word;
        # counter-examples: a large town, a rare word, a county
        (None, "Clinton enjoys 48% support in the Sunshine State, a poll said.", None),
        (None, "A boy was shot at the Mission Falls apartments on Monday.", None),
        (None, "The cardinal led the vigil at the Manila Cathedral on Saturday.", ("Manila", "Metro Manila")),
        (None, "The family took the stage at the Clarkston Community Center.", ("Clarkston", "Georgia")),
        (None, "He was held in Ocean County Jail on Monday.", ("Ocean County", "New Jersey")),
        (None, "A man was shot in Monroe Township in Ohio on Saturday.", ("Monroe", "Ohio")),  # a township
        # a people's adjective is no town (Argentine, Michigan); the counter-example: with its state
        (None, "Argentine police dismantled a drug ring on Monday.", None),
        (None, "A conservative party in the Canadian province introduced a carbon tax.", None),
        (None, "A man was shot in Argentine, Michigan, on Monday.", ("Argentine", "Michigan")),
        # a frequent English word after "the" is the word (Broadway, Virginia; Center, Texas); counter-
        # examples: a large town before a noun, a town named with "The"
        (None, "He wrote the music and starred in the Broadway smash on Monday.", None),
        (None, "Curzio, a researcher at the Center for Research, said on Monday.", None),
        (None, "He complained of harsh conditions in the Chicago prison on Monday.", ("Chicago", "Illinois")),
        # a word in capitals inside a sentence is an acronym, no small town (Hīv, Iran); the counter-
        # examples: a dateline in capitals, a large town's acronym
        (None, "Doctors worry about the rise in HIV infections, officials said on Monday.", None),
        (None, "HOUSTON - Two men were shot on Monday.", ("Houston", "Texas")),
        # a first name before a middle initial is a person's; a holiday is no town unless its state
        # follows; a business named in the possessive of a common word ("Sam's Club") is no town
        (None, "It was a major inflection point in Donald J. Trump's campaign, aides said.", None),
        (None, "A money group whacks Clinton in Christmas ad on Monday.", None),
        (None, "A man was shot in Christmas, Fla., on Monday.", ("Christmas", "Florida")),
        (None, "A man was shot in St. Louis, Mo. on Monday.", ("St. Louis", "Missouri")),
        (None, "A woman was struck by a car outside the Sam's Club on Monday.", None),
        # a possessive's owner before a longer name (a saint's church) is no small town; a large town's
        # possessive is the town's
        (None, "He was the pastor at St. Ann's Episcopal Church, friends said on Monday.", None),
        (None, "Two men were shot in Chicago's South Side on Monday.", ("Chicago", "Illinois")),
    ],
)
def test_place_of(title: str | None, text: str, expected: tuple[str, str] | None) -> None:
    place = place_of(text, load_gazetteer(), title)
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("CLEVELAND, Tenn. (WRCB) - A woman and her son were found dead.", True),
        ("A woman was shot in Dallas, police in Georgia said.", False),  # a state, not the town's
        ("A woman and her son were found dead in Cleveland.", False),
    ],
)
def test_a_report_place_says_whether_the_report_names_its_region(text: str, named: bool) -> None:
    place = place_of(text, load_gazetteer())
    assert place is not None and place.region_named is named


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("A man was shot Saturday night outside a bar.", dt.date(2015, 3, 9), dt.date(2015, 3, 7)),
        ("Posted: Monday, May 4, 2015. A hunter who shot a man on March 7 was charged.", dt.date(2015, 5, 4),
         dt.date(2015, 3, 7)),
        ("The trial will start on Friday.", dt.date(2015, 3, 9), None),  # after publication: not the act
        ("A man was shot Saturday night.", None, None),
        # the identity feature keeps the earliest day, bounds and holidays too
        ("A girl was shot Sunday. No details until Monday.", dt.date(2016, 9, 18), dt.date(2016, 9, 12)),
    ],
)  # fmt: skip
def test_lead_date(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert lead_date(text, published) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (None, "Updated: July 7, 2012, 10:04 PM ET Klitschko stopped Thompson.", dt.date(2012, 7, 7)),
        ("Saints place RB on injured reserve", "Jan 05, 2011 One day after placing ...", dt.date(2011, 1, 5)),
        (None, "Last Updated: Monday, 28 November 2005, 02:24 GMT Ten dead in quake.", dt.date(2005, 11, 28)),
        # counter-examples: no year, only a year, a date deep in the text, a time alone
        (None, "A publicist said Friday that the actress checked into rehab.", None),
        (None, "The Saints won the title in 2009 and lost in the playoffs the next year.", None),
        (None, "A man was shot outside a bar. " * 8 + "It was the second on July 7, 2012.", None),
        (None, "10:55 P.M. Chargers lineman faces charges.", None),
    ],
)  # fmt: skip
def test_dateline_date(title: str | None, text: str, expected: dt.date | None) -> None:
    assert dateline_date(text, title) == expected


def test_a_county_named_before_its_word_is_not_a_state() -> None:
    """ "Washington County" names no state of Washington (it is in many states)."""
    assert not _regions_named("Washington County deputies said a boy was shot.", load_gazetteer())
    assert ("USA", "Washington") in _regions_named("A boy was shot in Washington state.", load_gazetteer())


def test_a_title_cut_inside_a_word_names_no_town_by_its_last_word() -> None:
    """Class: a title that is the text's opening cut inside a word ("... charges in the Un" of "... in the
    United States") ends in no name (Un, Gujarat); the counter-example: a whole title keeps its town."""
    gazetteer = load_gazetteer()
    text = "Leader pleads not guilty to charges in the United States. He appeared in court on Monday."
    assert place_of(text, gazetteer, text[: text.index("United") + 2]) is None
    whole = place_of("He appeared in court on Monday.", gazetteer, "Leader pleads not guilty in Toledo")
    assert whole is not None and whole.name == "Toledo"


def test_a_large_towns_acronym_is_that_town() -> None:
    """Counter-example to acronyms being no towns (`test_place_of`: "in HIV infections"): "in NYC" is
    New York's, a town of 8 million."""
    place = place_of("Two men were shot in NYC on Monday.", load_gazetteer())
    assert place is not None and (place.region, place.country) == ("New York", "USA")


def test_a_us_state_is_no_large_town_abroad() -> None:
    """Class: "in Virginia" is the state, not Virginia, Free State (a town of 120,000, whose size made it a
    town where the state's name alone was read: then Virginia, Minnesota, by the state bonus); the
    counter-example: a large town of a country's name is that town (Singapore)."""
    gazetteer = load_gazetteer()
    assert place_of("He was indicted by a federal court in Virginia on Monday.", gazetteer) is None
    place = place_of("Two men were arrested in Singapore on Monday.", gazetteer)
    assert place is not None and place.country == "SGP"


def test_a_river_named_for_a_state_names_no_state() -> None:
    """Class: "the Parana River", "the Ohio River" are rivers, no words of Paraná or Ohio (a report of
    Rosario, Argentina, "a port city on the Parana River", was placed in Rosário, Brazil); counter-examples:
    the state by its name alone, or after a town."""
    gazetteer = load_gazetteer()
    assert not _regions_named("A barge sank on the Ohio River on Monday.", gazetteer)
    assert ("USA", "Ohio") in _regions_named("A barge sank in Ohio on Monday.", gazetteer)
    assert ("BRA", "Parana") in _regions_named("Police in Curitiba, Parana, said on Monday.", gazetteer)
    place = place_of("Gangs control trafficking in Rosario, a port city on the Parana River.", gazetteer)
    assert place is not None and (place.name, place.country) == ("Rosario", "ARG")


def test_a_small_town_of_a_named_state_keeps_its_votes() -> None:
    """Counter-example: Englewood of a state the report names is not a part of Chicago."""
    votes = {("Englewood", "Colorado", "USA"): 3.0, ("Chicago", "Illinois", "USA"): 1.5}
    sizes = {("Englewood", "Colorado", "USA"): 35_000, ("Chicago", "Illinois", "USA"): 2_700_000}
    _to_large_towns(votes, sizes, {("USA", "Colorado")})
    assert votes[("Englewood", "Colorado", "USA")] == 3.0
    _to_large_towns(votes, sizes, set())
    assert votes == {("Chicago", "Illinois", "USA"): 4.5}


def test_a_county_keeps_its_votes_beside_a_town_of_another_state() -> None:
    """Counter-example: a town of another state is not in the county ("Harris County ... flown to Tulsa")."""
    county, other = ("Harris County", "Texas", "USA"), ("Tulsa", "Oklahoma", "USA")
    votes = {county: 3.0, other: 1.0}
    _counties_to_towns(votes, {county})
    assert votes == {county: 3.0, other: 1.0}
    town = ("Houston", "Texas", "USA")
    votes[town] = 1.0
    _counties_to_towns(votes, {county})
    assert votes == {town: 4.0, other: 1.0}


PATROLS = "Police stepped up patrols after the killing of a boy, officials said Tuesday. " + "Worry. " * 100


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a day named as a bound is not when it happened
        ("A girl was shot Sunday. No details until Monday.", dt.date(2016, 9, 18), dt.date(2016, 9, 18)),
        ("A man was killed Friday, days before Christmas.", dt.date(2015, 12, 20), dt.date(2015, 12, 18)),
        # a holiday beside another day is the season; alone, it is the day
        ("A girl home for Thanksgiving was shot Friday.", dt.date(2016, 11, 26), dt.date(2016, 11, 25)),
        ("A hunter was shot on Christmas Eve in the woods.", dt.date(2016, 12, 28), dt.date(2016, 12, 24)),
        # counter-examples: the earliest day still wins where nothing bounds it
        ("A man shot on Saturday died on Monday.", dt.date(2015, 3, 10), dt.date(2015, 3, 7)),
        ("A man was shot Saturday night.", None, None),
        # the day beside the attack, not an earlier day told as background or a later act
        ("Smith was shot and killed on Dec. 22, 2015. The complaint says the theft occurred Dec. 15.",
         dt.date(2016, 2, 15), dt.date(2015, 12, 22)),
        ("A man was shot and killed Friday. He is also charged in the shooting of his wife on Thursday.",
         dt.date(2016, 5, 7), dt.date(2016, 5, 6)),
        ("The shooting occurred Thursday afternoon. A man had dropped the gun off yesterday.",
         dt.date(2016, 1, 14), dt.date(2016, 1, 14)),
        ("Police Friday charged the mother of a girl who fatally shot herself Thursday.",
         dt.date(2016, 6, 23), dt.date(2016, 6, 23)),
        ("A boy was critically wounded in a shooting on Friday. He died on Saturday.",
         dt.date(2016, 12, 4), dt.date(2016, 12, 2)),
        # what followed is not the day: a charge, an autopsy, a statement, a condition
        ("Four people were found shot Thursday. Autopsies Friday showed all four were shot in the head.",
         dt.date(2013, 4, 20), dt.date(2013, 4, 18)),
        ("Three people were found dead, police said Sunday. Police were called about 1 p.m. on Saturday.",
         dt.date(2015, 3, 29), dt.date(2015, 3, 28)),
        ("The boy, who was shot, remained in critical condition Friday night. He was shot Thursday night.",
         dt.date(2016, 6, 3), dt.date(2016, 6, 2)),
        ("A man was killed in a shooting. Hicks was shot at his home on June 2, police reported. An autopsy "
         "is set for Tuesday.", dt.date(2016, 6, 6), dt.date(2016, 6, 2)),
        # a report's own dateline or time stamp is its day only when it names no other
        ("NEW HAVEN, Conn., Oct. 27 (UPI) -- One person was killed in the 3:30 a.m. Saturday incident.",
         dt.date(2013, 10, 27), dt.date(2013, 10, 26)),
        ("Toddler shot, killed March 10, 2014 2:18 PM NAVARRO COUNTY - A boy was shot.",
         dt.date(2014, 3, 10), dt.date(2014, 3, 10)),
        # counter-examples: a day named only beside what followed is still the day (nothing better), a
        # date range is no dateline, and a lead of no harm keeps the earliest day
        ("A man was charged Friday in a shooting.", dt.date(2016, 10, 18), dt.date(2016, 10, 14)),
        ("A poll taken from Dec. 3 - Dec. 7 shows Trump ahead.", dt.date(2015, 12, 10), dt.date(2015, 12, 3)),
        ("NBC announced on Tuesday that Bush will join the show. He signed on Monday.", dt.date(2016, 5, 18),
         dt.date(2016, 5, 16)),
        # a full stop after an abbreviation ends no clause: the attack is the day's word
        ("The club had opened on Monday. The gunman stopped shooting by the time officers arrived at 11:30 "
         "p.m. Wednesday.", dt.date(2014, 2, 13), dt.date(2014, 2, 12)),
        ("A man was shot. His family had moved in on Sept. 2. It happened about 11:20 p.m. Sept. 19 at home.",
         dt.date(2016, 9, 23), dt.date(2016, 9, 19)),
        # counter-example: a sentence's own full stop still ends it (the shooting is told in the sentence
        # before, and the day after it is the report's, a later act)
        ("A boy was shot Sunday by Smith. Police met Monday.", dt.date(2016, 9, 23), dt.date(2016, 9, 18)),
        # a lead that names no day: the first day the body names beside the attack, none beside what followed
        (" ".join(["A family grieves."] * 40) + " The shooting happened on June 22 in a home.",
         dt.date(2016, 6, 30), dt.date(2016, 6, 22)),
        (" ".join(["A family grieves."] * 40) + " He was charged on June 24 in the shooting.",
         dt.date(2016, 6, 30), None),
        # a lead that names only a day of what followed ("officials said Tuesday"): the attack's day
        # further on; counter-examples: none there keeps the lead's, a later day there is another act
        (PATROLS + "Guzman was shot at about 1 a.m. Monday near the park.", dt.date(2016, 9, 13),
         dt.date(2016, 9, 12)),
        (PATROLS + "Guzman was a student.", dt.date(2016, 9, 13), dt.date(2016, 9, 13)),
        # the police's response to the scene is the attack's time ("responded ... Oct. 11 to a home")
        ("A man was charged in a teen's shooting death. He was booked into jail early Friday evening. "
         + "Worry. " * 100 + "Deputies responded around 5 p.m. Oct. 11 to a home on Ryan Road.",
         dt.date(2016, 10, 18), dt.date(2016, 10, 11)),
        ("A man was charged Monday in a killing. " + "Residents worry. " * 40
         + "His neighbour was shot Tuesday too.", dt.date(2016, 9, 14), dt.date(2016, 9, 12)),
        ("Three were charged with the killing of a girl, prosecutors said in court Friday. " + "Bail. " * 100
         + "Smith faces another charge for the Nov. 7th shooting death of a man.", dt.date(2016, 12, 2),
         dt.date(2016, 12, 2)),
    ],
)  # fmt: skip
def test_event_date(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert event_date(text, published) == expected


def test_places_without_a_region_are_ordered_beside_those_with_one() -> None:
    """A town of a region the gazetteer names without a first-level region sorts beside one that has it."""
    votes = {("Salem", None, "USA"): 1.0, ("Salem", "Oregon", "USA"): 1.0}
    sizes = {("Salem", None, "USA"): 0, ("Salem", "Oregon", "USA"): 170_000}
    _to_large_towns(votes, sizes, set())
    assert votes == {("Salem", "Oregon", "USA"): 2.0}


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        # the full stop of an abbreviation: a letter, a title, a month (time words), a state (gazetteer)
        ("arrived around 11:30 p.m. Wednesday, Lt. Moore said", 0),
        ("shot Sept. 19 in Gary, Ind. and Boyle Co. deputies came", 0),
        # counter-examples: a state's own name, a month's full name, a surname end a sentence
        ("He was shot in Ohio. Police came", 1),
        ("He was shot in May. Police came", 1),
        ("said Smith. Police came", 1),
    ],
)
def test_a_full_stop_ends_a_sentence_unless_it_abbreviates(text: str, ends: int) -> None:
    assert len(_sentence_ends(text)) == ends


def test_lead_weekdays_are_the_weekdays_a_title_or_lead_names() -> None:
    """Class: a weekday written in full in the title or lead ("killed on Sunday", "Saturday's quake") is
    named, as a bit (Monday 1 .. Sunday 64); counter-examples: a weekday in lower case or shortened
    ("sunday best", "Sun.") and one past the lead are not."""
    assert lead_weekdays("Two men were killed on Sunday.") == 1 << 6
    assert lead_weekdays("Rescuers dug on.", "Saturday's quake kills 9") == 1 << 5
    assert lead_weekdays("Shot Friday, he died Monday.") == (1 << 4) | (1 << 0)
    assert lead_weekdays("In his sunday best on Sun. morning.") == 0
    assert lead_weekdays("x" * LEAD_CHARACTERS + " on Sunday") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was shot in Kansas City on Friday.", ("Kansas City", "Missouri", False)),
        ("A man was shot in Michigan City on Friday.", ("Michigan City", "Indiana", False)),
        # counter-examples: the state named on its own, a county of one state, a region's whole name
        ("A man was shot in Kansas City, Kan., on Friday.", ("Kansas City", "Kansas", True)),
        ("A man was shot in Kansas City, Kansas on Friday.", ("Kansas City", "Kansas", True)),
        ("KANSAS CITY, Mo. (AP) - A man was shot.", ("Kansas City", "Missouri", True)),
        ("Four were killed in Bastrop. Bastrop County deputies said.", ("Bastrop", "Texas", True)),
        ("Police in Santa Cruz said a man was shot.", ("Santa Cruz", "Santa Cruz", True)),
    ],
)
def test_a_state_named_inside_a_town_name_is_not_named(text: str, expected: tuple[str, str, bool]) -> None:
    """Class: the words of a longer town name that name a state ("Kansas" of "Kansas City", "Michigan" of
    "Michigan City", an Indiana town) do not name that state: they give no namesake there a bonus, and the
    report does not name the state; counter-examples: the state named apart ("Kansas City, Kan."), a
    county of one state ("Bastrop County"), a town whose whole name a region bears ("Santa Cruz")."""
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region, place.region_named) == expected


def test_a_county_is_no_part_of_a_large_town() -> None:
    """Class: a county of a state the report does not name keeps its votes beside a large town of another
    state (it is no neighbourhood the gazetteer lacks, as "Englewood" beside Chicago is); counter-example:
    the small town still gives its votes to the large one."""
    county, large = ("Marion County", "Oregon", "USA"), ("Shreveport", "Louisiana", "USA")
    votes = {county: 4.0, large: 1.0}
    _to_large_towns(votes, {county: 0, large: 190_000}, set(), {county})
    assert votes == {county: 4.0, large: 1.0}
    town = ("Englewood", "Colorado", "USA")
    votes = {town: 3.0, large: 1.0}
    _to_large_towns(votes, {town: 35_000, large: 190_000}, set(), set())
    assert votes == {large: 4.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A girl was shot in Paulding County. Police went to a home outside Dallas.", ("Dallas", "Georgia")),
        # counter-examples: the town's own county; a town with no namesake in the county
        ("Dallas police said a man was shot in Dallas County.", ("Dallas", "Texas")),
        ("Harris County deputies said a man was shot in Houston.", ("Houston", "Texas")),
        # several states hold a town of the name in a county of the name: the county's, as read (the
        # largest Lancaster County, Pennsylvania's; South Carolina's where the report names it)
        (
            "Funeral services are tonight in Lancaster County for a teen. The Lancaster teen was shot by a"
            " friend.",
            ("Lancaster", "Pennsylvania"),
        ),
        (
            "Funeral services are tonight in Lancaster County, South Carolina for a teen. The Lancaster teen"
            " was shot by a friend.",
            ("Lancaster", "South Carolina"),
        ),
        # counter-example: no county beside it, the largest Lancaster
        ("The Lancaster teen was shot by a friend on Saturday.", ("Lancaster", "California")),
    ],
)
def test_a_town_beside_a_county_that_holds_its_namesake_is_that_town(
    text: str, expected: tuple[str, str]
) -> None:
    """Class: a town's name beside a county that holds a town of that name (its post office there) is
    that town, and the county is that state's: "Paulding County ... outside Dallas" is Dallas, Georgia,
    not Dallas, Texas."""
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region) == expected


def test_a_county_of_several_states_is_the_one_that_holds_the_town() -> None:
    """Class: a county name several states have is the one of the state whose county holds the town the
    report names ("Brooklyn in Morgan County": Indiana's); counter-example: a town in no county of that
    name keeps its state and the county its own."""
    county, town = ("Morgan County", "Alabama", "USA"), ("Brooklyn", "New York", "USA")
    votes, counties = {county: 1.0, town: 3.0}, {county}
    _to_county_namesakes(votes, {county: 0, town: 2_500_000}, counties, load_gazetteer())
    assert votes == {("Morgan County", "Indiana", "USA"): 1.0, ("Brooklyn", "Indiana", "USA"): 3.0}
    # a county read in the state that holds the town: its votes counted once, not twice
    georgia, dallas = ("Paulding County", "Georgia", "USA"), ("Dallas", "Texas", "USA")
    votes, counties = {georgia: 1.0, dallas: 3.0}, {georgia}
    _to_county_namesakes(votes, {georgia: 0, dallas: 1_300_000}, counties, load_gazetteer())
    assert votes == {georgia: 1.0, ("Dallas", "Georgia", "USA"): 3.0}
    other = ("Tulsa", "Oklahoma", "USA")
    votes, counties = {county: 1.0, other: 3.0}, {county}
    _to_county_namesakes(votes, {county: 0, other: 400_000}, counties, load_gazetteer())
    assert votes == {county: 1.0, other: 3.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two men were stabbed outside Watsonville. Santa Cruz police said a man was shot in Santa Cruz.",
            ("Santa Cruz", "California", "USA"),
        ),
        # a place without a post office of its own lies in the county of the office that serves it
        # (Corralitos: Watsonville's, in Santa Cruz County)
        (
            "The stabbing in Corralitos was the third this year in Santa Cruz, deputies said.",
            ("Santa Cruz", "California", "USA"),
        ),
        # counter-examples: no town of the county's name beside it; a name read as a US town stays
        ("Santa Cruz police said a man was shot in Santa Cruz.", ("Santa Cruz", "Santa Cruz", "BOL")),
        (
            "A Dothan man was shot in Houston. Houston police said he died.",
            ("Houston", "Texas", "USA"),
        ),
    ],
)
def test_a_name_abroad_is_the_county_of_a_us_town_beside_it(
    text: str, expected: tuple[str, str, str]
) -> None:
    """Class: a name read as a place abroad, in a report naming a US town whose post office lies in a
    county of that name, is that county's town in the town's state ("Santa Cruz" beside Watsonville)."""
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region, place.country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("University police said a man was shot on Friday.", None),
        ("Campus police said a College student was shot on Friday.", None),
        ("Metro police said a man was shot on Friday.", None),
        # counter-examples: a town whose name holds the word, and a town's police
        ("University Park police said a man was shot on Friday.", ("University Park", "Florida")),
        ("Kent police said a man was shot on Friday.", ("Kent", "Washington")),
    ],
)
def test_an_institution_police_is_no_town(text: str, expected: tuple[str, str] | None) -> None:
    """Class: "University police", "Campus police", "a College student" name an institution's police or
    people, never a town of that name (University, Florida)."""
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word as frequent as "many" or "one" is no town's name (One, Veneto; Many, Louisiana)
        ("One man was shot on Friday.", None),
        # a name in title case before "Police" too (the match held its space: "Over ")
        ("Christie Calls Clinton 'A Disgrace' Over Police Shooting Comments", None),
        ("Many residents left their homes on Friday.", None),
        # an institution's, a person's or a country's name is no town's (Congress, Arizona; Obama, Fukui;
        # America, Buenos Aires)
        ("The bill died in Congress on Friday.", None),
        ("He served in the Obama administration until Friday.", None),
        ("Immigrants find their way in America, he said on Friday.", None),
        # the first words of a longer name, a name after a side of it, a name in title case before "Police"
        ("She is a researcher at the University of Alberta, she said on Friday.", None),
        ("He was an adviser in the Obama White House until Friday.", None),
        ("Refugees are fleeing violence in Central America, he said on Friday.", None),
        ("Christie Calls Clinton 'A Disgrace' Over Police Shooting Comments", None),
        # "of" ends no name: "in August of 2008" is the month (August, California before)
        ("The outbreak began in August of 2008, officials said.", None),
        # a person's name is a town's only with its state ("Clinton" beside Kentucky is the candidate)
        (
            "She hoped to revive the Clinton family magic that once carried Kentucky, aides said on Friday.",
            None,
        ),
        # counter-examples: a large town of a frequent word's name (Man, Côte d'Ivoire); a person's name
        # that is a town named with its state; a large town that is a person's name too
        ("Two men were shot in Man on Friday.", ("Man", "Dix-Huit Montagnes")),
        ("A man was shot in Clinton, Iowa on Friday.", ("Clinton", "Iowa")),
        ("CLINTON, Iowa (AP) - A man was shot on Friday.", ("Clinton", "Iowa")),
        ("A man was shot in Santos on Friday.", ("Santos", "Sao Paulo")),
    ],
)
def test_a_frequent_word_or_an_actor_is_no_town(text: str, expected: tuple[str, str] | None) -> None:
    """Class: a name that is a very frequent English word, or the name of an institution, international
    organisation, outlet, person or country our knowledge base lists, is no town, unless a town of that
    name lies in a region the report names or is a large one."""
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "WASHINGTON, Dec. 8 (UPI) \u2014 Hillary Clinton called for more.",
            ("Washington", "Washington, D.C."),
        ),
        (
            "CAMBRIDGE, Mass., Dec. 11 (UPI) \u2014 Young voters prefer Sanders.",
            ("Cambridge", "Massachusetts"),
        ),
        ("LONDON, Dec 1 (Reuters) - Shares fell on Friday.", ("London", "England")),
        # counter-example: a dateline without a day is read as before
        ("HOUSTON (AP) - A man was shot on Friday.", ("Houston", "Texas")),
    ],
)
def test_an_agency_dateline_gives_its_town_before_the_day(text: str, expected: tuple[str, str]) -> None:
    """Class: an agency's dateline names its town, then the day, then the agency ("NEW YORK, Nov. 19
    (UPI) -"): the town is the dateline's, not the agency in parentheses (Upi, Philippines)."""
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Netanyahu arrived at the White House on Monday.", ("Washington", "Washington, D.C.")),
        ("Talks were held in the Kremlin on Friday.", ("Moscow", "Moscow")),
        ("The prime minister spoke at Downing Street on Friday.", ("London", "England")),
        ("The vote in the Knesset was set for Monday.", ("Jerusalem", "Jerusalem")),
        # counter-examples: a town of that name with its state, or in a state the report names; a name
        # other bodies share ("Congress": Peru's, India's); a town the report names beside the seat
        ("A man was shot in White House, Tennessee on Friday.", ("White House", "Tennessee")),
        ("The bill died in Congress on Friday.", None),
        (
            "The aide, never listed in the White House directory, died in a Biloxi, Miss., motel room.",
            ("Biloxi", "Mississippi"),
        ),
    ],
)
def test_an_institution_places_a_happening_in_its_seat(text: str, expected: tuple[str, str] | None) -> None:
    """Class: an institution named for its building or sitting in one ("at the White House", "in the
    Kremlin") places a happening in its town, the knowledge base's `seat` (before: Casablanca, one of
    whose other names is "White House", or White House, Tennessee); weaker than a town the report names."""
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police say a man shot four people in front of 135 Ridge St. View Full Caption NYPD\n\n"
            "LOWER EAST SIDE - Police are looking for a man they say shot four people on Sunday.",
            ("New York City", "New York"),
        ),
        ("An off-duty IMPD reserve officer was shot on Friday.", ("Indianapolis", "Indiana")),
        # counter-examples: a town the report names outweighs the force's city; a force's full name alone
        # is not read anywhere (only where a town would be: "at the Los Angeles Police Department")
        ("A former NYPD officer was shot in Tampa, Florida on Friday.", ("Tampa", "Florida")),
        ("A man sued the New York Police Department on Friday.", None),
    ],
)
def test_a_city_police_acronym_names_its_city(text: str, expected: tuple[str, str] | None) -> None:
    """Class: a city police force's acronym ("NYPD", "IMPD"; the knowledge base's police forces with a
    seat) names its city wherever a report writes it, at the weight of an institution's seat."""
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An East Toledo man was indicted Tuesday by a Lucas County grand jury.", ("Toledo", "Ohio")),
        ("An Akron teen was shot on Friday.", ("Akron", "Ohio")),
        # counter-example: a town whose name begins with "An"
        ("Two people died in An Nhon on Friday.", ("An Nhơn", "Binh Dinh")),
    ],
)
def test_an_article_opening_a_sentence_is_no_part_of_a_town(text: str, expected: tuple[str, str]) -> None:
    """Class: "An" opening a sentence before a town's people ("An East Toledo man", "An Akron teen") is
    the sentence's article, not the first word of a town's name (which the frequent-word check then
    rejected whole); a town whose name begins with it stays."""
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region) == expected


def test_a_county_keeps_its_votes_beside_a_town_only_a_masthead_names() -> None:
    """Class: a county gives its votes to a town of its state the report names ("Floyd County police ... in
    Rome"), but not to the town of a page's masthead, which is the station's ("- WQOW TV: Eau Claire, WI
    ..."); counter-example: a town the report itself names beside the county still takes them."""
    gazetteer = load_gazetteer()
    title = "Shooting death in Rusk County under investigation - WQOW TV: Eau Claire, WI News"
    text = "Rusk County (WQOW) - A Rusk County man who died of a gunshot wound Saturday was hit by a bullet."
    place = place_of(text, gazetteer, title)
    assert place is not None and (place.name, place.region) == ("Rusk County", "Wisconsin")
    named = "Rusk County (WQOW) - A Rusk County man was shot Saturday in Glen Flora, deputies said."
    place = place_of(named, gazetteer, title)
    assert place is not None and (place.name, place.region) == ("Glen Flora", "Wisconsin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The woman shouted out an insult aimed at Cruz.", None),
        ("The crowd laughed at Palin on Friday.", None),
        # counter-examples: "at" of a place, also after "shot"
        ("A man was shot at Walmart in Tulsa on Friday.", ("Tulsa", "Oklahoma")),
        ("The rally at Merrillville drew protesters.", ("Merrillville", "Indiana")),
    ],
)
def test_at_after_a_word_of_aiming_names_whom_not_where(text: str, expected: tuple[str, str] | None) -> None:
    """Class: "at" after a word of aiming or looking ("aimed at Cruz", "laughed at Palin", "lashed
    out at") names a person, not a place (Cruz, Ceara and Palin, Escuintla before)."""
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # one town, one form, however a report abbreviates it: the gazetteer's
        (
            None,
            "ST. PAUL, Minn. (AP) - Four people have been charged in St. Paul.",
            ("Saint Paul", "Minnesota"),
        ),
        ("Teen Killed, Another Wounded in St. Paul Shooting", "Police said.", ("Saint Paul", "Minnesota")),
        (None, "A man was shot in Saint Paul, Minnesota, on Sunday.", ("Saint Paul", "Minnesota")),
        # a form GeoNames lacks is found by the other ("St. Joseph" is listed as "Saint Joseph" only), and
        # the full form of a town listed abbreviated ("Saint Louis, Missouri" was Saint-Louis, Senegal)
        (None, "ST. JOSEPH, Mo. (AP) - A man was shot.", ("Saint Joseph", "Missouri")),
        (None, "A man was shot in Saint Louis, Missouri.", ("St. Louis", "Missouri")),
        (None, "A man was shot in Ft. Worth on Sunday.", ("Fort Worth", "Texas")),
        (None, "A man was shot in Mt. Vernon, Ill.", ("Mount Vernon", "Illinois")),
        # counter-examples: the abbreviation names no region ("St. Louis" is no region of Senegal's), and a
        # name of other words keeps its own form
        (None, "A man was shot in St. Louis on Sunday.", ("St. Louis", "Missouri")),
        (None, "A man was shot in Fortville on Sunday.", ("Fortville", "Indiana")),
    ],
)
def test_a_town_is_one_name_however_abbreviated(
    title: str | None, text: str, expected: tuple[str, str]
) -> None:
    """Class: "Saint", "Sainte", "Mount" and "Fort" in a town's name, written in full or abbreviated ("St.",
    "Mt.", "Ft."), are one name: every form finds the town, and every report names it in one form (the
    gazetteer's), so that two reports of one town agree (identity's town, a story's place)."""
    place = place_of(text, load_gazetteer(), title=title)
    assert place is not None and (place.name, place.region) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city the agencies write without its state is that city, whatever states the report names
        (
            "WASHINGTON (AP) \u2014 The Latest on the presidential campaign, with primaries in five states"
            " Tuesday, Illinois and Ohio among them.",
            ("Washington", "Washington, D.C."),
        ),
        (
            "WASHINGTON \u2014 An Iowa senator on Wednesday defended the nominee.",
            ("Washington", "Washington, D.C."),
        ),
        (
            "NEW YORK (AP) \u2014 The police commissioner of the city spoke on Monday.",
            ("New York City", "New York"),
        ),
        ("ST. LOUIS (AP) \u2014 A man from Michigan was shot on Monday.", ("St. Louis", "Missouri")),
        ("MIAMI (AP) \u2014 Oklahoma's governor spoke on Monday.", ("Miami", "Florida")),
        (
            "LONDON (Reuters) - The New York billionaire said on Monday he would not meet the premier.",
            ("London", "England"),
        ),
        # counter-examples: a dateline with its state is that state's town; a town the list lacks, and a
        # listed name outside a dateline, are read as before (a town of the state the report names)
        ("WASHINGTON, Utah (AP) \u2014 A man was shot on Tuesday.", ("Washington", "Utah")),
        ("CLEVELAND, Tenn. (WRCB) \u2014 A woman and her son were found dead.", ("Cleveland", "Tennessee")),
        ("SPRINGFIELD (AP) \u2014 Illinois lawmakers met on Monday.", ("Springfield", "Illinois")),
        ("A man was shot in Washington on Monday, Utah police said.", ("Washington", "Utah")),
    ],
)
def test_a_dateline_city_the_agencies_write_alone_is_that_city(text: str, expected: tuple[str, str]) -> None:
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state named as a politician's office says nothing of where the happening is
        (
            "The attacks in Paris have inspired a backlash, and Mike Huckabee, the former Arkansas governor,"
            " proposed a ban on Monday.",
            ("Paris", "Ile-de-France"),
        ),
        ("Ohio Gov. John Kasich spoke in London on Monday.", ("London", "England")),
        # counter-examples: a state named as a place still anchors its town
        ("A man was shot in Paris on Monday, Arkansas State Police said.", ("Paris", "Arkansas")),
        ("A man was shot in London, Ohio, on Monday.", ("London", "Ohio")),
    ],
)
def test_a_state_named_in_an_office_is_no_place(text: str, expected: tuple[str, str]) -> None:
    place = place_of(text, load_gazetteer())
    assert place is not None and (place.name, place.region) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name's possessive before a common noun is a person's
        ("Despite what he wrote in Smith\u2019s speech, Cross said on Monday he may vote for her.", None),
        ("That was the mortal wound in Clemson\u2019s momentum on Monday.", None),
        # counter-examples: a town's possessive before a place in it, and a large town's
        (
            "A new Health and Wellbeing Campus has opened at Derry\u2019s Altnagelvin Hospital.",
            ("Derry", "Northern Ireland"),
        ),
        (
            "Police said crime rose in Chicago\u2019s poorest neighborhoods on Monday.",
            ("Chicago", "Illinois"),
        ),
    ],
)
def test_a_possessive_before_a_common_noun_is_a_persons(text: str, expected: tuple[str, str] | None) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where someone was born, raised or schooled is no place of the happening
        ("Mr. Ortiz, who was born in Havana, spoke to supporters on Monday.", None),
        ("The captain, who grew up in Oceanside, said the crew was ready.", None),
        ("She was raised and educated in Toronto before she joined the ministry.", None),
        # counter-examples: the same towns after any other words are places, and the happening's town
        # beside a birthplace still wins
        ("A man was shot in Oceanside on Monday, police said.", ("Oceanside", "California")),
        (
            "A man who was born in Havana was shot in Tampa on Monday, Florida police said.",
            ("Tampa", "Florida"),
        ),
        ("Protests were held in Havana on Sunday.", ("Havana", "La Habana")),
    ],
)
def test_a_birthplace_is_no_place_of_the_happening(text: str, expected: tuple[str, str] | None) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after "the", a common word is no town: not The Valley, Anguilla, in a report of Ohio, nor Valley,
        # Alabama; a state's byname before "state" is no town of it (Badger, Alaska)
        (
            "Small businesses matter in Ohio, especially here in the Valley, said the owner of a shop in"
            " Poland.",
            ("Poland", "Ohio"),
        ),
        ("Sanders won big in the Badger state on Tuesday.", None),
        # counter-examples: a town named with "The" in a region the report names, a large one, and a
        # town before "State" with its state
        ("A man was shot in The Dalles, Oregon police said.", ("The Dalles", "Oregon")),
        ("Protesters gathered in the Bronx on Sunday.", ("Bronx", "New York")),
        ("A crash closed the road in Washington state on Monday near Spokane.", ("Spokane", "Washington")),
    ],
)
def test_a_common_word_or_a_states_byname_after_the_is_no_town(
    text: str, expected: tuple[str, str] | None
) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # class: a name listed before "counties" or "parishes" is a county's, no town's (Orange, California;
        # Dallas, Texas): a list of counties names no town of the happening
        ("He was the youngest victim in Orange and Seminole counties this year.", None),
        ("Storms cut power in Dallas, Tarrant and Collin counties on Sunday.", None),
        ("Flooding reached homes in East Baton Rouge and Livingston parishes.", None),
        # counter-examples: towns listed without "counties"; a count of counties after a town
        ("He was the youngest victim in Orange and Seminole this year.", ("Orange", "California")),
        ("Shootings rose in Dallas and Fort Worth on Sunday.", ("Dallas", "Texas")),
        ("A man was shot in Orlando and two counties declared emergencies.", ("Orlando", "Florida")),
    ],
)
def test_a_name_in_a_list_of_counties_is_no_town(text: str, expected: tuple[str, str] | None) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


def test_a_report_keeps_every_town_it_votes_for() -> None:
    """A report's place is its best-supported town; the others it names stay beside it with their votes,
    for its story to weigh (tidings.store.story_query)."""
    place = place_of(
        "BROOKLYN, Ind. (WISH) \u2014 A Plainfield teen was hospitalized after being shot while hunting.\n\n"
        "Ty Conly, 16, was hunting with his cousin in Brooklyn Friday night.",
        load_gazetteer(),
        "Plainfield teen injured while squirrel hunting",
    )
    assert place is not None and place.name == "Plainfield"
    towns = {(name, region): (score, named) for name, region, _, score, named in place.votes}
    assert place.votes[0][:2] == ("Plainfield", "Indiana")
    assert towns[("Brooklyn", "Indiana")] == (4.0, True)
    assert sum(score for _, _, _, score, _ in place.votes) > place.score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town the report measures its happening's distance from is no place of it, dateline or not
        (
            "ADRIAN, Mich. \u2014 A boy died Sunday, police said. Troopers were sent to a home on Tipton"
            " Highway, about 14 miles north of Adrian.",
            None,
        ),
        ("A case of mad cow disease was found on a farm 80 kilometres west of Stockholm.", None),
        # counter-examples: the town the happening was in, with its bearing from another; and a dateline
        # town named otherwise
        (
            "A man was shot in Amelia, Ohio, about 20 miles east of Cincinnati, on Monday.",
            ("Amelia", "Ohio"),
        ),
        (
            "ADRIAN, Mich. \u2014 A boy died Sunday at his home in Adrian, police said.",
            ("Adrian", "Michigan"),
        ),
    ],
)
def test_a_town_named_as_a_bearing_is_no_place_of_the_happening(
    text: str, expected: tuple[str, str] | None
) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wire agency's dateline without its dash, or with the dash read as the replacement character
        ("ATLANTA (AP) An aide to the former mayor has been indicted.", ("Atlanta", "Georgia")),
        (
            "BEIRUT (AP) \ufffd A Kurdish militia spokesman says Turkey has shelled a city.",
            ("Beirut", "Beyrouth"),
        ),
        # a body's seat said in passing is no place of the happening
        (
            "An aide has been indicted. The Associated Press is a news agency headquartered in New York"
            " City.",
            None,
        ),
        # counter-examples: a station's call sign before its dateline is no town; a town after "in" stays
        ("KOTV (CBS/AP) TULSA, Okla. - A hearing is scheduled for two brothers.", ("Tulsa", "Oklahoma")),
        ("An aide has been indicted in New York City, prosecutors said.", ("New York City", "New York")),
    ],
)
def test_wire_datelines_and_a_bodys_seat(text: str, expected: tuple[str, str] | None) -> None:
    place = place_of(text, load_gazetteer())
    assert (place and (place.name, place.region)) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected", "named"),
    [
        # class: a town named without its state, near the large town of the outlet that a page's masthead
        # or a dateline's outlet names, is the namesake there (ANCHOR_KM), not the largest elsewhere
        (
            "After teen accidentally shoots himself, family speaks - | WBTV Charlotte",
            "The 17-year-old was a senior at Crest High School in Shelby when he died on Saturday.",
            ("Shelby", "North Carolina", "USA"),
            True,
        ),
        (
            "4 Found Shot Dead In Greenacres",
            "GREENACRES (CBSMiami) \u2013 Four people were found shot dead in a Greenacres neighborhood.",
            ("Greenacres", "Florida", "USA"),
            True,
        ),
        # the station's own town is the first it lists: Tyler, Texas, not Jacksonville, Florida
        (
            "Toddler injured in accidental shooting - KLTV.com - Tyler, Longview, Jacksonville |ETX News",
            "A toddler was critically injured after an accidental shooting in Marion County.",
            ("Marion County", "Texas", "USA"),
            True,
        ),
        # counter-examples: without an outlet's town, the largest namesake; a state the report names; a
        # town abroad is not traded for a namesake near the station (Hebron, Kentucky), nor is Paris
        (
            None,
            "The 17-year-old was a senior at Crest High School in Shelby when he died on Saturday.",
            ("Shelby", "Michigan", "USA"),
            False,
        ),
        (
            "4 Found Shot Dead In Greenacres",
            "GREENACRES (KERO) \u2013 Four people were found shot dead in a Greenacres neighborhood.",
            ("Greenacres", "California", "USA"),
            False,
        ),
        (
            "Crash on the highway - | WBTV Charlotte",
            "A man was killed in Shelby, Michigan, on Saturday.",
            ("Shelby", "Michigan", "USA"),
            True,
        ),
        (
            "Clashes in the West Bank - WLWT Cincinnati",
            "Two Palestinians were killed in Hebron on Friday, Israeli police said.",
            ("Hebron", "West Bank", "PSE"),
            True,  # the title names the West Bank
        ),
        (
            "Crash on the highway - | WBTV Charlotte",
            "A man was killed in Paris on Saturday.",
            ("Paris", "Ile-de-France", "FRA"),
            False,
        ),
    ],
)
def test_a_town_without_its_state_is_the_namesake_near_the_outlets_town(
    title: str | None, text: str, expected: tuple[str, str, str], named: bool
) -> None:
    place = place_of(text, load_gazetteer(), title)
    assert place is not None
    assert (place.name, place.region, place.country) == expected
    # the outlet's town names its region, as a state named beside the town would: a story's other
    # reports are anchored in it (tidings.store.story_query.anchored_places)
    assert place.region_named is named


def test_a_place_without_a_post_office_lies_in_the_county_of_the_office_that_serves_it() -> None:
    """Class: a place the ZIP code list names only as served by another town's office is in that office's
    county; counter-examples: another county of its state, and a state where it has no such office."""
    assert in_county(("Corralitos", "California", "USA"), "Santa Cruz County")
    assert in_county(("Watsonville", "California", "USA"), "Santa Cruz County")
    assert not in_county(("Corralitos", "California", "USA"), "Monterey County")
    assert not in_county(("Corralitos", "Texas", "USA"), "Santa Cruz County")
