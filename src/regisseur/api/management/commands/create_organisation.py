"""`regisseur manage create_organisation "<name>" --admin <username> --email <email>`: a fresh start."""

from __future__ import annotations

import getpass
import sys
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from regisseur.actions.organisations import create_organisation
from regisseur.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "Create an organisation with its standard templates and its first user: a recruiter and "
        "administrator with SMS access."
    )
    # Like createsuperuser: tests may hand in their own stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The organisation's name.")
        parser.add_argument("--admin", required=True, help="The username of the organisation's first user.")
        parser.add_argument("--email", required=True, help="That user's email address.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read that user's password from the first line of stdin (else the password stays unset).",
        )
        parser.add_argument("--language", choices=["nl", "en"], default="nl", help="That user's language.")

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._read_password(options.get("stdin") or sys.stdin) if options["password_stdin"] else None
        try:
            organisation, user = create_organisation(
                name=options["name"],
                admin_username=options["admin"],
                admin_email=options["email"],
                admin_password=password,
                language=options["language"],
            )
        except ServiceError as error:
            raise CommandError(error.message) from None
        names = {"organisation": organisation.name, "username": user.username}
        self.stdout.write(_("Created the organisation “%(organisation)s” with its standard templates.") % names)
        self.stdout.write(_("Created the user “%(username)s”: recruiter and administrator, with SMS access.") % names)
        self.stdout.write("\n" + _("Next steps:"))
        if password is None:
            self.stdout.write("- " + _("Set a password: regisseur manage changepassword %(username)s") % names)
        self.stdout.write(
            "- " + _("Log in at %(url)s as %(username)s.") % {"url": f"{settings.BASE_URL}/login/", **names}
        )
        self.stdout.write("- " + _("Open the API: regisseur manage create_api_key %(username)s") % names)

    def _read_password(self, stdin: TextIO) -> str:
        # A terminal gets a prompt that does not echo; a pipe gives its first line.
        line = getpass.getpass(_("Password: ")) if stdin.isatty() else stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise CommandError(_("No password on stdin: give it as the first line."))
        return password
