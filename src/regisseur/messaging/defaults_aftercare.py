"""Built-in texts for the monitoring aftercare (seed 000), in Dutch and English; see messaging.defaults."""

from __future__ import annotations

AFTERCARE_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {}
