"""Settings for the server `make bench` starts: the product's own, plus the floor views (bench/floor.py).

Nothing here is used outside the benchmark.
"""

from regisseur.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
