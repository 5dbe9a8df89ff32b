"""Interview kits (seed 001, E1): read a vacancy's kit as its seven phases, validate and write a new one.

A kit is written whole: the competencies and the questions per phase as the recruiter wants them.
Items with the id of one of the kit's own keep that id; items without an id are new; the kit's
items left out are removed. Questions refer to the kit's existing competencies (or none), so a
new competency is saved first and linked after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.evaluation.models import Competency, Kit, KitQuestion, PhaseCode, Visibility
from regisseur.interviews.models import Guideline
from regisseur.recruitment.models import Vacancy

PHASES: tuple[str, ...] = tuple(PhaseCode.values)
ANCHOR_LEVELS: tuple[str, ...] = ("1", "2", "3", "4", "5")
MAX_NAME = 120
MAX_DESCRIPTION = 2000
MAX_ANCHOR = 500
MAX_QUESTION = 1000
MAX_NOTE = 2000
MAX_LIBRARY_NAME = 200
# Far beyond a real kit; keeps one request from writing thousands of rows.
MAX_COMPETENCIES = 30
MAX_QUESTIONS = 200
# Ids beyond the database's 64-bit integers exist nowhere.
MAX_ID = 2**63 - 1

# What seed 001 lists under each phase: the panel reads it with the phase unless the kit has its own note.
BUILT_IN_NOTES: dict[str, tuple[Promise, ...]] = {
    PhaseCode.PREPARATION: (
        gettext_lazy("Review the job description"),
        gettext_lazy("Identify the core competencies"),
        gettext_lazy("Put the interview panel together"),
        gettext_lazy("Go through the candidate's information"),
    ),
    PhaseCode.OPENING: (
        gettext_lazy("Introduce the interview panel"),
        gettext_lazy("Introduce the company and the role"),
        gettext_lazy("Explain the set-up and duration of the interview"),
    ),
    PhaseCode.EXPERIENCE: (
        gettext_lazy("Discuss current and previous jobs"),
        gettext_lazy("Reason for leaving"),
        gettext_lazy("Important projects and achievements"),
    ),
    PhaseCode.COMPETENCIES: (
        gettext_lazy("Assess technical skills"),
        gettext_lazy("Soft skills (communication, teamwork, problem solving)"),
        gettext_lazy("Examples of skills"),
    ),
    PhaseCode.BEHAVIOURAL: (
        gettext_lazy("Hypothetical questions"),
        gettext_lazy("Specific situations from the past"),
    ),
    PhaseCode.CANDIDATE_QUESTIONS: (gettext_lazy("Give the candidate the opportunity to ask questions"),),
    PhaseCode.CLOSING: (
        gettext_lazy("Tell the candidate about the next steps"),
        gettext_lazy("Timeline for feedback"),
        gettext_lazy("Thank the candidate"),
    ),
}


# ---------------------------------------------------------------- reading


@dataclass
class PhaseView:
    code: str
    title: str
    note: str
    # The built-in note as its points, when the kit has no note of its own.
    points: list[str]
    questions: list[KitQuestion]


@dataclass
class KitView:
    """A vacancy's kit as the panel reads it: empty (the seven phases, no questions) when there is none."""

    kit: Kit | None
    phases: list[PhaseView]
    competencies: list[Competency]
    guidelines: list[Guideline]
    visibility: str

    @property
    def is_empty(self) -> bool:
        return not self.competencies and not any(phase.questions for phase in self.phases)

    @property
    def question_count(self) -> int:
        return sum(len(phase.questions) for phase in self.phases)


def _kits_with_items() -> QuerySet[Kit]:
    return Kit.objects.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("position", "id")),
        Prefetch("questions", queryset=KitQuestion.objects.select_related("competency").order_by("position", "id")),
        Prefetch("guidelines", queryset=Guideline.objects.order_by("title", "id")),
    )


def kit_of(vacancy: Vacancy) -> Kit | None:
    return _kits_with_items().filter(vacancy=vacancy).first()


