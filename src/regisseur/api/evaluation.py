"""The JSON API for evaluation (API.md "Evaluation and the panel")."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["evaluation"])
