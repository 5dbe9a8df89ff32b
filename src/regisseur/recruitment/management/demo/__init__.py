"""The demo organisation: realistic, deterministic data that shows every screen at work."""

from regisseur.recruitment.management.demo.builder import DemoBuilder, DemoResult, demo_exists, load
from regisseur.recruitment.management.demo.communication import sample_answer_path
from regisseur.recruitment.management.demo.content import DEMO_PASSWORD, ORGANISATION_NAME, SEED

__all__ = [
    "DEMO_PASSWORD",
    "ORGANISATION_NAME",
    "SEED",
    "DemoBuilder",
    "DemoResult",
    "demo_exists",
    "load",
    "sample_answer_path",
]
