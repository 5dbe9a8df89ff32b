from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """Django's admin for every domain's models; it has no models of its own."""

    name = "regisseur.backoffice"
    label = "backoffice"
