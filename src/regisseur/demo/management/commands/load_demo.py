"""`regisseur manage load_demo [--if-empty]`: the demo organisation with its logins."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regisseur.demo.builder import demo_exists, load
from regisseur.demo.communication import sample_answer_path
from regisseur.demo.content import DEMO_PASSWORD, SEED
from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Vacancy


class Command(BaseCommand):
    help = "Load the demo organisation: users, clients, vacancies, candidates, interviews and their messages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds vacancies or interviews (used by `regisseur run`).",
        )
        parser.add_argument("--seed", type=int, default=SEED, help="Random seed (the same seed, the same data).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and (Vacancy.objects.exists() or Interview.objects.exists()):
            self.stdout.write("The database already holds data; demo data not loaded.")
            if demo_exists():
                self._print_login()
            return
        if demo_exists():
            raise CommandError("Demo data is already loaded (user 'demo' exists). Use an empty database.")
        started = time.monotonic()
        result = load(seed=options["seed"])
        counts = ", ".join(f"{number} {name}" for name, number in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s: {counts}."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _password, role in result.logins:
            self.stdout.write(f"  {username:<10} {role}")
        self._print_login()

    def _print_login(self) -> None:
        # Without BASE_URL the app is local: the address is the port `regisseur run` listens on.
        address = settings.BASE_URL if "BASE_URL" in os.environ else f"http://127.0.0.1:{settings.PORT}"
        self.stdout.write(self.style.SUCCESS(f"Log in at {address}/ as demo / {DEMO_PASSWORD}"))
        path = sample_answer_path()
        if path:
            self.stdout.write(f"Try the candidate's answer page: {address}{path}")
