"""The indicator catalog: a YAML data file validated by these models.

Supervisors read the catalog in the UI; the screening engine compiles its patterns. Every
result records the catalog ``version`` that produced it so reports can be re-screened after
the catalog changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from enlace.screening.engine.patterns import expand

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")

Lang = Literal["en", "es"]
LANGS: tuple[Lang, Lang] = ("en", "es")

#: Codes the published sources require (see the indicator reference).
REQUIRED_CODES: frozenset[str] = frozenset(
    {
        "recruitment_false_job_offer",
        "debt_bondage",
        "document_confiscation",
        "threats_or_violence",
        "confinement_or_restricted_movement",
        "wage_theft_or_no_pay",
        "excessive_hours",
        "isolation_language_or_location",
        "control_by_third_party",
        "commercial_sex_of_minor",
        "coercion_through_family_threats",
        "substandard_housing_provided_by_employer",
        "transport_across_border",
        "romance_or_lover_boy_recruitment",
        "drug_dependency_coercion",
        "branding_or_tattoos",
        "online_advertising",
    }
)

TYPOLOGY_CODES: tuple[str, ...] = (
    "sex_trafficking",
    "labor_trafficking",
    "both",
    "smuggling",
    "not_trafficking",
)

#: Means of control as flagged in CTDC public data.
CTDC_MEANS: frozenset[str] = frozenset(
    {
        "debt_bondage",
        "takes_earnings",
        "restricts_financial_access",
        "threats",
        "psychological_abuse",
        "physical_abuse",
        "sexual_abuse",
        "false_promises",
        "psychoactive_substances",
        "restricts_movement",
        "restricts_medical_care",
        "excessive_working_hours",
        "uses_children",
        "threat_of_law_enforcement",
        "withholds_necessities",
        "withholds_documents",
        "other",
    }
)

PatternFlag = Literal["support", "bystander", "generic", "kin"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Localized(_Model):
    en: str = Field(min_length=1)
    es: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


class PatternSpec(_Model):
    """One regular expression over folded text; ``flag`` qualifies what a match means."""

    re: str = Field(min_length=1)
    flag: PatternFlag | None = None

    @field_validator("re")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(expand(value))
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {value!r}: {exc}") from exc
        return value


def _as_specs(value: object) -> object:
    if isinstance(value, list):
        return [{"re": item} if isinstance(item, str) else item for item in value]
    return value


class LangPatterns(_Model):
    en: tuple[PatternSpec, ...] = ()
    es: tuple[PatternSpec, ...] = ()

    @field_validator("en", "es", mode="before")
    @classmethod
    def _strings(cls, value: object) -> object:
        return _as_specs(value)

    def all(self) -> tuple[tuple[Lang, PatternSpec], ...]:
        return tuple(("en", p) for p in self.en) + tuple(("es", p) for p in self.es)


class Examples(_Model):
    en: tuple[str, ...] = Field(min_length=1)
    es: tuple[str, ...] = Field(min_length=1)

    def get(self, lang: str) -> tuple[str, ...]:
        return self.es if lang == "es" else self.en


class Indicator(_Model):
    code: str = Field(pattern=r"^[a-z][a-z_]+$")
    group: Literal["recruitment", "control", "exploitation", "movement", "sex", "minor", "danger"]
    name: Localized
    definition: Localized
    sources: tuple[str, ...] = Field(min_length=1)
    ctdc: tuple[str, ...] = ()
    weight: float = Field(ge=0.0, le=1.0)
    derived: bool = False
    threat: bool = False
    yields_to: tuple[str, ...] = ()
    patterns: LangPatterns = LangPatterns()
    examples: Examples
    negated: Localized | None = None

    @field_validator("ctdc", mode="before")
    @classmethod
    def _split_ctdc(cls, value: object) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value

    @field_validator("ctdc")
    @classmethod
    def _known_ctdc(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - CTDC_MEANS
        if unknown:
            raise ValueError(f"unknown CTDC means of control: {sorted(unknown)}")
        return value

    @model_validator(mode="after")
    def _has_patterns(self) -> Indicator:
        if not self.derived and (not self.patterns.en or not self.patterns.es):
            raise ValueError(f"{self.code}: patterns are required in English and Spanish")
        return self


class Typology(_Model):
    code: str
    name: Localized


class PolarisType(_Model):
    slug: str = Field(pattern=r"^[a-z][a-z_]+$")
    typology: Literal["sex", "labor"]
    name: Localized
    cues: tuple[str, ...] = Field(min_length=1)

    @field_validator("cues")
    @classmethod
    def _cues_compile(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cue in value:
            try:
                re.compile(expand(cue))
            except re.error as exc:
                raise ValueError(f"cue does not compile: {cue!r}: {exc}") from exc
        return value


class CuePatterns(_Model):
    en: tuple[str, ...] = ()
    es: tuple[str, ...] = ()


class Catalog(_Model):
    version: str = Field(min_length=1)
    sources: dict[str, Localized]
    indicators: tuple[Indicator, ...]
    counter_cues: CuePatterns = CuePatterns()
    forced_work_cues: CuePatterns = CuePatterns()
    work_cues: CuePatterns = CuePatterns()
    domestic_cues: CuePatterns = CuePatterns()
    sex_cues: CuePatterns = CuePatterns()
    smuggling_cues: CuePatterns = CuePatterns()
    typologies: tuple[Typology, ...]
    polaris: tuple[PolarisType, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        codes = [ind.code for ind in self.indicators]
        if len(codes) != len(set(codes)):
            raise ValueError("indicator codes must be unique")
        missing = REQUIRED_CODES - set(codes)
        if missing:
            raise ValueError(f"required indicator codes missing: {sorted(missing)}")
        for ind in self.indicators:
            unknown_sources = set(ind.sources) - set(self.sources)
            if unknown_sources:
                raise ValueError(f"{ind.code}: unknown sources {sorted(unknown_sources)}")
            unknown_codes = set(ind.yields_to) - set(codes)
            if unknown_codes:
                raise ValueError(f"{ind.code}: yields_to unknown codes {sorted(unknown_codes)}")
        if tuple(t.code for t in self.typologies) != TYPOLOGY_CODES:
            raise ValueError(f"typologies must be exactly {TYPOLOGY_CODES}")
        slugs = [p.slug for p in self.polaris]
        if len(slugs) != 25 or len(set(slugs)) != 25:
            raise ValueError("the Polaris typology has exactly 25 distinct types")
        return self

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def typology_name(self, code: str, lang: str) -> str:
        for typ in self.typologies:
            if typ.code == code:
                return typ.name.get(lang)
        raise KeyError(code)

    def polaris_type(self, slug: str) -> PolarisType:
        for ptype in self.polaris:
            if ptype.slug == slug:
                return ptype
        raise KeyError(slug)


def parse_catalog(data: object) -> Catalog:
    """Validate already-parsed catalog data (raises ``pydantic.ValidationError``)."""
    return Catalog.model_validate(data)


def read_catalog(path: Path) -> Catalog:
    """Read and validate a catalog file, e.g. a supervisor's edited copy."""
    with path.open(encoding="utf-8") as handle:
        return parse_catalog(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The catalog shipped with the package, parsed once per process."""
    return read_catalog(CATALOG_PATH)
