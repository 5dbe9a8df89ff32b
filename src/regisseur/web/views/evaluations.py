"""Evaluation pages (seeds 001-003): evaluations."""

from __future__ import annotations

from django.urls import URLPattern

patterns: list[URLPattern] = []
