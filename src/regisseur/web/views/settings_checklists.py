"""Settings: the organisation's day-before and after-interview checklists, for its administrators (seed 000).

Lines are reordered (a position number, or the up and down buttons), relabelled, taken out of
use, and added; automatic lines stay automatic. Each checklist is saved by one action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regisseur.accounts.models import User
from regisseur.actions import monitoring as actions
from regisseur.core.errors import ServiceError
from regisseur.monitoring.checklist_settings import EditableLine, editable_lines, new_code
from regisseur.monitoring.checklists import can_edit_checklists
from regisseur.monitoring.models import Phase
from regisseur.web.forms.checklists import ChecklistLineFormSet, NewLineForm
from regisseur.web.views.common import _actor

TITLES: dict[str, Any] = {
    Phase.DAY_BEFORE: gettext_lazy("The day before: verification"),
    Phase.AFTER: gettext_lazy("After the interview: success checklist"),
}
MOVES = ("up", "down")


@dataclass
class PhaseForms:
    """One checklist's form on the page: its lines beside their form rows."""

    phase: str
    title: str
    rows: list[tuple[EditableLine | None, Any]]
    formset: Any
    new_line: NewLineForm
    errors: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.new_line.errors or any(form.errors for form in self.formset.forms))


def _require_administrator(request: HttpRequest) -> User:
    """The checklists belong to the organisation's administrators; to anybody else the page does not exist."""
    actor = _actor(request)
    if not can_edit_checklists(actor) or actor.organisation_id is None:
        raise Http404
    return actor


def _unbound(organisation_id: int, phase: str) -> PhaseForms:
    lines = editable_lines(organisation_id, phase)
    initial = [
        {"code": line.code, "position": index, "label": line.label, "active": line.is_active}
        for index, line in enumerate(lines, start=1)
    ]
    formset = ChecklistLineFormSet(prefix=phase, initial=initial)
    rows: list[tuple[EditableLine | None, Any]] = list(zip(lines, formset.forms, strict=True))
    return PhaseForms(phase, str(TITLES[phase]), rows, formset, NewLineForm(prefix=f"new-{phase}"))


def _page(request: HttpRequest, actor: User, bound: PhaseForms | None = None) -> HttpResponse:
    organisation_id = int(actor.organisation_id or 0)
    phases = [
        bound if bound is not None and bound.phase == phase else _unbound(organisation_id, phase)
        for phase in (Phase.DAY_BEFORE, Phase.AFTER)
    ]
    return render(request, "monitoring/settings_checklists.html", {"section": "settings", "phases": phases})


def _entries(forms: PhaseForms, lines: dict[str, EditableLine], move: str) -> list[tuple[str, str, bool]]:
    """The lines of valid forms in their new order, as the action takes them."""
    rows = []
    for index, form in enumerate(forms.formset.forms):
        data = form.cleaned_data
        line = lines[data["code"]]
        label = data["label"]
        # A line given another position goes before the one that held it (the page numbers lines from 1).
        moved = 0 if data["position"] != index + 1 else 1
        rows.append((data["position"], moved, index, (line.code, label, bool(data["active"]))))
    entries = [entry for *_order, entry in sorted(rows)]
    code, _separator, direction = move.partition(":")
    codes = [entry[0] for entry in entries]
    if direction in MOVES and code in codes:
        at = codes.index(code)
        to = at - 1 if direction == "up" else at + 1
        if 0 <= to < len(entries):
            entries[at], entries[to] = entries[to], entries[at]
    added = forms.new_line.cleaned_data["label"].strip()
    if added:
        entries.append((new_code(added, lines), added, True))
    return entries


@login_required
def checklist_settings(request: HttpRequest) -> HttpResponse:
    actor = _require_administrator(request)
    return _page(request, actor)


@login_required
@require_POST
def checklist_save(request: HttpRequest, phase: str) -> HttpResponse:
    actor = _require_administrator(request)
    if phase not in TITLES:
        raise Http404
    lines = {line.code: line for line in editable_lines(int(actor.organisation_id or 0), phase)}
    built_in = frozenset(line.code for line in lines.values() if line.is_built_in)
    formset = ChecklistLineFormSet(request.POST, prefix=phase, form_kwargs={"built_in": built_in})
    new_line = NewLineForm(request.POST, prefix=f"new-{phase}")
    valid = formset.is_valid() and new_line.is_valid()
    submitted = [form["code"].value() for form in formset.forms]
    if sorted(str(code) for code in submitted) != sorted(lines):
        # Another administrator changed the lines since this page was read (or the form was altered).
        messages.error(request, _("The checklist was changed meanwhile; here it is as it is now."))
        return redirect(reverse("settings:checklists") + f"#{phase}")
    forms = PhaseForms(
        phase,
        str(TITLES[phase]),
        [(lines.get(str(code)), form) for code, form in zip(submitted, formset.forms, strict=True)],
        formset,
        new_line,
    )
    if valid:
        entries = _entries(forms, lines, request.POST.get("move", ""))
        try:
            actions.save_checklist(actor=actor, phase=phase, entries=entries)
        except ServiceError as error:
            forms.errors.append(error.message)
        else:
            messages.success(request, _("Checklist saved."))
            return redirect(reverse("settings:checklists") + f"#{phase}")
    if formset.non_form_errors():
        forms.errors.extend(str(error) for error in formset.non_form_errors())
    return _page(request, actor, forms)
