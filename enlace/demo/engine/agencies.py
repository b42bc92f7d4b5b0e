"""Demo agencies on both sides of the border, demo users, and who receives which tip."""

from __future__ import annotations

import random

from enlace.demo.engine.places import Place
from enlace.demo.engine.records import Channel, DemoAgency, DemoUser

DEMO_PASSWORD = "enlace-demo"  # noqa: S105 - published demo accounts, not a secret

AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        "hsi-new-york",
        "Homeland Security Investigations New York",
        "HSI New York",
        "US",
        "federal",
        "US-NY",
    ),
    DemoAgency(
        "hsi-houston",
        "Homeland Security Investigations Houston",
        "HSI Houston",
        "US",
        "federal",
        "US-TX",
    ),
    DemoAgency(
        "hsi-san-diego",
        "Homeland Security Investigations San Diego",
        "HSI San Diego",
        "US",
        "federal",
        "US-CA",
    ),
    DemoAgency(
        "cbp-laredo",
        "U.S. Customs and Border Protection, Laredo Field Office",
        "CBP Laredo",
        "US",
        "federal",
        "US-TX",
    ),
    DemoAgency(
        "usao-sdtx",
        "U.S. Attorney's Office, Southern District of Texas",
        "USAO SDTX",
        "US",
        "federal",
        "US-TX",
    ),
    DemoAgency("nypd", "New York City Police Department", "NYPD", "US", "local", "US-NY"),
    DemoAgency("fdle", "Florida Department of Law Enforcement", "FDLE", "US", "state", "US-FL"),
    DemoAgency("apd-atlanta", "Atlanta Police Department", "APD", "US", "local", "US-GA"),
    DemoAgency("nhth", "National Human Trafficking Hotline", "NHTH", "US", "hotline", None),
    DemoAgency("tat", "Truckers Against Trafficking", "TAT", "US", "ngo", None),
    DemoAgency(
        "puente-shelter", "Puente Survivor Services (shelter)", "Puente", "US", "ngo", "US-TX"
    ),
    DemoAgency("fgr", "Fiscalía General de la República", "FGR", "MX", "federal", None),
    DemoAgency(
        "fge-tlaxcala",
        "Fiscalía General de Justicia del Estado de Tlaxcala",
        "Fiscalía Tlaxcala",
        "MX",
        "state",
        "MX-TLA",
    ),
    DemoAgency(
        "fge-coahuila",
        "Fiscalía General del Estado de Coahuila",
        "Fiscalía Coahuila",
        "MX",
        "state",
        "MX-COA",
    ),
    DemoAgency(
        "fge-nuevo-leon",
        "Fiscalía General de Justicia del Estado de Nuevo León",
        "Fiscalía Nuevo León",
        "MX",
        "state",
        "MX-NLE",
    ),
    DemoAgency("guardia-nacional", "Guardia Nacional", "GN", "MX", "federal", None),
    DemoAgency(
        "linea-nacional",
        "Línea Nacional contra la Trata de Personas (Consejo Ciudadano)",
        "Línea Nacional",
        "MX",
        "hotline",
        "MX-CMX",
    ),
    DemoAgency(
        "casa-colibri",
        "Casa Colibrí, refugio para víctimas A.C.",
        "Casa Colibrí",
        "MX",
        "ngo",
        "MX-CMX",
    ),
)


def _user(username: str, display: str, role: str, agency: str, lang: str) -> DemoUser:
    return DemoUser(username, display, role, agency, lang, DEMO_PASSWORD)  # type: ignore[arg-type]


USERS: tuple[DemoUser, ...] = (
    _user("operator", "Dana Whitfield", "hotline_operator", "nhth", "en"),
    _user("operadora", "Lucía Paredes Ortiz", "hotline_operator", "linea-nacional", "es"),
    _user("analyst", "Marcus Reyes", "analyst", "hsi-houston", "en"),
    _user("analista", "Itzel Domínguez Rivas", "analyst", "fgr", "es"),
    _user("investigator", "Karen O'Neill", "investigator", "hsi-new-york", "en"),
    _user("fiscal", "Héctor Villaseñor Luna", "prosecutor", "fge-tlaxcala", "es"),
    _user("prosecutor", "Angela Brooks", "prosecutor", "usao-sdtx", "en"),
    _user("provider", "Rosa Medina", "service_provider", "puente-shelter", "en"),
    _user("supervisor", "Samuel Ochoa", "supervisor", "nhth", "en"),
    _user("admin", "Enlace Admin", "admin", "nhth", "en"),
)

_HSI_BY_STATE = {"US-NY": "hsi-new-york", "US-NJ": "hsi-new-york", "US-CA": "hsi-san-diego"}
_US_POLICE = {"US-NY": "nypd", "US-FL": "fdle", "US-GA": "apd-atlanta"}
_MX_STATE = {"MX-TLA": "fge-tlaxcala", "MX-COA": "fge-coahuila", "MX-NLE": "fge-nuevo-leon"}


def receiving_agency(rng: random.Random, channel: Channel, place: Place) -> str:
    """The agency a tip from this channel and place would plausibly reach first."""
    us = place.country == "US"
    by_channel = {
        "operator": ("nhth", "linea-nacional"),
        "chat": ("nhth", "linea-nacional"),
        "sms": ("nhth", "linea-nacional"),
        "quick_report": ("tat", "guardia-nacional"),
        "web_form": (
            _HSI_BY_STATE.get(place.state, "hsi-houston"),
            _MX_STATE.get(place.state, "fgr"),
        ),
    }
    if channel in by_channel:
        return by_channel[channel][0 if us else 1]
    # partner_import: police, border or shelter partners feeding the platform
    if not us:
        return rng.choice((_MX_STATE.get(place.state, "fgr"), "casa-colibri", "guardia-nacional"))
    if place.state == "US-TX" and rng.random() < 0.4:
        border = place.key in ("laredo", "eagle_pass", "mcallen")
        return "cbp-laredo" if border else "usao-sdtx"
    return _US_POLICE.get(place.state, "puente-shelter")
