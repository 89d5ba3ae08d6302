"""Name material for the national data set: plausible, made-up Norwegian names.

Real public facts are used only where the product needs them to be real: the
municipalities and counties (shipped with the product), the populations of
the largest municipalities (to weight where units are), and the names of the
universities and university colleges. Every organisation number is made up.
"""

# Inhabitants (SSB, 1 January 2024, rounded) of the largest municipalities;
# the others get a drawn size, so units cluster in towns as they do.
POPULATION = {
    "0301": 717_700, "4601": 291_200, "5001": 214_600, "1103": 149_000, "3201": 130_800,
    "4204": 116_000, "3301": 104_500, "3203": 97_800, "3205": 94_000, "3107": 84_600,
    "1108": 83_100, "5501": 78_700, "1508": 67_800, "3907": 65_800, "3207": 62_600,
    "3105": 58_900, "4003": 56_000, "1804": 53_700, "3909": 48_200, "3403": 32_600,
}

# The share of units whose written standard is Nynorsk, by county number.
NYNORSK_SHARE = {"46": 0.75, "15": 0.45, "11": 0.15, "40": 0.15, "34": 0.1}

KINDERGARTEN_WORDS = [
    "Solsikken", "Blåbærtua", "Trollskogen", "Fjellheimen", "Bekkeløkken", "Furuly", "Granly",
    "Tusenfryd", "Marihøna", "Eventyrhagen", "Kongleskogen", "Måkeberget", "Lyngheia",
    "Smørblomsten", "Rognebæret", "Hestehoven", "Sjøstjerna", "Nøtteliten", "Regnbuen",
    "Kløverenga", "Humla", "Bjørnehiet", "Reveskogen", "Ekornhaugen", "Tyrihans", "Løvetann",
    "Skogstjerna", "Fuglereiret", "Bringebærlia", "Fjordglimt", "Elvebakken", "Steinrøysa",
    "Vesleborg", "Lillebo", "Sommarfuglen", "Tussilago", "Kattugla", "Spurven", "Karibu",
    "Lerka", "Snøklokka", "Multebæret", "Havblikk", "Lundehaugen", "Myrfiolen", "Blåklokka",
]
KINDERGARTEN_KINDS = [
    "barnehage", "barnehage", "barnehage", "naturbarnehage", "gårdsbarnehage",
    "friluftsbarnehage", "familiebarnehage", "montessoribarnehage",
]
PLACE_STEMS = [
    "Bjørke", "Lyng", "Furu", "Gran", "Eike", "Rogne", "Hassel", "Sol", "Fjell", "Elve", "Sjø",
    "Strand", "Myr", "Berg", "Stein", "Kvern", "Holm", "Rein", "Tveit", "Vike", "Nord", "Sør",
    "Øst", "Vest", "Lunde", "Hauge", "Bakke", "Skog", "Eng", "Sand", "Kleiv", "Flate",
]
PLACE_SUFFIXES = [
    "li", "dal", "vik", "haug", "nes", "mo", "voll", "bakken", "åsen", "moen", "stad", "heim",
    "tun", "vang", "lund", "rud", "set", "bø", "land", "sund",
]
STREET_SUFFIXES = ["vegen", "veien", "gata", "bakken", "lia", "tunet"]
PRIVATE_OWNER_FORMS = [
    "{word} barnehage AS", "{word} barnehage SA", "Stiftelsen {word} barnehage",
    "{word} Foreldrelag SA", "{word} Barnehagedrift AS", "{place} Gardsdrift AS",
]
# Made-up kindergarten chains: a few owners with many units across the country.
KINDERGARTEN_CHAINS = [
    ("Nordlys Barnehager AS", 210), ("Kvitveis Barnehagedrift AS", 160),
    ("Trygg Start Barnehager AS", 120), ("Fjordbarna AS", 85), ("Lekeland Barnehager AS", 60),
    ("Stiftelsen Kristne Barnehager", 45), ("Villmarksbarna AS", 30), ("Spireklang AS", 20),
]
PRIVATE_SCHOOL_FORMS = [
    "Steinerskolen i {place}", "{place} Montessoriskole SA", "{place} Kristne Skole",
    "Stiftelsen {place} friskole", "{place} Internasjonale Skole AS",
]
PRIVATE_SCHOOL_CHAINS = [("Akademiet Skoler AS", 14), ("Kunnskapsgymnaset AS", 9)]

# The universities and university colleges that take part in the scheme, with
# the municipality (by name) of their main campus.
UH_INSTITUTIONS = [
    ("Universitetet i Oslo", "Oslo"), ("Universitetet i Bergen", "Bergen"),
    ("Norges teknisk-naturvitenskapelige universitet", "Trondheim"),
    ("UiT Norges arktiske universitet", "Tromsø"), ("Universitetet i Stavanger", "Stavanger"),
    ("Universitetet i Agder", "Kristiansand"), ("Nord universitet", "Bodø"),
    ("OsloMet – storbyuniversitetet", "Oslo"), ("Universitetet i Sørøst-Norge", "Drammen"),
    ("Høgskulen på Vestlandet", "Bergen"), ("Høgskolen i Innlandet", "Hamar"),
    ("Høgskolen i Østfold", "Fredrikstad"), ("Høgskulen i Volda", "Volda"),
    ("Sámi allaskuvla – Samisk høgskole", "Kautokeino"),
    ("Dronning Mauds Minne Høgskole", "Trondheim"), ("NLA Høgskolen", "Bergen"),
    ("VID vitenskapelige høgskole", "Oslo"), ("Høgskolen i Molde", "Molde"),
    ("Norges idrettshøgskole", "Oslo"), ("Steinerhøyskolen", "Oslo"),
]
