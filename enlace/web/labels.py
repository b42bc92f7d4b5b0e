"""Human labels for stored codes (channels, statuses, kinds), marked for translation.

Areas name their own codes through the ``enlace_labels`` hook (entity kinds come from
extraction's registry, ``extraction/kinds.yaml``); the shell names the rest here.
"""

from __future__ import annotations

from functools import cache

from enlace import plugins
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


@cache
def _labels() -> dict[str, str]:
    # Plug-ins are registered at start-up, as for the catalogs (i18n.catalog): read them once.
    return {**plugins.labels(), **LABELS}


def label(code: object) -> str:
    text = str(code)
    return gettext(_labels().get(text, text))
