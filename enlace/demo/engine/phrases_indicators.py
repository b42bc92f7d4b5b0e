"""Indicator sentences per typology family and per exploitation setting (theme).

Slots: {work} (the place of exploitation), {origin}/{dest} (city mentions),
{n}, {age}, {amount} (numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

Bank = dict[str, tuple[str, ...]]

INDICATORS: dict[str, Bank] = {
    "sex": {
        "es": (
            "Una de las muchachas parece tener {age} años.",
            "Les quitaron sus identificaciones.",
            "No las dejan salir solas de {work}.",
            "Tienen que atender a {n} clientes por noche o las golpean.",
            "Dicen que deben {amount} dólares del viaje y la deuda nunca baja.",
            "Las amenazan con hacerle daño a sus hijos en {origin}.",
            "Se ven asustadas y no hablan con nadie.",
            "Varias tienen el mismo tatuaje con el nombre de él.",
            "Les dan droga para que aguanten.",
            "Entran y salen hombres a todas horas.",
            "Las han cambiado de ciudad varias veces y no saben dónde están.",
        ),
        "en": (
            "One of the girls looks about {age}.",
            "Their IDs were taken away.",
            "The women are never allowed to leave {work} alone.",
            "They have a quota of {n} clients a night or they get beaten.",
            "They say they owe ${amount} for the trip and the debt keeps growing.",
            "He threatens to hurt their children back in {origin}.",
            "The women seem terrified and won't speak to anyone.",
            "Several have the same tattoo, a name and a crown.",
            "They are given drugs to keep working.",
            "Men come and go at all hours.",
            "They have been moved from city to city and don't know where they are.",
        ),
    },
    "labor": {
        "es": (
            "Trabajan más de {n} horas diarias sin descanso.",
            "Les descuentan renta, comida y transporte y al final no les queda nada.",
            "Les dijeron que deben {amount} dólares por el viaje.",
            "Les quitaron los pasaportes al llegar.",
            "Duermen en el piso, {n} personas en un cuarto.",
            "Si alguien se queja lo amenazan con migración.",
            "No hablan inglés y no saben en qué ciudad están.",
            "Hay guardias y no los dejan salir del lugar.",
            "No les han pagado en semanas.",
            "Entre ellos hay un menor de {age} años.",
        ),
        "en": (
            "They work more than {n} hours a day with no days off.",
            "Rent, food and rides are deducted from their pay and they end up with nothing.",
            "They were told they owe ${amount} for the trip.",
            "Their passports were taken when they arrived.",
            "They sleep on the floor, {n} people to a room.",
            "Anyone who complains is threatened with deportation.",
            "They don't speak English and don't know what city they are in.",
            "There are guards and they are not allowed to leave the property.",
            "They have not been paid in weeks.",
            "One of them is a boy of about {age}.",
        ),
    },
    "smuggling": {
        "es": (
            "Eran como {n} personas, entre ellas niños.",
            "Cruzaron el río de noche.",
            "Los tuvieron encerrados varios días en una casa casi sin comida.",
            "Pagaron {amount} dólares cada uno.",
            "Les quitaron los celulares.",
            "Nadie estaba herido pero estaban deshidratados.",
            "Les piden más dinero a las familias para soltarlos.",
        ),
        "en": (
            "There were about {n} people, including children.",
            "They crossed the river at night.",
            "They were held for days in a house with little food.",
            "Each one paid ${amount}.",
            "Their phones were taken.",
            "No one was injured but several were dehydrated.",
            "Families are being asked for more money before release.",
        ),
    },
}


@dataclass(frozen=True)
class Theme:
    family: str  # "sex", "labor", "smuggling" or "both"
    work_en: str
    work_es: str
    extra_en: tuple[str, ...] = ()
    extra_es: tuple[str, ...] = ()

    def work(self, lang: str) -> str:
        return self.work_es if lang == "es" else self.work_en

    def extras(self, lang: str) -> tuple[str, ...]:
        return self.extra_es if lang == "es" else self.extra_en

    def families(self) -> tuple[str, ...]:
        return ("sex", "labor") if self.family == "both" else (self.family,)


THEMES: dict[str, Theme] = {
    "residential": Theme("sex", "the house", "la casa",
        ("The windows are covered and the house has cameras on every side.",),
        ("Tienen las ventanas tapadas y cámaras por todos lados.",)),
    "massage": Theme("sex", "the massage parlor", "el spa",
        ("Women live inside the parlor and sleep on the massage tables.",
         "The front door is locked and customers are buzzed in."),
        ("Las mujeres viven dentro del local y duermen en las camillas.",)),
    "cantina": Theme("both", "the bar", "la cantina",
        ("The women are made to drink with customers and are paid per drink.",),
        ("Las obligan a fichar y a tomar con los clientes.",
         "Detrás de la cantina hay cuartos donde las obligan a pasar con clientes.")),
    "escort": Theme("sex", "the apartment", "el departamento",
        ("They are advertised on escort sites with fake photos and changing ages.",),
        ("Las anuncian en páginas de citas con fotos falsas.",)),
    "truckstop": Theme("sex", "the truck stop", "el parador",
        ("Heard on the CB radio asking for 'commercial company'.",
         "A girl was dropped at a truck and picked up 15 minutes later."),
        ("Una muchacha se subía a los tráileres y la recogían a los 15 minutos.",)),
    "webcam": Theme("sex", "the studio", "el estudio",
        ("They are forced into live webcam shows for hours.",),
        ("Las obligan a hacer transmisiones en vivo durante horas.",)),
    "pornography": Theme("sex", "the apartment", "el departamento",
        ("He pressures minors to send photos and then threatens to publish them.",),
        ("Les pide fotos íntimas a menores y luego las amenaza con publicarlas.",)),
    "agriculture": Theme("labor", "the fields", "el campo",
        ("They pay the crew leader for a bunk in a trailer.",),
        ("Les cobran por dormir en el campamento.",
         "Hay niños trabajando en el corte.")),
    "domestic": Theme("labor", "the house", "la casa",
        ("She works from dawn to night caring for the children and can't call her family.",
         "She sleeps in the laundry room."),
        ("Trabaja de sol a sol cuidando a los niños y no la dejan llamar a su familia.",
         "Duerme en el cuarto de lavado.")),
    "begging": Theme("labor", "the intersections", "los cruceros",
        ("Children are made to sell candy at intersections and hand over everything.",),
        ("Ponen a niños a vender dulces en los cruceros y les quitan lo que juntan.",
         "Una señora los vigila desde la esquina.")),
    "construction": Theme("labor", "the construction site", "la obra",
        ("They work without safety gear and sleep at the site.",),
        ("Duermen en la obra y trabajan sin equipo de seguridad.",)),
    "hospitality": Theme("labor", "the hotel", "el hotel",
        ("They work double shifts and live in company rooms.",),
        ("Trabajan turnos dobles en el hotel y viven en cuartos de la empresa.",)),
    "restaurant": Theme("labor", "the restaurant", "el restaurante",
        ("They live above the restaurant and work every day.",),
        ("Viven arriba del restaurante y trabajan todos los días.",)),
    "landscaping": Theme("labor", "the job sites", "los jardines",
        ("The crew lives in a trailer owned by the employer.",),
        ("La cuadrilla vive en una traila del patrón.",)),
    "factory": Theme("labor", "the workshop", "el taller",
        ("The doors of the workshop are locked during shifts.",),
        ("Cierran con llave el taller durante el turno.",)),
    "sales_crew": Theme("labor", "the sales crew", "el grupo de ventas",
        ("They sell door to door and are left behind if they miss the quota.",),
        ("Venden de puerta en puerta y si no llegan a la cuota los dejan tirados.",)),
    "cleaning": Theme("labor", "the office buildings", "los edificios",
        ("They clean offices at night and the supervisor keeps their pay cards.",),
        ("Limpian oficinas de noche y el supervisor se queda con sus tarjetas de nómina.",)),
    "illicit": Theme("labor", "the stash house", "la casa",
        ("They are forced to sell drugs to pay off the crossing.",),
        ("Los obligan a vender droga para pagar el cruce.",)),
    "carnival": Theme("labor", "the fair", "la feria",
        ("They travel with the carnival and the employer keeps their visas.",),
        ("Viajan con la feria y el patrón guarda sus visas.",)),
    "smuggling": Theme("smuggling", "the stash house", "la casa de seguridad"),
}  # fmt: skip
