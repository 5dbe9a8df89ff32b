"""`regisseur manage create_api_key <username>`: print a new API key, and only the key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.api.models import ApiKey


class Command(BaseCommand):
    help = "Create an API key for a user and print it (it is shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the key is for, e.g. the integration's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(_("No user called “%(name)s”.") % {"name": username}) from None
        if not user.is_active:
            raise CommandError(_("The user “%(name)s” is not active.") % {"name": username})
        _api_key, key = ApiKey.issue(user=user, name=options["name"][:100])
        # Only the key on stdout, so that scripts can capture it.
        self.stdout.write(key)
