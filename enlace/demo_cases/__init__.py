"""Demo cases at every stage, built from the demo reports so the dashboards are alive at once.

``generate`` is pure (report groups in, cases out, same seed same cases); ``load_demo_cases``
writes them for the demo reports already in the database.
"""

from enlace.demo_cases.generator import DemoCase, ReportRef, generate
from enlace.demo_cases.loader import load_demo_cases

__all__ = ["DemoCase", "ReportRef", "generate", "load_demo_cases"]