def view_of(kit: Kit | None) -> KitView:
    """The kit's seven phases in seed 001's order, with their questions, competencies and guidelines."""
    questions: list[KitQuestion] = list(kit.questions.all()) if kit else []
    notes: Mapping[str, Any] = (kit.phase_notes if kit and isinstance(kit.phase_notes, dict) else {}) or {}
    phases = []
    for code in PHASES:
        note = notes.get(code) if isinstance(notes.get(code), str) else ""
        phases.append(
            PhaseView(
                code=code,
                title=str(PhaseCode(code).label),
                note=note or "",
                points=[] if note else [str(point) for point in BUILT_IN_NOTES[code]],
                questions=[question for question in questions if question.phase == code],
            )
        )
    return KitView(
        kit=kit,
        phases=phases,
        competencies=list(kit.competencies.all()) if kit else [],
        guidelines=list(kit.guidelines.all()) if kit else [],
        visibility=kit.visibility if kit else Visibility.AFTER_OWN,
    )


def read_kit(vacancy: Vacancy) -> KitView:
    return view_of(kit_of(vacancy))


def anchors_of(competency: Competency) -> dict[str, str]:
    """All five levels, empty text for a level without an anchor."""
    anchors = competency.anchors if isinstance(competency.anchors, dict) else {}
    return {level: str(anchors.get(level) or "") for level in ANCHOR_LEVELS}


# ---------------------------------------------------------------- access


def check_kit_writer(actor: User, organisation_id: int | None) -> None:
    """Only the organisation's recruiters change kits."""
    if not is_recruiter(actor) or actor.organisation_id is None or actor.organisation_id != organisation_id:
        raise Forbidden(_("Only recruiters can change interview kits."))


def library_kits_for_user(user: Any) -> QuerySet[Kit]:
    if not is_recruiter(user) or user.organisation_id is None:
        return Kit.objects.none()
    return Kit.objects.filter(organisation_id=user.organisation_id, vacancy__isnull=True)


def get_library_kit_for_user(user: Any, pk: Any) -> Kit:
    try:
        return library_kits_for_user(user).get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, Kit.DoesNotExist):
        raise Http404 from None


def copy_sources_for_user(user: Any, *, exclude: Vacancy | None = None) -> QuerySet[Kit]:
    """Kits a recruiter can copy from: the library and the other vacancies' kits of the organisation."""
    if not is_recruiter(user) or user.organisation_id is None:
        return Kit.objects.none()
    queryset = Kit.objects.filter(organisation_id=user.organisation_id).filter(
        Q(vacancy__isnull=True) | Q(vacancy__client__organisation_id=user.organisation_id)
    )
    if exclude is not None:
        queryset = queryset.exclude(vacancy=exclude)
    return queryset.select_related("vacancy__client").order_by("vacancy", "name", "id")


def get_copy_source_for_user(user: Any, pk: Any) -> Kit:
    try:
        return _kits_with_items().filter(id__in=copy_sources_for_user(user).values("id")).get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, Kit.DoesNotExist):
        raise Http404 from None


# ---------------------------------------------------------------- the structure written


@dataclass
class CompetencyInput:
    id: int | None
    name: str
    anchors: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""


@dataclass
class QuestionInput:
    id: int | None
    text: str
    competency_id: int | None = None


@dataclass
class KitInput:
    """A whole kit as written: questions per phase code, competencies, guideline ids, visibility."""

    phases: dict[str, list[QuestionInput]] = field(default_factory=dict)
    competencies: list[CompetencyInput] = field(default_factory=list)
    guideline_ids: list[int] = field(default_factory=list)
    visibility: str = Visibility.AFTER_OWN
    phase_notes: dict[str, str] | None = None


def input_of(view: KitView) -> KitInput:
    """The kit as it is, in the shape written: change it and write it back."""
    return KitInput(
        phases={
            phase.code: [
                QuestionInput(id=question.pk, text=question.text, competency_id=question.competency_id)
                for question in phase.questions
            ]
            for phase in view.phases
        },
        competencies=[
            CompetencyInput(
                id=competency.pk,
                name=competency.name,
                anchors=anchors_of(competency),
                description=competency.description,
            )
            for competency in view.competencies
        ],
        guideline_ids=[guideline.pk for guideline in view.guidelines],
        visibility=view.visibility,
        phase_notes=None,
    )


