"""The JSON API for monitoring (API.md "Monitoring the interview day"): metrics."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["monitoring"])
