"""The marker a list shows on an interview whose candidate asked something still open (A2)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from regisseur.interviews.models import Interview
from regisseur.responses.models import FollowUp, FollowUpKind


def _marker_words() -> dict[str, str]:
    return {
        FollowUpKind.SEND_QUESTIONS: _("Questions requested"),
        FollowUpKind.NEW_APPOINTMENT: _("New appointment"),
        FollowUpKind.CHANGE_MODE: _("Other mode preferred"),
        FollowUpKind.READ_MESSAGE: _("Message to answer"),
    }


def attach_follow_up_markers(interviews: Iterable[Interview]) -> None:
    """Set `follow_up_markers` (short words, in order) and `follow_up_marks` (kind, words) on each interview.

    One query for the whole list.
    """
    rows = list(interviews)
    kinds: dict[int, dict[str, None]] = {interview.pk: {} for interview in rows}
    open_follow_ups = (
        FollowUp.objects.filter(interview_id__in=list(kinds), done_at__isnull=True)
        .order_by("created_at", "id")
        .values_list("interview_id", "kind")
    )
    for interview_id, kind in open_follow_ups:
        kinds[interview_id][kind] = None
    words = _marker_words()
    for interview in rows:
        marks = [(str(kind), words[kind]) for kind in kinds[interview.pk] if kind in words]
        setattr(interview, "follow_up_markers", [word for _kind, word in marks])  # noqa: B010
        setattr(interview, "follow_up_marks", marks)  # noqa: B010  (kind and words, for the overview's signs)
