from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """The database cache's table (settings.CACHES) comes with `migrate`, so no setup step is forgotten.

    `createcachetable` does nothing when the table exists or the cache is not a database cache.
    (Django sends `post_migrate` only to apps with a models module: hence core/models.py.)
    """
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "regisseur.core"
    label = "core"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="regisseur.core.create_cache_table")
