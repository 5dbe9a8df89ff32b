from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loader (`load_demo`): an interface that fills an empty database; no models of its own."""

    name = "regisseur.demo"
    label = "demo"
