# English users get the same day-first dates as Dutch ones (seed 003); only numbers differ.
from regisseur.config.formats.nl.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
