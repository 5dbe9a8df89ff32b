"""What an administrator edits of the organisation's checklists: every line, active or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify

from regisseur.monitoring.checklists import AUTOMATIC_CODES, DEFAULTS
from regisseur.monitoring.models import ChecklistItem

CODE_LENGTH = 40


@dataclass(frozen=True)
class EditableLine:
    code: str
    label: str  # as the checklist shows it: the typed label, else the built-in one in the reader's language
    is_built_in: bool
    is_automatic: bool
    is_active: bool


def editable_lines(organisation_id: int, phase: str) -> list[EditableLine]:
    """A phase's lines in order, the inactive ones included (the built-in ones when none were set)."""
    built_in = {item.code: item for item in DEFAULTS[phase]}
    rows = list(ChecklistItem.objects.filter(organisation_id=organisation_id, phase=phase).order_by("position", "id"))
    if not rows:
        return [EditableLine(item.code, str(item.label), True, item.automatic, True) for item in DEFAULTS[phase]]
    return [
        EditableLine(
            row.code,
            row.label or (str(built_in[row.code].label) if row.code in built_in else row.code),
            row.code in built_in,
            row.code in AUTOMATIC_CODES,
            row.is_active,
        )
        for row in rows
    ]


def new_code(label: str, taken: Iterable[str]) -> str:
    """A code for a new line ticked by hand: from its label, unique, never an automatic line's."""
    used = set(taken) | AUTOMATIC_CODES
    base = slugify(label)[: CODE_LENGTH - 4].strip("-") or "line"
    code, number = base, 1
    while code in used:
        number += 1
        code = f"{base}-{number}"
    return code
