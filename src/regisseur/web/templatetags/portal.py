"""Links to pages that may not exist in every build (the kit and the scorecard pages)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """The address of the page `name`, or "" when no such page is installed, so the link is left out."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
