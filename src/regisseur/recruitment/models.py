from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regisseur.accounts.models import Language, Organisation


class Client(models.Model):
    """A company that hires through the organisation (in-house teams have one: their own)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    client = models.ForeignKey(Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_hiring_manager = models.BooleanField(_("hiring manager"), default=False)
    wants_calendar_invites = models.BooleanField(_("wants calendar invitations"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact",
        help_text=_("When the contact also uses Regisseur (manager portal)."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Vacancy(models.Model):
    client = models.ForeignKey(Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(_("title"), max_length=200)
    hiring_manager = models.ForeignKey(
        Contact,
        verbose_name=_("hiring manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_vacancies",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    status = models.CharField(_("status"), max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def main_contact(self) -> Contact | None:
        """The client's main contact for changes (seed 000): the hiring manager, else the client's first contact."""
        if self.hiring_manager_id is not None:
            return self.hiring_manager
        return self.client.contacts.order_by("id").first()


class InterviewMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video")
    PHONE = "phone", _("Phone")


class Candidate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="candidates")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    mobile = models.CharField(
        _("mobile number"), max_length=20, blank=True, help_text=_("Stored in international format, e.g. +31612345678.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    preferred_mode = models.CharField(
        _("preferred interview mode"), max_length=16, choices=InterviewMode.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["last_name", "first_name"]
        indexes = [
            # Is this person already known? (the candidate form's duplicate warning, the import's
            # preview): by email in any case and by mobile number, within the organisation.
            models.Index(F("organisation"), Lower("email"), name="candidate_org_email"),
            models.Index(fields=["organisation", "mobile"], name="candidate_org_mobile"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ApplicationStage(models.TextChoices):
    """The workflow board's columns, in order."""

    NEW = "new", _("New")
    SCREENING = "screening", _("Screening")
    PLAN_INTERVIEW = "plan_interview", _("To plan interview")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")
    HIRED = "hired", _("Hired")


class Application(models.Model):
    """A candidate on a vacancy ("inschrijving")."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="applications"
    )
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="applications"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ApplicationStage.choices, default=ApplicationStage.NEW)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="one_application_per_vacancy"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.vacancy}"


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    LETTER = "letter", _("Motivation letter")
    OTHER = "other", _("Other document")


def document_path(_document: object, _filename: str) -> str:
    """A random name: the file's own name is kept in the row, never in the path."""
    return f"documents/{uuid.uuid4().hex}"


class CandidateDocument(models.Model):
    """A candidate's CV or other document, kept privately: served only after an access check."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.CV)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
