"""Synthetic, bilingual demo data for Enlace: tips, entities, networks and ground truth.

Pure code (standard library, Faker and plain data): no database, no web. The
loader maps these records onto the model; :func:`write_ground_truth` records
which mentions are the same entity and which tips belong to which network, so
extraction, linkage and clustering can be measured. See
:mod:`enlace.demo.engine.ground_truth` for the file format.
"""

from enlace.demo.engine.agencies import DEMO_PASSWORD
from enlace.demo.engine.generator import generate
from enlace.demo.engine.ground_truth import ground_truth, write_ground_truth
from enlace.demo.engine.records import (
    DemoAgency,
    DemoContact,
    DemoDataset,
    DemoEntity,
    DemoMention,
    DemoNetwork,
    DemoReport,
    DemoUser,
)

__all__ = [
    "DEMO_PASSWORD",
    "DemoAgency",
    "DemoContact",
    "DemoDataset",
    "DemoEntity",
    "DemoMention",
    "DemoNetwork",
    "DemoReport",
    "DemoUser",
    "generate",
    "ground_truth",
    "write_ground_truth",
]
