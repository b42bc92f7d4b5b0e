"""Human labels for stored codes (channels, statuses, kinds), marked for translation."""

from __future__ import annotations

from enlace.messages import N_
from enlace.web.i18n import gettext

LABELS: dict[str, str] = {
    # channels
    "web_form": N_("Web form"),
    "operator": N_("Hotline operator"),
    "chat": N_("Chat"),
    "sms": N_("SMS"),
    "quick_report": N_("Quick report"),
    "partner_import": N_("Partner import"),
    "api": N_("API"),
    # report statuses
    "new": N_("New"),
    "triaged": N_("Triaged"),
    "in_review": N_("In review"),
    "closed": N_("Closed"),
    # entity kinds
    "person": N_("Person"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "location": N_("Place"),
    "vehicle": N_("Vehicle"),
    "organization": N_("Organization"),
    "online_account": N_("Online account"),
    "age": N_("Age"),
    "money": N_("Money"),
    "date": N_("Date"),
    # typologies: screening, networks, cases
    "sex_trafficking": N_("Sex trafficking"),
    "labor_trafficking": N_("Labor trafficking"),
    "both": N_("Sex and labor trafficking"),
    "smuggling": N_("Smuggling"),
    "not_trafficking": N_("Not trafficking"),
    # reporter relationship
    "victim": N_("Victim"),
    "family": N_("Family member"),
    "witness": N_("Witness"),
    "professional": N_("Professional"),
    "anonymous_other": N_("Other"),
}


def label(code: object) -> str:
    text = str(code)
    return gettext(LABELS.get(text, text))
