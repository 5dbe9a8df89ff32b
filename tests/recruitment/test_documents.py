"""A candidate's CV and documents: uploaded by recruiters, checked by their content, read by the panel of
the candidate's interviews in the manager portal, always as a download, and by nobody else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from regisseur.recruitment.models import CandidateDocument
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(client: Client, candidate_pk: int, name: str, content: bytes, kind: str = "cv"):
    return client.post(
        reverse("recruitment:document_upload", args=[candidate_pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        follow=True,
    )


def test_a_recruiter_adds_a_cv_and_downloads_it_as_it_was(client: Client, alice, application) -> None:
    client.force_login(alice)
    candidate = application.candidate

    page = upload(client, candidate.pk, "Sanne Bakker CV.pdf", PDF).content.decode()
    document = CandidateDocument.objects.get(candidate=candidate)
    response = client.get(reverse("recruitment:document", args=[document.pk]))

    assert "Added: Sanne Bakker CV.pdf." in page and "Sanne Bakker CV.pdf" in page
    assert (document.kind, document.size, document.content_type) == ("cv", len(PDF), "application/pdf")
    assert "Sanne" not in document.file.name  # stored under a random name
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_file_that_is_not_what_its_name_says_is_refused(client: Client, alice, application) -> None:
    client.force_login(alice)

    fake = upload(client, application.candidate.pk, "cv.pdf", b"<html><script>alert(1)</script>").content.decode()
    page = upload(client, application.candidate.pk, "cv.exe", PDF).content.decode()
    empty = upload(client, application.candidate.pk, "cv.pdf", b"").content.decode()

    assert "The file is not a PDF file." in fake
    assert "Upload a PDF, Word (.docx, .doc), OpenDocument (.odt) or text file." in page
    assert "The file is empty." in empty or "Choose a file." in empty
    assert not CandidateDocument.objects.exists()


def test_a_document_over_ten_megabytes_is_refused(client: Client, alice, application) -> None:
    client.force_login(alice)

    page = upload(client, application.candidate.pk, "big.pdf", PDF + b"0" * (10 * 1024 * 1024)).content.decode()

    assert "A document may be at most 10 MB." in page
    assert not CandidateDocument.objects.exists()


def test_the_panel_reads_the_cv_in_the_portal_and_others_find_nothing(
    client: Client, alice, hank, mallory, manager, application, vacancy
) -> None:
    client.force_login(alice)
    upload(client, application.candidate.pk, "cv.pdf", PDF)
    document = CandidateDocument.objects.get()
    url = reverse("recruitment:document", args=[document.pk])

    client.force_login(hank)  # the hiring manager, before he attends an interview with her
    assert client.get(url).status_code == 404
    interview = make_interview(alice, application, kind="both")
    portal = client.get(reverse("portal:interview", args=[interview.pk])).content.decode()
    assert "cv.pdf" in portal and url in portal
    read = client.get(url)
    assert read.status_code == 200 and b"".join(read.streaming_content) == PDF
    assert client.post(reverse("recruitment:document_remove", args=[document.pk])).status_code == 403
    assert (
        client.post(
            reverse("recruitment:document_upload", args=[application.candidate.pk]),
            {"kind": "cv", "file": SimpleUploadedFile("x.pdf", PDF)},
        ).status_code
        == 403
    )

    client.force_login(mallory)  # another organisation
    assert client.get(url).status_code == 404


def test_a_removed_document_is_gone_with_its_file(
    client: Client, alice, application, django_capture_on_commit_callbacks
) -> None:
    client.force_login(alice)
    upload(client, application.candidate.pk, "letter.txt", b"Beste lezer,\\nmet vriendelijke groet", "letter")
    document = CandidateDocument.objects.get()
    stored = document.file.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("recruitment:document_remove", args=[document.pk]))

    assert not CandidateDocument.objects.exists()
    assert not __import__("os").path.exists(stored)
