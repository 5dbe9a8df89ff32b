"""Monitoring pages (seed 000): metrics."""

from __future__ import annotations

from django.urls import URLPattern

patterns: list[URLPattern] = []
