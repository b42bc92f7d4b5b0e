"""Cities the demo data happens in, with coordinates, area codes and plate regions."""

from __future__ import annotations

from dataclasses import dataclass

from enlace.demo.engine.records import Country


@dataclass(frozen=True)
class Place:
    key: str
    city: str
    state: str  # ISO 3166-2
    state_name: str  # as written locally ("Tlaxcala", "New York")
    state_abbr: str  # as people abbreviate it ("Tlax.", "NY")
    country: Country
    lat: float
    lon: float
    area_codes: tuple[str, ...]

    @property
    def plate_region(self) -> str:
        """Region prefix of a plate: "TX" in the US, "MX-TLA" in Mexico."""
        return self.state.removeprefix("US-") if self.country == "US" else self.state

    @property
    def canonical(self) -> str:
        return f"{self.city}, {self.state_name}"


def _us(key: str, city: str, st: str, name: str, lat: float, lon: float, codes: str) -> Place:
    return Place(key, city, f"US-{st}", name, st, "US", lat, lon, tuple(codes.split()))


def _mx(
    key: str, city: str, st: str, name: str, abbr: str, lat: float, lon: float, codes: str
) -> Place:
    return Place(key, city, f"MX-{st}", name, abbr, "MX", lat, lon, tuple(codes.split()))


PLACES: dict[str, Place] = {
    p.key: p
    for p in (
        _us("queens", "Queens", "NY", "New York", 40.7282, -73.7949, "718 347 929"),
        _us("brooklyn", "Brooklyn", "NY", "New York", 40.6782, -73.9442, "718 347"),
        _us("newark", "Newark", "NJ", "New Jersey", 40.7357, -74.1724, "973 862"),
        _us("immokalee", "Immokalee", "FL", "Florida", 26.4187, -81.4173, "239"),
        _us("homestead", "Homestead", "FL", "Florida", 25.4687, -80.4776, "305 786"),
        _us("eagle_pass", "Eagle Pass", "TX", "Texas", 28.7091, -100.4995, "830"),
        _us("houston", "Houston", "TX", "Texas", 29.7604, -95.3698, "713 832 281"),
        _us("dallas", "Dallas", "TX", "Texas", 32.7767, -96.7970, "214 469 972"),
        _us("san_antonio", "San Antonio", "TX", "Texas", 29.4241, -98.4936, "210 726"),
        _us("laredo", "Laredo", "TX", "Texas", 27.5036, -99.5076, "956"),
        _us("mcallen", "McAllen", "TX", "Texas", 26.2034, -98.2300, "956"),
        _us("el_paso", "El Paso", "TX", "Texas", 31.7619, -106.4850, "915"),
        _us("atlanta", "Atlanta", "GA", "Georgia", 33.7490, -84.3880, "404 678 470"),
        _us("san_diego", "San Diego", "CA", "California", 32.7157, -117.1611, "619 858"),
        _us("los_angeles", "Los Angeles", "CA", "California", 34.0522, -118.2437, "213 323"),
        _us("chicago", "Chicago", "IL", "Illinois", 41.8781, -87.6298, "312 773 872"),
        _us("charlotte", "Charlotte", "NC", "North Carolina", 35.2271, -80.8431, "704 980"),
        _us("raleigh", "Raleigh", "NC", "North Carolina", 35.7796, -78.6382, "919 984"),
        _us("las_vegas", "Las Vegas", "NV", "Nevada", 36.1699, -115.1398, "702 725"),
        _us("phoenix", "Phoenix", "AZ", "Arizona", 33.4484, -112.0740, "602 480"),
        _us("washington", "Washington", "DC", "District of Columbia", 38.9072, -77.0369, "202"),
        _us("yakima", "Yakima", "WA", "Washington", 46.6021, -120.5059, "509"),
        _mx("tenancingo", "Tenancingo", "TLA", "Tlaxcala", "Tlax.", 19.1347, -98.1939, "246"),
        _mx("tlaxcala", "Tlaxcala", "TLA", "Tlaxcala", "Tlax.", 19.3139, -98.2404, "246 241"),
        _mx("puebla", "Puebla", "PUE", "Puebla", "Pue.", 19.0414, -98.2063, "222"),
        _mx("tehuacan", "Tehuacán", "PUE", "Puebla", "Pue.", 18.4616, -97.3928, "238"),
        _mx("xalapa", "Xalapa", "VER", "Veracruz", "Ver.", 19.5438, -96.9102, "228"),
        _mx("veracruz", "Veracruz", "VER", "Veracruz", "Ver.", 19.1738, -96.1342, "229"),
        _mx("oaxaca", "Oaxaca de Juárez", "OAX", "Oaxaca", "Oax.", 17.0732, -96.7266, "951"),
        _mx(
            "piedras_negras",
            "Piedras Negras",
            "COA",
            "Coahuila",
            "Coah.",
            28.7000,
            -100.5231,
            "878",
        ),
        _mx("saltillo", "Saltillo", "COA", "Coahuila", "Coah.", 25.4232, -101.0053, "844"),
        _mx("monterrey", "Monterrey", "NLE", "Nuevo León", "N.L.", 25.6866, -100.3161, "81"),
        _mx("cdmx", "Ciudad de México", "CMX", "Ciudad de México", "CDMX", 19.4326, -99.1332, "55"),
        _mx("tijuana", "Tijuana", "BCN", "Baja California", "B.C.", 32.5149, -117.0382, "664"),
        _mx(
            "san_quintin",
            "San Quintín",
            "BCN",
            "Baja California",
            "B.C.",
            30.5606,
            -115.9389,
            "616",
        ),
        _mx("tapachula", "Tapachula", "CHP", "Chiapas", "Chis.", 14.9036, -92.2575, "962"),
        _mx("acapulco", "Acapulco", "GRO", "Guerrero", "Gro.", 16.8531, -99.8237, "744"),
        _mx("tlapa", "Tlapa de Comonfort", "GRO", "Guerrero", "Gro.", 17.5453, -98.5757, "757"),
        _mx("culiacan", "Culiacán", "SIN", "Sinaloa", "Sin.", 24.8091, -107.3940, "667"),
        _mx("guadalajara", "Guadalajara", "JAL", "Jalisco", "Jal.", 20.6597, -103.3496, "33"),
        _mx("juarez", "Ciudad Juárez", "CHH", "Chihuahua", "Chih.", 31.6904, -106.4245, "656"),
        _mx("reynosa", "Reynosa", "TAM", "Tamaulipas", "Tamps.", 26.0508, -98.2979, "899"),
        _mx(
            "nuevo_laredo", "Nuevo Laredo", "TAM", "Tamaulipas", "Tamps.", 27.4779, -99.5496, "867"
        ),
        _mx("cancun", "Cancún", "ROO", "Quintana Roo", "Q. Roo", 21.1619, -86.8515, "998"),
        _mx("nogales_son", "Nogales", "SON", "Sonora", "Son.", 31.3086, -110.9422, "631"),
        _mx("morelia", "Morelia", "MIC", "Michoacán", "Mich.", 19.7060, -101.1950, "443"),
        _mx(
            "slp", "San Luis Potosí", "SLP", "San Luis Potosí", "S.L.P.", 22.1565, -100.9855, "444"
        ),
    )
}

US_PLACES: tuple[Place, ...] = tuple(p for p in PLACES.values() if p.country == "US")
MX_PLACES: tuple[Place, ...] = tuple(p for p in PLACES.values() if p.country == "MX")