def _text(value: Any, *, field: str, limit: int, required: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        raise ServiceError("invalid", _("Enter text."), field=field)
    if required and not text:
        raise ServiceError("required", _("This field is required."), field=field)
    if len(text) > limit:
        raise ServiceError(
            "too_long", _("Use at most %(limit)d characters.") % {"limit": limit}, field=field, details=limit
        )
    return text


def _anchors(value: Mapping[str, Any], *, field: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ServiceError("invalid", _("Give the anchors per level 1 to 5."), field=field)
    anchors: dict[str, str] = {}
    for level, text in value.items():
        if level not in ANCHOR_LEVELS:
            raise ServiceError("invalid", _("Anchors are given for the levels 1 to 5 only."), field=f"{field}.{level}")
        anchors[level] = _text(text, field=f"{field}.{level}", limit=MAX_ANCHOR, required=False)
    return {level: anchors.get(level, "") for level in ANCHOR_LEVELS}


def _existing_id(pk: int | None, known: Iterable[int], *, field: str) -> int | None:
    if pk is None:
        return None
    if not isinstance(pk, int) or pk not in set(known):
        raise ServiceError("not_found", _("This item is not part of the kit."), field=field)
    return pk


@dataclass
class _Clean:
    competencies: list[CompetencyInput]
    questions: list[tuple[str, QuestionInput]]
    guidelines: list[Guideline]
    visibility: str
    phase_notes: dict[str, str] | None


def clean_kit(*, kit: Kit | None, organisation_id: int, structure: KitInput) -> _Clean:
    """Validate a whole kit against the kit it replaces; a ServiceError names the field at fault."""
    own_competencies = set(kit.competencies.values_list("id", flat=True)) if kit else set()
    own_questions = set(kit.questions.values_list("id", flat=True)) if kit else set()
    if structure.visibility not in Visibility.values:
        raise ServiceError("invalid", _("Choose one of the offered options."), field="visibility")
    if len(structure.competencies) > MAX_COMPETENCIES:
        raise ServiceError(
            "too_long", _("A kit holds at most %(n)d competencies.") % {"n": MAX_COMPETENCIES}, field="competencies"
        )
    competencies: list[CompetencyInput] = []
    seen: set[int] = set()
    for index, item in enumerate(structure.competencies):
        prefix = f"competencies.{index}"
        pk = _existing_id(item.id, own_competencies, field=f"{prefix}.id")
        if pk is not None and pk in seen:
            raise ServiceError("invalid", _("This item appears twice."), field=f"{prefix}.id")
        if pk is not None:
            seen.add(pk)
        competencies.append(
            CompetencyInput(
                id=pk,
                name=_text(item.name, field=f"{prefix}.name", limit=MAX_NAME, required=True),
                anchors=_anchors(item.anchors, field=f"{prefix}.anchors"),
                description=_text(
                    item.description, field=f"{prefix}.description", limit=MAX_DESCRIPTION, required=False
                ),
            )
        )
    kept_competencies = seen
    questions: list[tuple[str, QuestionInput]] = []
    seen = set()
    for code, items in structure.phases.items():
        if code not in PHASES:
            raise ServiceError("invalid", _("This is not a phase of the interview."), field="phases.code")
        for index, entry in enumerate(items):
            prefix = f"phases.{code}.questions.{index}"
            pk = _existing_id(entry.id, own_questions, field=f"{prefix}.id")
            if pk is not None and pk in seen:
                raise ServiceError("invalid", _("This item appears twice."), field=f"{prefix}.id")
            if pk is not None:
                seen.add(pk)
            competency_id = entry.competency_id
            if competency_id is not None and competency_id not in kept_competencies:
                raise ServiceError(
                    "not_found",
                    _("Link the question to one of the kit's competencies."),
                    field=f"{prefix}.competency_id",
                )
            text = _text(entry.text, field=f"{prefix}.text", limit=MAX_QUESTION, required=True)
            questions.append((code, QuestionInput(id=pk, text=text, competency_id=competency_id)))
    if len(questions) > MAX_QUESTIONS:
        raise ServiceError("too_long", _("A kit holds at most %(n)d questions.") % {"n": MAX_QUESTIONS}, field="phases")
    ids = list(dict.fromkeys(structure.guideline_ids))
    if any(not isinstance(pk, int) or not 1 <= pk <= MAX_ID for pk in ids):
        raise ServiceError("not_found", _("This guideline does not exist."), field="guideline_ids")
    guidelines = list(Guideline.objects.filter(organisation_id=organisation_id, id__in=ids))
    if len(guidelines) != len(ids):
        raise ServiceError("not_found", _("This guideline does not exist."), field="guideline_ids")
    notes = None
    if structure.phase_notes is not None:
        notes = {}
        for code, note in structure.phase_notes.items():
            if code not in PHASES:
                raise ServiceError("invalid", _("This is not a phase of the interview."), field="phase_notes")
            text = _text(note, field=f"phase_notes.{code}", limit=MAX_NOTE, required=False)
            if text:
                notes[code] = text
    return _Clean(competencies, questions, guidelines, structure.visibility, notes)


def write_kit(*, actor: User, kit: Kit, clean: _Clean) -> Kit:
    """Replace the kit's items by the validated structure: ids kept, new ones created, the rest removed."""
    by_id = {competency.pk: competency for competency in kit.competencies.all()}
    kept: list[int] = []
    for position, item in enumerate(clean.competencies):
        competency = by_id.get(item.id) if item.id is not None else None
        if competency is None:
            competency = Competency(kit=kit)
        competency.name = item.name
        competency.description = item.description
        competency.anchors = dict(item.anchors)
        competency.position = position
        competency.save()
        kept.append(competency.pk)
    questions = {question.pk: question for question in kit.questions.all()}
    kept_questions: list[int] = []
    positions: dict[str, int] = {}
    for code, entry in clean.questions:
        question = questions.get(entry.id) if entry.id is not None else None
        if question is None:
            question = KitQuestion(kit=kit)
        question.phase = code
        question.text = entry.text
        question.competency_id = entry.competency_id
        question.position = positions.get(code, 0)
        positions[code] = question.position + 1
        question.save()
        kept_questions.append(question.pk)
    kit.questions.exclude(pk__in=kept_questions).delete()
    kit.competencies.exclude(pk__in=kept).delete()
    kit.guidelines.set(clean.guidelines)
    kit.visibility = clean.visibility
    fields = ["visibility", "updated_by", "updated_at"]
    if clean.phase_notes is not None:
        kit.phase_notes = clean.phase_notes
        fields.append("phase_notes")
    kit.updated_by = actor
    kit.save(update_fields=fields)
    return kit


def copy_items(*, actor: User, source: Kit, target: Kit) -> Kit:
    """Give `target` a copy of `source`'s items: its own competencies, with the questions' links remapped."""
    target.questions.all().delete()
    target.competencies.all().delete()
    mapping: dict[int, Competency] = {}
    for competency in source.competencies.all():
        mapping[competency.pk] = Competency.objects.create(
            kit=target,
            name=competency.name,
            description=competency.description,
            anchors=dict(competency.anchors) if isinstance(competency.anchors, dict) else {},
            position=competency.position,
        )
    KitQuestion.objects.bulk_create(
        KitQuestion(
            kit=target,
            phase=question.phase,
            text=question.text,
            competency=mapping.get(question.competency_id) if question.competency_id else None,
            position=question.position,
        )
        for question in source.questions.all()
    )
    target.guidelines.set(list(source.guidelines.all()))
    target.visibility = source.visibility
    target.phase_notes = dict(source.phase_notes) if isinstance(source.phase_notes, dict) else {}
    target.updated_by = actor
    target.save(update_fields=["visibility", "phase_notes", "updated_by", "updated_at"])
    return target


# ---------------------------------------------------------------- the standard kit


# A start so nobody begins empty: a few questions per phase after seed 001, and three competencies.
STANDARD_COMPETENCIES: tuple[tuple[Promise, tuple[Promise, ...]], ...] = (
    (
        gettext_lazy("Communication"),
        (
            gettext_lazy("Hard to follow; does not answer the question asked."),
            gettext_lazy("Answers, but vague and without examples."),
            gettext_lazy("Clear and to the point, with a relevant example."),
            gettext_lazy("Clear, structured and adapted to the listener; convincing examples."),
            gettext_lazy("Explains complex matters simply and checks understanding; an example to others."),
        ),
    ),
    (
        gettext_lazy("Teamwork"),
        (
            gettext_lazy("Talks only about own work; no eye for others."),
            gettext_lazy("Works with others when asked to."),
            gettext_lazy("Shares information and helps colleagues of own accord."),
            gettext_lazy("Brings people together and resolves friction in the team."),
            gettext_lazy("Makes the whole team better; others seek this person out."),
        ),
    ),
    (
        gettext_lazy("Problem solving"),
        (
            gettext_lazy("Names no approach; waits for others."),
            gettext_lazy("Solves simple problems with help."),
            gettext_lazy("Analyses the problem and chooses a sound solution."),
            gettext_lazy("Weighs alternatives and explains the choice; learns from the result."),
            gettext_lazy("Prevents problems and improves the way of working structurally."),
        ),
    ),
)

# Per phase: (question, index of the standard competency it tests or None).
STANDARD_QUESTIONS: dict[str, tuple[tuple[Promise, int | None], ...]] = {
    PhaseCode.PREPARATION: (
        (gettext_lazy("Which core competencies does this role ask for, and who on the panel assesses which?"), None),
        (gettext_lazy("What in the CV and motivation letter do we want to ask about?"), None),
    ),
    PhaseCode.OPENING: (
        (gettext_lazy("Welcome the candidate and introduce the panel members and their roles."), None),
        (gettext_lazy("Tell about the company and the role in a few sentences."), None),
        (gettext_lazy("Explain how the interview goes and how long it takes."), None),
    ),
    PhaseCode.EXPERIENCE: (
        (gettext_lazy("Tell us about your current job: what are your main tasks?"), None),
        (gettext_lazy("Why do you want to leave your current job?"), None),
        (gettext_lazy("Which project are you most proud of, and what was your part in it?"), None),
    ),
    PhaseCode.COMPETENCIES: (
        (gettext_lazy("Which technical skills from the job description do you master best? Give an example."), None),
        (gettext_lazy("How do you make sure a complex message comes across to someone outside your field?"), 0),
        (gettext_lazy("How do you work together with colleagues who work differently from you?"), 1),
    ),
    PhaseCode.BEHAVIOURAL: (
        (
            gettext_lazy(
                "Tell us about a time you solved a difficult problem at work. What was the situation, what did you"
                " do and what was the result?"
            ),
            2,
        ),
        (gettext_lazy("Describe a conflict in a team you were part of. What was your role?"), 1),
        (gettext_lazy("Suppose a deadline turns out to be unfeasible two days before. What do you do?"), 2),
    ),
    PhaseCode.CANDIDATE_QUESTIONS: ((gettext_lazy("What would you like to know about the role or about us?"), None),),
    PhaseCode.CLOSING: (
        (gettext_lazy("Explain the next steps in the procedure."), None),
        (gettext_lazy("Say when the candidate will hear from us."), None),
        (gettext_lazy("Thank the candidate for their time."), None),
    ),
}


def fill_standard(*, actor: User, kit: Kit, language: str) -> Kit:
    """Give the kit the standard competencies and questions, in `language` (the vacancy's)."""
    kit.questions.all().delete()
    kit.competencies.all().delete()
    with translation.override(language):
        competencies = [
            Competency.objects.create(
                kit=kit,
                name=str(name),
                anchors={level: str(text) for level, text in zip(ANCHOR_LEVELS, anchors, strict=True)},
                position=position,
            )
            for position, (name, anchors) in enumerate(STANDARD_COMPETENCIES)
        ]
        KitQuestion.objects.bulk_create(
            KitQuestion(
                kit=kit,
                phase=code,
                text=str(text),
                competency=competencies[index] if index is not None else None,
                position=position,
            )
            for code, questions in STANDARD_QUESTIONS.items()
            for position, (text, index) in enumerate(questions)
        )
    kit.updated_by = actor
    kit.save(update_fields=["updated_by", "updated_at"])
    return kit


def clean_name(name: str) -> str:
    """A library kit's name: required, at most 200 characters."""
    return _text(name, field="name", limit=MAX_LIBRARY_NAME, required=True)


def phases_in_order(structure: Mapping[str, Sequence[QuestionInput]]) -> dict[str, list[QuestionInput]]:
    """The phases of a structure in seed 001's order (codes not given: no questions)."""
    return {code: list(structure.get(code, ())) for code in PHASES}
