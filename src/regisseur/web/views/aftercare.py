"""Monitoring pages (seed 000): aftercare."""

from __future__ import annotations

from django.urls import URLPattern

patterns: list[URLPattern] = []
