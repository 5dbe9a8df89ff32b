"""The product's URLs, and the floor views under /bench/floor/ (only in bench/settings.py)."""

from django.urls import path

from bench import floor
from regisseur.config.urls import urlpatterns as product

urlpatterns = [
    path("bench/floor/nothing", floor.nothing),
    path("bench/floor/interviews/<int:pk>", floor.interview),
    path("bench/floor/interviews", floor.interviews),
    *product,
]
