from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "regisseur.core"
    label = "core"
