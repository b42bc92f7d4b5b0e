"""Sentences that mention one entity, per typology family, role and language.

Slots: the entity's own slot ({person}, {phone}, {vehicle}, {org}, {email},
{account}, {site}); {origin}, {dest} are city mentions; {work} is plain text.
"""

from __future__ import annotations

Bank = dict[str, tuple[str, ...]]

PERSON: dict[tuple[str, str], Bank] = {
    ("sex", "recruiter"): {
        "es": (
            "Mi hija se fue con {person}, que la enamoró y le prometió una vida mejor en {dest}.",
            "{person} la enamoró en {origin} y luego se la llevó lejos de su familia.",
            "Dicen que {person} anda enganchando muchachas de la secundaria en {origin}.",
            "Mi sobrina conoció a {person} en un baile y a los dos meses ya estaba en {dest}.",
            "{person} le ofreció trabajo de mesera en {dest}, pero era mentira.",
            "El novio, {person}, le dijo que se iban a casar y que allá juntarían para una casa.",
        ),
        "en": (
            "Her boyfriend, {person}, promised to marry her and then took her to {dest}.",
            "The girls say {person} recruited them in {origin} with promises of restaurant jobs.",
            "{person} is known for dating young women from {origin} and sending them away to work.",
            "My cousin met {person} online and he convinced her to travel to {dest}.",
            "She said {person} told her she would be a waitress, not this.",
        ),
    },
    ("sex", "boss"): {
        "es": (
            "{person} es quien cobra y se queda con todo el dinero.",
            "Las muchachas le entregan todo a {person} al final de la noche.",
            "{person} las amenaza con hacerle daño a su familia si se van.",
            "Quien manda en {work} es {person}, no las deja salir solas.",
            "{person} les guarda las credenciales de elector y las actas.",
        ),
        "en": (
            "{person} collects all the money at the end of the night.",
            "{person} runs {work} and keeps the women's IDs.",
            "According to the caller, {person} threatens to hurt their families if they leave.",
            "Nobody leaves {work} without permission from {person}.",
            "The women hand their earnings to {person} every morning.",
        ),
    },
    ("sex", "driver"): {
        "es": (
            "{person} las lleva y las trae en carro con los clientes.",
            "Un hombre, {person}, las recoge todas las noches.",
            "{person} es el que las mueve de una ciudad a otra cada pocas semanas.",
        ),
        "en": (
            "{person} drives the women to 'dates' and waits outside.",
            "A man named {person} picks them up every evening.",
            "{person} moves the women between cities every few weeks.",
        ),
    },
    ("labor", "recruiter"): {
        "es": (
            "{person} fue a {origin} a ofrecer trabajo en {dest} con buen sueldo y papeles.",
            "El contratista {person} les cobró el viaje y dijo que lo pagarían trabajando.",
            "Nos reclutó {person} en la plaza de {origin}, prometiendo 12 dólares la hora.",
            "{person} les dijo que no necesitaban visa, que él arreglaba todo.",
            "A mi esposo lo contrató {person} para trabajar en {dest}.",
        ),
        "en": (
            "{person} came to {origin} offering jobs in {dest} with good pay.",
            "The recruiter, {person}, charged each worker for the trip, to be worked off.",
            "{person} promised legal work papers that never arrived.",
            "Workers say {person} recruits in {origin} through church and family contacts.",
            "My brother was hired by {person} to work in {dest}.",
        ),
    },
    ("labor", "boss"): {
        "es": (
            "{person} les retiene los pasaportes 'para que no se pierdan'.",
            "Quien paga es {person}, y no les paga desde hace meses; dice que todavía deben.",
            "{person} los amenaza con llamar a migración si se quejan.",
            "Quien manda en {work} es {person}; nadie puede salir sin su permiso.",
            "{person} les descuenta todo del sueldo y les grita todo el día.",
        ),
        "en": (
            "{person} keeps the workers' passports in a locked drawer.",
            "The boss, {person}, has not paid them in months and says they still owe money.",
            "{person} threatens to call immigration if anyone complains.",
            "{person} runs {work} and deducts rent, food and rides from every paycheck.",
            "The crew leader is {person}, and everyone is afraid.",
        ),
    },
    ("labor", "driver"): {
        "es": (
            "{person} los lleva de madrugada al trabajo en {work} y los regresa de noche.",
            "El chofer, {person}, los vigila todo el día.",
            "{person} es quien los trajo desde {origin} en camioneta.",
        ),
        "en": (
            "{person} drives them to {work} before dawn and back after dark.",
            "A driver, {person}, watches them all day.",
            "{person} transported the group from {origin}.",
        ),
    },
    ("smuggling", "recruiter"): {
        "es": (
            "El pollero, {person}, les cobró 8,000 dólares por persona para cruzar.",
            "{person} organiza los cruces por el río cerca de {origin}.",
            "Le pagaron a {person} la mitad en {origin} y la otra mitad al llegar.",
            "{person} recluta gente en la central de autobuses de {origin}.",
        ),
        "en": (
            "The smuggler, {person}, charged $8,000 per person to cross.",
            "{person} arranges river crossings near {origin}.",
            "The family paid {person} half up front and half on arrival.",
            "{person} recruits migrants at the bus station in {origin}.",
        ),
    },
    ("smuggling", "boss"): {
        "es": (
            "{person} tiene la casa de seguridad y no deja salir a nadie hasta que paguen.",
            "{person} le llamó a la familia para exigir más dinero.",
            "Dicen que {person} controla la plaza y les cobra a los polleros.",
        ),
        "en": (
            "{person} runs the stash house and won't let anyone leave until the fee is paid.",
            "{person} called the family demanding more money.",
            "{person} is said to control the crossing and charge the other smugglers.",
        ),
    },
    ("smuggling", "driver"): {
        "es": (
            "{person} manejaba la camioneta con doce personas escondidas.",
            "El chofer, {person}, los recogió del otro lado del río.",
            "{person} los llevó a {dest} acostados en la caja de la troca.",
        ),
        "en": (
            "{person} was driving with twelve people hidden in the back.",
            "The driver, {person}, picked them up after the river crossing.",
            "{person} drove them to {dest} lying in the truck bed.",
        ),
    },
}

