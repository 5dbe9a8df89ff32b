"""Template helpers: day-first dates in the viewer's time zone, status badges, icons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from heroicons.templatetags.heroicons import heroicon_mini

from regisseur.accounts.roles import is_recruiter
from regisseur.core.timezones import InvalidTimeZone, get_zone

register = template.Library()


@register.filter
def when(value: datetime | None, zone_name: str | None = None) -> str:
    """dd-mm-yyyy HH:MM in `zone_name`, or in the viewer's active time zone."""
    if not value:
        return ""
    try:
        zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    except InvalidTimeZone:
        zone = timezone.get_current_timezone()
    return value.astimezone(zone).strftime("%d-%m-%Y %H:%M")


@register.filter
def day(value: datetime | None, zone_name: str | None = None) -> str:
    if not value:
        return ""
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return value.astimezone(zone).strftime("%d-%m-%Y")


@register.filter
def clock(value: datetime | None, zone_name: str | None = None) -> str:
    if not value:
        return ""
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return value.astimezone(zone).strftime("%H:%M")


@register.simple_tag
def today_iso() -> str:
    return timezone.localdate().isoformat()


@register.simple_tag
def badge(value: str, label: Any) -> str:
    """A status badge: colour by meaning, the word always shown (never colour alone)."""
    return format_html('<span class="badge badge-{}">{}</span>', value, label)


@register.filter
def other_zone(interview: Any) -> bool:
    """True when the interview's own zone differs from the viewer's."""
    current = timezone.get_current_timezone()
    return getattr(current, "key", str(current)) != interview.time_zone


@register.simple_tag
def icon(name: str, size: int = 18) -> str:
    """A Heroicons "mini" icon, decorative: the text beside it says what it means."""
    return heroicon_mini(name, size=size, **{"class": "icon", "aria-hidden": "true", "focusable": "false"})


@register.filter
def may_plan(user: Any) -> bool:
    """Whether the user works as a recruiter (plans, communicates, keeps the settings)."""
    return bool(getattr(user, "is_authenticated", False) and is_recruiter(user))
