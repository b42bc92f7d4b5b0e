"""Entity extraction and normalization for English and Spanish narratives (pure functions)."""

from enlace.extract.dates import parse_date
from enlace.extract.folding import fold
from enlace.extract.gazetteer import normalize_place
from enlace.extract.jsonl import run_jsonl
from enlace.extract.language import detect_language
from enlace.extract.model import (
    ENTITY_TYPES,
    DateValue,
    Entity,
    ExtractionResult,
    PersonName,
    PhoneNumber,
    Place,
)
from enlace.extract.names import parse_person_name
from enlace.extract.phones import normalize_phone
from enlace.extract.pipeline import extract

__all__ = [
    "ENTITY_TYPES",
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
