"""Entity extraction and normalization for English and Spanish narratives (pure functions)."""

from enlace.extraction.engine.dates import parse_date
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.gazetteer import normalize_place
from enlace.extraction.engine.jsonl import run_jsonl
from enlace.extraction.engine.language import detect_language
from enlace.extraction.engine.lexicon import ABBREVIATIONS, NICKNAMES
from enlace.extraction.engine.model import (
    ENTITY_TYPES,
    DateValue,
    Entity,
    ExtractionResult,
    PersonName,
    PhoneNumber,
    Place,
)
from enlace.extraction.engine.names import parse_person_name
from enlace.extraction.engine.phones import normalize_phone
from enlace.extraction.engine.pipeline import extract

__all__ = [
    "ABBREVIATIONS",
    "ENTITY_TYPES",
    "NICKNAMES",
    "DateValue",
    "Entity",
    "ExtractionResult",
    "PersonName",
    "PhoneNumber",
    "Place",
    "detect_language",
    "extract",
    "fold",
    "normalize_phone",
    "normalize_place",
    "parse_date",
    "parse_person_name",
    "run_jsonl",
]