OTHER: dict[str, Bank] = {
    "phone": {
        "es": (
            "El número que usan es {phone}.",
            "Le hablan desde el {phone}.",
            "Dejó este teléfono: {phone}.",
            "Tel {phone}.",
            "A ella le marcan del {phone} para darle órdenes.",
        ),
        "en": (
            "The number they use is {phone}.",
            "Calls come from {phone}.",
            "Number provided: {phone}.",
            "They texted her from {phone}.",
        ),
    },
    "phone_sex": {
        "es": ("Para citas contestan en el {phone} por WhatsApp.",),
        "en": ("Appointments are booked through {phone} on WhatsApp.",),
    },
    "vehicle": {
        "es": (
            "Los mueven en {vehicle}.",
            "Afuera siempre está {vehicle}.",
            "Se los llevaron en {vehicle}.",
            "Llegan y se van en {vehicle}.",
        ),
        "en": (
            "They are moved in {vehicle}.",
            "There is always {vehicle} parked outside.",
            "The caller saw {vehicle} drop off several people.",
            "They come and go in {vehicle}.",
        ),
    },
    "email": {
        "es": (
            "Le mandaron la oferta desde {email}.",
            "El correo de contacto era {email}.",
            "Pedían mandar foto y papeles a {email}.",
        ),
        "en": (
            "The job offer came from {email}.",
            "Contact email: {email}.",
            "Applicants were told to send photos and ID to {email}.",
        ),
    },
    "account": {
        "es": (
            "La contactaron por {account}.",
            "Publican anuncios en {account}.",
            "Todo empezó con mensajes de {account}.",
        ),
        "en": (
            "She was contacted through {account}.",
            "Ads are posted from {account}.",
            "It started with messages from {account}.",
        ),
    },
    "site": {
        "es": (
            "La casa está en {site}.",
            "Los tienen en {site}.",
            "El domicilio es {site}.",
            "Todo pasa en {site}.",
        ),
        "en": (
            "The house is at {site}.",
            "They are kept at {site}.",
            "Address given: {site}.",
            "It all happens at {site}.",
        ),
    },
}

ORG: dict[str, Bank] = {
    "sex": {
        "es": ("Las anuncian como {org}.", "El negocio se llama {org}.", "Operan detrás de {org}."),
        "en": (
            "The business is registered as {org}.",
            "They advertise as {org}.",
            "The front is a place called {org}.",
        ),
    },
    "labor": {
        "es": (
            "Los contrató {org}.",
            "La empresa {org} les dio un contrato en inglés que no entendían.",
            "En la camioneta decía {org}.",
        ),
        "en": (
            "They were hired through {org}.",
            "{org} gave them contracts in English they could not read.",
            "Paychecks come from {org}, with large deductions.",
        ),
    },
    "smuggling": {
        "es": ("Usan {org} como fachada para mover gente.", "Los camiones son de {org}."),
        "en": ("{org} is used as a front to move people.", "The trucks belong to {org}."),
    },
}
