"""Plain word lists the entity factory draws from (names, nicknames, vehicles, streets)."""

from __future__ import annotations

# Common surnames drawn on purpose so that unrelated people share them.
COMMON_MX_SURNAMES = (
    "García", "Hernández", "Martínez", "López", "González", "Pérez", "Rodríguez",
    "Sánchez", "Ramírez", "Cruz", "Flores", "Romero", "Morales", "Reyes",
)  # fmt: skip

HYPOCORISMS = {
    "José": "Pepe", "Francisco": "Paco", "Guadalupe": "Lupe", "Jesús": "Chuy",
    "Ignacio": "Nacho", "Alejandro": "Alex", "Roberto": "Beto", "Alberto": "Beto",
    "Enrique": "Kike", "Eduardo": "Lalo", "Rosario": "Chayo", "Concepción": "Conchita",
    "Dolores": "Lola", "Refugio": "Cuco", "Manuel": "Manolo", "Antonio": "Toño",
    "Salvador": "Chava", "Gerardo": "Gera", "Rodrigo": "Rigo", "Margarita": "Mago",
    "Fernando": "Fer", "Javier": "Javi", "Isabel": "Chabela", "Consuelo": "Chelo",
    "Michael": "Mike", "Robert": "Bob", "William": "Bill", "Richard": "Rick",
    "James": "Jim", "Joseph": "Joe", "Christopher": "Chris", "Anthony": "Tony",
    "Daniel": "Danny", "Jennifer": "Jen", "Elizabeth": "Liz", "Katherine": "Kate",
    "Thomas": "Tom", "Matthew": "Matt", "Jessica": "Jess", "Nicholas": "Nick",
}  # fmt: skip

MX_GIVEN_MALE = (
    "José", "Juan", "Luis", "Francisco", "Jesús", "Miguel", "Alejandro", "Roberto",
    "Enrique", "Eduardo", "Manuel", "Antonio", "Salvador", "Gerardo", "Rodrigo",
    "Fernando", "Javier", "Ignacio", "Ángel", "Carlos", "Jorge", "Raúl", "Mario",
    "Sergio", "Arturo", "Hugo", "Víctor", "Rogelio", "Efraín", "Isidro",
)  # fmt: skip
MX_GIVEN_FEMALE = (
    "María", "Guadalupe", "Rosario", "Dolores", "Margarita", "Isabel", "Consuelo",
    "Juana", "Verónica", "Patricia", "Leticia", "Alejandra", "Claudia", "Yesenia",
    "Araceli", "Maribel", "Sandra", "Norma", "Elvia", "Rocío",
)  # fmt: skip
MX_SECOND_GIVEN = ("Luis", "Carlos", "Ángel", "Antonio", "Manuel", "Guadalupe", "Elena", "José")

ALIASES_MALE = (
    "el Güero", "el Chino", "el Flaco", "el Negro", "el Primo", "el Tigre", "el Charro",
    "el Gordo", "el Chaparro", "el Pelón", "el Moreno", "el Zurdo", "el Mudo", "el Padrino",
    "el Cuervo", "el Compa", "el Licenciado", "el Inge", "el Tío", "el Greñas",
)  # fmt: skip
ALIASES_FEMALE = (
    "la Güera", "la Flaca", "la Tía", "la Jefa", "la Chaparra", "la Madrina", "la Morena",
    "la Patrona", "la Güerita", "la Señora",
)  # fmt: skip
ALIASES_US = ("Big Mike", "Smokey", "T-Bone", "Red", "Boss Lady", "Slim", "Ace", "Mama Lin")

ORG_WORDS_ES = (
    "Horizonte", "Estrella", "Sol Naciente", "Paraíso", "Aurora", "El Dorado", "Las Palmas",
    "Esperanza", "Primavera", "Diamante", "La Herradura", "Los Arcos", "Del Valle", "Azteca",
    "San Judas", "La Providencia", "Real del Norte", "Bugambilia", "El Faro", "Mirador",
)  # fmt: skip
ORG_WORDS_EN = (
    "Golden", "Sunrise", "Lucky", "Blue Lotus", "Evergreen", "Pioneer", "Lone Star",
    "Liberty", "Summit", "Silver Moon", "Harmony", "Green Valley", "Crystal", "Oasis",
    "Bright Path", "Red Oak", "Jade", "Magnolia", "Coastal", "Heritage",
)  # fmt: skip

# (make, model, body) — body picks the Spanish noun and the grammatical gender.
VEHICLES = (
    ("Chevrolet", "Suburban", "suv"), ("Ford", "F-150", "pickup"), ("Nissan", "Tsuru", "car"),
    ("Nissan", "Urvan", "van"), ("Dodge", "Ram 1500", "pickup"), ("Toyota", "Sienna", "van"),
    ("Honda", "Odyssey", "van"), ("Ford", "Econoline", "van"), ("Chevrolet", "Silverado", "pickup"),
    ("Volkswagen", "Jetta", "car"), ("Toyota", "Camry", "car"), ("Nissan", "Altima", "car"),
    ("GMC", "Yukon", "suv"), ("Chevrolet", "Express", "van"), ("Jeep", "Grand Cherokee", "suv"),
)  # fmt: skip
COLOURS = (  # en, es masculine, es feminine
    ("black", "negro", "negra"), ("white", "blanco", "blanca"), ("silver", "plateado", "plateada"),
    ("grey", "gris", "gris"), ("red", "rojo", "roja"), ("dark blue", "azul marino", "azul marino"),
    ("green", "verde", "verde"), ("maroon", "guinda", "guinda"),
)  # fmt: skip

MX_STREETS = (
    "Morelos", "Hidalgo", "Juárez", "Allende", "Zaragoza", "Independencia", "5 de Mayo",
    "Reforma", "Guerrero", "Aldama", "Matamoros", "Obregón", "Madero", "Libertad", "Cuauhtémoc",
)  # fmt: skip
MX_STREET_TYPES = ("Calle", "Avenida", "Privada", "Callejón")
US_STREETS = (
    ("Roosevelt", "Avenue", "Ave"), ("37th", "Avenue", "Ave"), ("Maple", "Street", "St"),
    ("Jefferson", "Street", "St"), ("Oak Ridge", "Drive", "Dr"), ("Pine", "Street", "St"),
    ("Northern", "Boulevard", "Blvd"), ("Lake", "Road", "Rd"), ("Cedar", "Lane", "Ln"),
    ("Memorial", "Drive", "Dr"), ("Mission", "Road", "Rd"), ("Buford", "Highway", "Hwy"),
)  # fmt: skip

US_MALE_WITH_SHORT = (
    "Michael", "Robert", "William", "Richard", "James", "Joseph", "Christopher",
    "Anthony", "Daniel", "Thomas", "Matthew", "Nicholas",
)  # fmt: skip
US_FEMALE_WITH_SHORT = ("Jennifer", "Elizabeth", "Katherine", "Jessica")

# Reserved example domains (RFC 2606): a generated address can never reach a real person.
EMAIL_DOMAINS_MX = ("example.com", "correo.example", "example.org", "buzon.example")
EMAIL_DOMAINS_US = ("example.com", "example.net", "example.org", "mail.example")
