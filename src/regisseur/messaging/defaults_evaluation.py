"""Built-in texts for evaluation and aftercare (seeds 001, 002), in Dutch and English; see messaging.defaults."""

from __future__ import annotations

EVALUATION_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {}
