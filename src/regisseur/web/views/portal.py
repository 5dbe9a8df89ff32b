"""Evaluation pages (seeds 001-003): portal."""

from __future__ import annotations

from django.urls import URLPattern

patterns: list[URLPattern] = []
