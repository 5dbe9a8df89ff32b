"""Built-in texts for the monitoring playbooks (seed 000), in Dutch and English; see messaging.defaults."""

from __future__ import annotations

PLAYBOOKS_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {}
