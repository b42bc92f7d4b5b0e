"""Word lists the person finder reads: cue words before a name, the words that end a
trigger ("se llama", "named"), titles written with a period, street and car words that make a
capitalized word no name, and surnames that are also common words."""

from __future__ import annotations

# Last words of the person finder's trigger phrases, to skip its regex on most tokens.
TRIGGER_LAST = frozenset(
    [
        "named",
        "is",
        "name's",
        "es",
        "llama",
        "llamaba",
        "llamado",
        "llamada",
        "nombre",
        "as",
        "como",
        "de",
        "called",
        "soy",
        "am",
        "i'm",
        "contact",
        "contacto",
        "was",
        "llamarse",
    ]
)


# Kinship words, roles and forms of address after which a capitalized word is a name.
KIN = frozenset(
    [
        "prima",
        "primo",
        "hermana",
        "hermano",
        "sobrina",
        "sobrino",
        "hija",
        "hijo",
        "tia",
        "tio",
        "amiga",
        "amigo",
        "novia",
        "novio",
        "esposa",
        "esposo",
        "vecina",
        "vecino",
        "cunada",
        "cunado",
        "nieta",
        "nieto",
        "mama",
        "papa",
        "madre",
        "padre",
        "jefe",
        "jefa",
        "patron",
        "patrona",
        "senor",
        "senora",
        "sr",
        "sra",
        "don",
        "dona",
        "cousin",
        "sister",
        "brother",
        "niece",
        "nephew",
        "daughter",
        "son",
        "aunt",
        "uncle",
        "friend",
        "girlfriend",
        "boyfriend",
        "wife",
        "husband",
        "neighbor",
        "neighbour",
        "boss",
        "roommate",
        "coworker",
        "mom",
        "dad",
        "victim",
        "suspect",
        "muchacha",
        "muchacho",
        "chica",
        "chico",
        "girl",
        "boy",
        "mr",
        "mrs",
        "ms",
        "miss",
        "named",
        "llamada",
        "llamado",
        # Plurals and roles that open a list of names ("Brothers Juan … and Miguel …").
        "brothers",
        "sisters",
        "cousins",
        "defendants",
        "defendant",
        "hermanos",
        "hermanas",
        "primos",
        "imputados",
        "imputado",
        "imputada",
        "sentenciado",
        "sentenciada",
    ]
)


# Titles written with a period that does not end the sentence.
ABBREVIATED = frozenset(
    [
        "sr",
        "sra",
        "srta",
        "dr",
        "dra",
        "mr",
        "mrs",
        "ms",
        "lic",
        "ing",
        "prof",
        "profa",
        "gral",
        "cap",
        "capt",
        "sgt",
        "lt",
        "det",
        "ofc",
        "agt",
        "st",
        "sto",
        "sta",
    ]
)


# Words that end a street name ("Harry Hines Blvd") or start one ("Calle Morelos").
STREET_AFTER = frozenset(
    [
        "st",
        "street",
        "ave",
        "avenue",
        "blvd",
        "boulevard",
        "rd",
        "road",
        "hwy",
        "highway",
        "dr",
        "drive",
        "ln",
        "pkwy",
        "parkway",
        "fwy",
        "freeway",
        "expy",
        "expressway",
        "pike",
        "tpke",
    ]
)


STREET_BEFORE = frozenset(
    ["calle", "av", "avenida", "blvd", "calz", "calzada", "carretera", "callejon"]
)


# A name after these is a model ("Nissan Maxima"); makes that are names too are left out.
NAME_MAKES = frozenset({"ford", "lincoln", "mercedes", "benz", "ram", "seat", "jeep"})


# "San Quintín", "Santa Ana": a saint's name after these is a place.
SAINT = frozenset({"san", "santa", "santo", "st", "saint", "fort", "ft", "mount", "mt", "port"})


# "Big Mike", "Lil Shawn": a street-name prefix before a given name is part of the name.
NICK_PREFIX = frozenset({"big", "lil", "little", "baby", "young", "fat", "skinny", "tiny"})


DETERMINERS = frozenset(
    {"la", "el", "una", "un", "the", "a", "an", "esa", "ese", "esta", "este", "that", "this"}
)


# Surnames that are also common words: part of a name only where an age in apposition
# closes it ("Marcus Lee Brown, 31,").
WORD_SURNAMES = frozenset(
    [
        "brown",
        "white",
        "black",
        "green",
        "gray",
        "grey",
        "young",
        "king",
        "rich",
        "love",
        "bell",
        "hill",
        "wood",
        "stone",
        "rose",
        "long",
        "little",
        "cruz",
        "paz",
        "luna",
        "rosa",
        "flores",
    ]
)
