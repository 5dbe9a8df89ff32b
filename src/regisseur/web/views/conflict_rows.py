"""The conflict table (P6) in words: which interview is in the way, and who or what is busy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from regisseur.core.errors import ConflictError
from regisseur.interviews.conflicts import CANDIDATE, INTERVIEWER, LOCATION, PARTICIPANT, Conflict
from regisseur.interviews.models import Interview


@dataclass
class ConflictRow:
    """One interview that is in the way (or, in a bulk plan, two new ones that clash), and what is busy."""

    interview: Interview | None
    who: str
    vacancy: str
    starts_at: datetime
    ends_at: datetime
    busy: list[str] = field(default_factory=list)
    is_new: bool = False


def _busy_text(conflict: Conflict) -> str:
    if conflict.interview is None:
        # Two of the new interviews need the same person or place at once.
        texts = {
            PARTICIPANT: _("colleague needed in both at once: %(name)s"),
            CANDIDATE: _("candidate in both at once: %(name)s"),
            LOCATION: _("location needed by both at once: %(name)s"),
            INTERVIEWER: _("interviewer needed in both at once: %(name)s"),
        }
        return texts[conflict.resource] % {"name": conflict.name}
    texts = {
        PARTICIPANT: _("colleague busy: %(name)s"),
        CANDIDATE: _("candidate already has an interview: %(name)s"),
        LOCATION: _("location taken: %(name)s"),
        INTERVIEWER: _("interviewer busy: %(name)s"),
    }
    text = texts[conflict.resource] % {"name": conflict.name}
    if conflict.planned_for:
        text += " " + _("(for the interview with %(candidate)s)") % {"candidate": conflict.planned_for}
    return text


def conflict_rows(error: ConflictError, vacancy: str = "") -> list[ConflictRow]:
    """One row per interview in the way, and one per pair of new interviews that clash (`vacancy`: theirs)."""
    rows: dict[Any, ConflictRow] = {}
    for conflict in error.details or []:
        other = conflict.interview
        if other is not None:
            key: Any = other.pk
            who = other.application.candidate.full_name if other.application else other.round_name
            row = ConflictRow(other, who, other.vacancy.title, conflict.starts_at, conflict.ends_at)
        else:
            key = ("new", conflict.planned_for, conflict.other_planned)
            who = _("New interviews with %(first)s and %(second)s") % {
                "first": conflict.planned_for,
                "second": conflict.other_planned,
            }
            row = ConflictRow(None, who, vacancy, conflict.starts_at, conflict.ends_at, is_new=True)
        rows.setdefault(key, row).busy.append(_busy_text(conflict))
    return list(rows.values())
