"""How each intake channel opens and closes a tip, and the unconnected noise tips.

Slots: {here} is a city mention of where the tip comes from; noise tips may also
carry {man} and {phone} (entities outside every network) and {age}, {n}.
"""

from __future__ import annotations

Bank = dict[str, tuple[str, ...]]

OPENERS: dict[str, Bank] = {
    "operator": {
        "en": (
            "Caller is a neighbor in {here} concerned about a house nearby.",
            "Call received from a family member in {here}.",
            "Operator note: caller requested anonymity.",
            "Caller (Spanish speaker, interpreter used) reports the following from {here}.",
        ),
        "es": (
            "Llamante refiere situación en {here}.",
            "Se recibe llamada de familiar en {here}.",
            "Nota de operadora: la persona pide anonimato.",
            "Reporta una mujer desde {here}, muy nerviosa.",
        ),
    },
    "web_form": {
        "en": (
            "I want to report something happening in {here}.",
            "Hi, I'm not sure if this is trafficking but something is wrong.",
            "This is about a place in {here}.",
        ),
        "es": (
            "Quiero denunciar algo que pasa en {here}.",
            "Hola, no sé si esto es trata pero algo no está bien.",
            "Es sobre una casa en {here}.",
        ),
    },
    "chat": {
        "en": ("hi is this the hotline?", "hello, I need help for my friend.", "hi."),
        "es": (
            "hola buenas noches.",
            "hola, necesito ayuda para mi hermana.",
            "buenas, es la línea?",
        ),
    },
    "sms": {"en": ("pls help.", "tip."), "es": ("ayuda x favor.", "denuncia.")},
    "quick_report": {
        "en": (
            "TAT quick report from a truck stop near {here}.",
            "Driver report on I-35 near {here}.",
            "Parked at a travel center outside {here}.",
        ),
        "es": (
            "Reporte rápido de operador de tractocamión, carretera cerca de {here}.",
            "Parador a la salida de {here}.",
        ),
    },
    "partner_import": {
        "en": (
            "Partner summary: client disclosed the following during intake in {here}.",
            "Imported from shelter case notes ({here}).",
            "Police incident summary, {here}.",
        ),
        "es": (
            "Resumen del refugio: la usuaria refiere lo siguiente en su entrevista en {here}.",
            "Importado de expediente de la Fiscalía ({here}).",
            "Parte informativo, {here}.",
        ),
    },
}

CLOSERS: dict[str, Bank] = {
    "operator": {
        "en": (
            "Caller was advised not to approach and to call 911 in an emergency.",
            "Safety plan discussed; caller will call back.",
            "Referred to local law enforcement.",
        ),
        "es": (
            "Se le orienta para no confrontar y llamar al 911 en caso de emergencia.",
            "Se canaliza a la Fiscalía.",
            "Se ofrece acompañamiento psicológico y jurídico.",
        ),
    },
    "web_form": {
        "en": ("Please do something.", "I don't want to give my name.", "Thank you."),
        "es": ("Por favor ayúdenla.", "No quiero dar mi nombre.", "Gracias."),
    },
    "chat": {"en": ("can someone help?", "ok thanks"), "es": ("me pueden ayudar?", "gracias")},
    "sms": {"en": ("dont call this number.",), "es": ("no me marquen.",)},
    "quick_report": {
        "en": ("Did not approach. Called 911.", "Left after 20 min."),
        "es": ("No me acerqué.", "Me retiré a los 20 minutos."),
    },
    "partner_import": {
        "en": ("Client consented to share with law enforcement.", "Referred for T-visa screening."),
        "es": (
            "La persona otorgó consentimiento para compartir la información.",
            "Se canaliza a atención a víctimas.",
        ),
    },
}

NOISE: dict[str, Bank] = {
    "domestic_violence": {
        "es": (
            "Mi vecina sufre violencia de su esposo, {man}; se escuchan gritos cada noche "
            "en {here}. Ella trabaja y sale cuando quiere, pero me preocupa.",
            "Mi hermana vive con {man}, que le pega cuando toma. Tiene miedo pero no está "
            "encerrada.",
        ),
        "en": (
            "My neighbor's husband, {man}, yells at her and hits her. She goes to work and comes "
            "and goes normally. I just don't know who to call in {here}.",
            "Caller reports her partner {man} pushed her during an argument. No work or money "
            "involved. Referred to domestic violence services in {here}.",
        ),
    },
    "labor_dispute": {
        "es": (
            "Trabajo en una empresa de limpieza en {here} y el supervisor, {man}, nos debe "
            "dos quincenas. Tenemos nuestros papeles y podemos renunciar, solo queremos "
            "que nos paguen.",
            "El dueño del taller, {man}, no nos pagó las horas extra. Su número es {phone}.",
        ),
        "en": (
            "My employer {man} in {here} hasn't paid my overtime. I can quit anytime, I just "
            "want my wages. His number is {phone}.",
            "Caller says the restaurant where she works in {here} pays late. She lives at home and "
            "keeps her own documents.",
        ),
    },
    "vague_sighting": {
        "es": (
            "Vi a varias muchachas jóvenes en una camioneta en {here}, se me hizo raro.",
            "Hay mucho movimiento en una casa de mi colonia en {here}, no sé qué sea.",
        ),
        "en": (
            "Saw a van with tinted windows at a gas station in {here}, a lot of people got out. "
            "Not sure it's anything.",
            "There is a massage place in {here} that is open very late, seems weird.",
        ),
    },
    "smuggling_only": {
        "es": (
            "Mi primo le pagó a {man} para cruzar por {here}; ya llegó bien con su familia y "
            "no debe nada. Solo quiero saber cómo arreglar sus papeles.",
        ),
        "en": (
            "Caller's brother paid {man} to cross near {here}. He arrived safely, lives with "
            "family and owes nothing. Caller asks about asylum.",
        ),
    },
    "runaway_found": {
        "es": ("Mi hijo de {age} años se salió de la casa pero ya apareció con su tía en {here}.",),
        "en": (
            "My daughter ran away last week but she is back home now; she was at a friend's "
            "house in {here}.",
        ),
    },
    "fraud": {
        "es": (
            "Me llamaron del {phone} diciendo que tenían secuestrado a mi hijo, pero era "
            "mentira, él estaba en la escuela.",
        ),
        "en": ("I got a text from {phone} saying I won a prize and asking for my bank details.",),
    },
    "info_request": {
        "es": (
            "Quisiera información sobre pláticas de prevención para la escuela de mis hijos "
            "en {here}.",
        ),
        "en": ("How can I volunteer with trafficking survivors in {here}?",),
    },
}
