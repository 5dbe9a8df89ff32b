"""Who attends an interview, each person once, and how a message names them.

One person can reach an interview by several roads: as a participating user, as the
hiring manager's contact (linked to that user), as a committee member, and typed by
hand in the free-text interviewer field ("Sanne Visser en Marieke Jansen"). Messages
and calendar events must name them once, so every road is merged here: the same user,
the same email address (case-insensitive) or the same name (case- and
whitespace-insensitive) is the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.accounts.models import User
from regisseur.interviews.models import Interview, InterviewKind, InterviewStatus, InterviewType
from regisseur.recruitment.models import Candidate

# Roles, from the one that names a person best to the weakest; a person keeps the best role found.
HIRING_MANAGER = "hiring_manager"
COMMITTEE = "committee"
RECRUITER = "recruiter"
COLLEAGUE = "colleague"
INTERVIEWER = "interviewer"
_ROLE_RANK = {HIRING_MANAGER: 0, COMMITTEE: 1, RECRUITER: 2, COLLEAGUE: 3, INTERVIEWER: 4}
# "Sanne Visser en Marieke Jansen", "Jan, Piet & Klaas": one typed field, several people.
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\+|/|\ben\b|\band\b)\s*", re.IGNORECASE)


def same_name(name: str) -> str:
    """A name as compared: case and spacing do not make another person."""
    return " ".join(name.split()).casefold()


@dataclass
class Attendee:
    name: str
    role: str
    email: str = ""
    user: User | None = None
    keys: set[str] = field(default_factory=set)

    @property
    def is_host(self) -> bool:
        """Holds the interview on the recruiter's side (or is the hiring manager who does)."""
        return self.role in (RECRUITER, COLLEAGUE, INTERVIEWER, HIRING_MANAGER)


def _keys(name: str, email: str, user: User | None) -> set[str]:
    keys = {f"name:{same_name(name)}"} if name.strip() else set()
    if email:
        keys.add(f"email:{email.strip().casefold()}")
    if user is not None:
        keys.add(f"user:{user.pk}")
    return keys


class _People:
    """An ordered list of attendees in which adding a known person merges instead of repeating."""

    def __init__(self) -> None:
        self.items: list[Attendee] = []

    def add(self, name: str, role: str, *, email: str = "", user: User | None = None, first: bool = False) -> None:
        name = " ".join(name.split())
        keys = _keys(name, email, user)
        if not keys:
            return
        for known in self.items:
            if known.keys & keys:
                known.keys |= keys
                if _ROLE_RANK[role] < _ROLE_RANK[known.role]:
                    known.role = role
                known.email = known.email or email
                known.user = known.user or user
                return
        attendee = Attendee(name=name, role=role, email=email, user=user, keys=keys)
        self.items.insert(0 if first else len(self.items), attendee)


def typed_names(text: str) -> list[str]:
    """The people in the free-text interviewer field."""
    return [name for name in _NAME_SEPARATORS.split(text or "") if name.strip()]


def attendees_of(interview: Interview, *, recruiter: User | None = None) -> list[Attendee]:
    """Everyone the candidate meets, each once: the recruiter's side, the hiring manager, the committee.

    The kind says who holds the interview. With the recruiter (or both) and nobody named,
    the recruiter who planned it holds it; with the hiring manager (or both), the vacancy's
    hiring manager attends. Colleagues and committee members attend whatever the kind.
    """
    planner = interview.created_by or recruiter
    people = _People()
    for name in typed_names(interview.interviewer):
        people.add(name, INTERVIEWER)
    for user in interview.participants.all():
        role = RECRUITER if planner is not None and user.pk == planner.pk else COLLEAGUE
        people.add(str(user), role, email=user.email, user=user)
    manager = interview.vacancy.hiring_manager
    if manager is not None and interview.kind in (InterviewKind.HIRING_MANAGER, InterviewKind.BOTH):
        people.add(manager.name, HIRING_MANAGER, email=manager.email, user=manager.user)
    for member in interview.committee_members.all():
        people.add(member.name, COMMITTEE, email=member.email, user=member.user)
    recruiter_side = any(item.role in (RECRUITER, COLLEAGUE, INTERVIEWER) for item in people.items)
    if interview.kind in (InterviewKind.RECRUITER, InterviewKind.BOTH) and not recruiter_side and planner:
        # Nobody named on the recruiter's side: the recruiter who planned it holds the interview.
        people.add(str(planner), RECRUITER, email=planner.email, user=planner, first=True)
    return people.items


def joined(names: list[str]) -> str:
    """ "A, B and C" in the active language ("A, B en C")."""
    return str(get_text_list(names, _("and")))


def described(attendee: Attendee) -> str:
    """A name with the role a candidate needs to know (call with the reader's language active)."""
    if attendee.role == HIRING_MANAGER:
        return _("%(name)s (hiring manager)") % {"name": attendee.name}
    if attendee.role == COMMITTEE:
        return _("%(name)s (selection committee)") % {"name": attendee.name}
    if attendee.role == RECRUITER:
        return _("%(name)s (recruiter)") % {"name": attendee.name}
    return attendee.name


def attendees_text(attendees: list[Attendee], language: str) -> str:
    """Everyone attending, each once, with their role, joined in `language`."""
    with translation.override(language):
        return joined([described(attendee) for attendee in attendees])


def hosts_text(attendees: list[Attendee], language: str) -> str:
    """Who holds the interview (the {interviewer} placeholder): everyone but the committee."""
    with translation.override(language):
        return joined([attendee.name for attendee in attendees if attendee.is_host])


# --- Group interviews --------------------------------------------------------------------------


def group_candidates(interview: Interview) -> list[Candidate]:
    """The candidates of the group interview this interview belongs to (just its own when not a group).

    A planned interview counts the members still planned; a cancelled member of a group that
    goes on speaks of its own candidate only, and a group cancelled as a whole of all of them.
    """
    own = [interview.application.candidate] if interview.application is not None else []
    if interview.group_id is None:
        return own
    members = list(
        Interview.objects.filter(group_id=interview.group_id).select_related("application__candidate").order_by("pk")
    )
    active = [member for member in members if member.status != InterviewStatus.CANCELLED]
    if interview.status == InterviewStatus.CANCELLED and active:
        return own
    chosen = active if interview.status != InterviewStatus.CANCELLED else members
    return [member.application.candidate for member in chosen if member.application is not None]


def type_text(interview: Interview, *, group_size: int, language: str) -> str:
    """The interview's type in words; a group interview says how many candidates take part."""
    with translation.override(language):
        label = str(InterviewType(interview.type).label)
        if interview.group_id is None or group_size < 2:
            return label
        group = ngettext(
            "group interview with %(count)d candidate", "group interview with %(count)d candidates", group_size
        ) % {"count": group_size}
        if interview.type == InterviewType.GROUP:
            return group[:1].upper() + group[1:]
        return f"{label}, {group}"
