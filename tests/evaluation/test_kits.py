"""Interview kits (seed 001, E1): the editor per vacancy, copying, the library, the standard kit, the panel's view."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regisseur.actions import kits as actions
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.evaluation import kits
from regisseur.evaluation.models import Competency, Kit, KitQuestion
from regisseur.interviews.models import Guideline
from regisseur.recruitment.models import Vacancy
from tests.conftest import make_interview


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def build_kit(alice: Any, vacancy: Vacancy) -> Kit:
    actions.save_kit(
        actor=alice,
        vacancy=vacancy,
        structure=kits.KitInput(
            competencies=[
                kits.CompetencyInput(id=None, name="Vakmanschap", anchors={"1": "Kent het vak niet", "5": "Meester"}),
                kits.CompetencyInput(id=None, name="Samenwerken"),
            ]
        ),
    )
    craft, teamwork = Competency.objects.filter(kit__vacancy=vacancy).order_by("position")
    structure = kits.input_of(kits.read_kit(vacancy))
    structure.phases["experience"] = [
        kits.QuestionInput(id=None, text="Wat bak je het liefst?", competency_id=craft.pk)
    ]
    structure.phases["behavioural"] = [
        kits.QuestionInput(id=None, text="Vertel over een conflict.", competency_id=teamwork.pk),
        kits.QuestionInput(id=None, text="Wat doe je bij een storing?", competency_id=None),
    ]
    return actions.save_kit(actor=alice, vacancy=vacancy, structure=structure)


def test_the_kit_reads_as_the_seven_phases_in_seed_order(alice: Any, vacancy: Vacancy) -> None:
    view = kits.read_kit(vacancy)
    assert view.kit is None and view.is_empty and view.visibility == "after_own"
    assert [phase.code for phase in view.phases] == list(kits.PHASES)
    assert view.phases[-1].points == [
        "Tell the candidate about the next steps",
        "Timeline for feedback",
        "Thank the candidate",
    ]
    build_kit(alice, vacancy)
    view = kits.read_kit(vacancy)
    assert [q.text for q in view.phases[4].questions] == ["Vertel over een conflict.", "Wat doe je bij een storing?"]


def test_only_the_organisations_recruiters_write(hank: Any, mallory: Any, vacancy: Vacancy) -> None:
    for outsider in (hank, mallory):
        with pytest.raises(Forbidden):
            actions.save_kit(actor=outsider, vacancy=vacancy, structure=kits.KitInput())
    assert not Kit.objects.exists()


def test_copying_remaps_the_competency_links_and_replaces_the_target(
    alice: Any, vacancy: Vacancy, client_company: Any, acme: Any
) -> None:
    star = Guideline.objects.create(organisation=acme, title="STAR", body="Situatie, Taak, Actie, Resultaat")
    source = build_kit(alice, vacancy)
    source.guidelines.add(star)
    target_vacancy = Vacancy.objects.create(client=client_company, title="Kok")
    actions.save_kit(
        actor=alice,
        vacancy=target_vacancy,
        structure=kits.KitInput(phases={"opening": [kits.QuestionInput(id=None, text="Oud")]}, visibility="never"),
    )
    copy = actions.copy_kit(actor=alice, source=source, vacancy=target_vacancy)
    view = kits.read_kit(target_vacancy)
    assert [c.name for c in view.competencies] == ["Vakmanschap", "Samenwerken"]
    assert {c.pk for c in view.competencies}.isdisjoint(source.competencies.values_list("pk", flat=True))
    assert view.competencies[0].anchors["5"] == "Meester"
    (question,) = view.phases[2].questions
    assert question.competency is not None and question.competency.kit_id == copy.pk
    assert question.competency.name == "Vakmanschap"
    assert not KitQuestion.objects.filter(kit=copy, text="Oud").exists()
    assert view.guidelines == [star] and view.visibility == "after_own"


def test_a_library_kit_is_kept_and_copied_into_a_new_vacancy(alice: Any, vacancy: Vacancy, client_company: Any) -> None:
    library = actions.save_as_library(actor=alice, kit=build_kit(alice, vacancy), name="Productie")
    assert library.vacancy is None and library.questions.count() == 3
    with pytest.raises(ServiceError) as refused:
        actions.save_as_library(actor=alice, kit=library, name="productie")
    assert (refused.value.code, refused.value.field) == ("duplicate", "name")
    fresh = Vacancy.objects.create(client=client_company, title="Inpakker")
    actions.copy_kit(actor=alice, source=library, vacancy=fresh)
    assert kits.read_kit(fresh).question_count == 3


def test_the_standard_kit_speaks_the_vacancys_language(alice: Any, vacancy: Vacancy, client_company: Any) -> None:
    actions.start_standard_kit(actor=alice, vacancy=vacancy)  # Dutch by default
    view = kits.read_kit(vacancy)
    assert all(phase.questions for phase in view.phases)
    assert [c.name for c in view.competencies] == ["Communicatie", "Samenwerken", "Probleemoplossend vermogen"]
    english = Vacancy.objects.create(client=client_company, title="Baker", language="en")
    actions.start_standard_kit(actor=alice, vacancy=english)
    behavioural = kits.read_kit(english).phases[4].questions
    assert behavioural[0].competency is not None and behavioural[0].competency.name == "Problem solving"


def test_the_editor_adds_edits_reorders_and_removes_without_javascript(alice: Any, vacancy: Vacancy) -> None:
    client = signed_in(alice)
    page = client.get(f"/vacancies/{vacancy.pk}/kit/")
    assert page.status_code == 200 and "Start from the standard kit" in page.content.decode()
    client.post(f"/vacancies/{vacancy.pk}/kit/competencies/", {"name": "Vakmanschap", "anchor_3": "Zelfstandig"})
    craft = Competency.objects.get(kit__vacancy=vacancy)
    assert craft.anchors["3"] == "Zelfstandig"
    for text in ("Eerste", "Tweede"):
        client.post(
            f"/vacancies/{vacancy.pk}/kit/questions/", {"phase": "experience", "text": text, "competency": craft.pk}
        )
    first, second = KitQuestion.objects.filter(kit__vacancy=vacancy).order_by("position")
    client.post(f"/vacancies/{vacancy.pk}/kit/questions/{second.pk}/", {"operation": "up"})
    assert [q.text for q in kits.read_kit(vacancy).phases[2].questions] == ["Tweede", "Eerste"]
    client.post(
        f"/vacancies/{vacancy.pk}/kit/questions/{first.pk}/",
        {"operation": "save", "text": "Eerste, beter", "competency": "", "phase": "closing"},
    )
    first.refresh_from_db()
    assert (first.text, first.phase, first.competency_id) == ("Eerste, beter", "closing", None)
    client.post(f"/vacancies/{vacancy.pk}/kit/competencies/{craft.pk}/", {"operation": "remove"})
    second.refresh_from_db()
    assert second.competency_id is None and not Competency.objects.exists()
    client.post(f"/vacancies/{vacancy.pk}/kit/questions/{second.pk}/", {"operation": "remove"})
    assert list(KitQuestion.objects.values_list("text", flat=True)) == ["Eerste, beter"]


def test_the_editor_shows_a_refusal_at_the_item_and_keeps_what_was_typed(alice: Any, vacancy: Vacancy) -> None:
    client = signed_in(alice)
    page = client.post(f"/vacancies/{vacancy.pk}/kit/questions/", {"phase": "opening", "text": "x" * 1001})
    assert page.status_code == 422
    assert "Use at most 1000 characters." in page.content.decode()
    assert not KitQuestion.objects.exists()


def test_replacing_a_kit_with_content_asks_for_confirmation(alice: Any, vacancy: Vacancy) -> None:
    build_kit(alice, vacancy)
    client = signed_in(alice)
    refused = client.post(f"/vacancies/{vacancy.pk}/kit/standard/")
    assert refused.status_code == 422 and kits.read_kit(vacancy).question_count == 3
    client.post(f"/vacancies/{vacancy.pk}/kit/standard/", {"confirm": "1"})
    assert kits.read_kit(vacancy).question_count > 3


def test_the_panel_reads_the_kit_of_their_interview_and_it_prints(
    alice: Any, hank: Any, manager: Any, application: Any, vacancy: Vacancy, acme: Any
) -> None:
    build_kit(alice, vacancy)
    interview = make_interview(alice, application, kind="hiring_manager")
    interview.guidelines.add(Guideline.objects.create(organisation=acme, title="STAR", body="Situatie, Taak"))
    page = signed_in(hank).get(f"/interviews/{interview.pk}/kit/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/static/regisseur/kit-print.css" media="print"' in html
    assert "Vertel over een conflict." in html and "Meester" in html and "Situatie, Taak" in html
    assert "Introduce the interview panel" in html  # the phase's built-in note
    # Reading, not editing: the hiring manager's vacancy page shows the kit, and writes are refused.
    assert "Add question" not in signed_in(hank).get(f"/vacancies/{vacancy.pk}/kit/").content.decode()
    assert signed_in(hank).post(f"/vacancies/{vacancy.pk}/kit/standard/").status_code == 403


def test_others_kits_are_not_found(alice: Any, cora: Any, mallory: Any, application: Any, vacancy: Vacancy) -> None:
    interview = make_interview(alice, application)
    for outsider in (cora, mallory):
        assert signed_in(outsider).get(f"/interviews/{interview.pk}/kit/").status_code == 404
        assert signed_in(outsider).get(f"/vacancies/{vacancy.pk}/kit/").status_code == 404
    assert signed_in(mallory).post(f"/vacancies/{vacancy.pk}/kit/standard/").status_code == 404


def test_the_vacancy_and_interview_records_link_to_the_kit(alice: Any, application: Any, vacancy: Vacancy) -> None:
    interview = make_interview(alice, application)
    client = signed_in(alice)
    assert f"/vacancies/{vacancy.pk}/kit/" in client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert f"/interviews/{interview.pk}/kit/" in client.get(f"/interviews/{interview.pk}/").content.decode()


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_kit_pages_take_a_fixed_number_of_queries(
    alice: Any, hank: Any, manager: Any, application: Any, vacancy: Vacancy
) -> None:
    interview = make_interview(alice, application, kind="hiring_manager")
    actions.start_standard_kit(actor=alice, vacancy=vacancy)
    editor, panel = signed_in(alice), signed_in(hank)
    urls = ((editor, f"/vacancies/{vacancy.pk}/kit/"), (panel, f"/interviews/{interview.pk}/kit/"))
    before = [queries_of(client, url) for client, url in urls]
    structure = kits.input_of(kits.read_kit(vacancy))
    structure.competencies += [kits.CompetencyInput(id=None, name=f"Extra {n}") for n in range(3)]
    structure.phases["experience"] += [kits.QuestionInput(id=None, text=f"Vraag {n}") for n in range(10)]
    actions.save_kit(actor=alice, vacancy=vacancy, structure=structure)
    structure = kits.input_of(kits.read_kit(vacancy))
    for question in structure.phases["experience"]:
        question.competency_id = structure.competencies[-1].id
    actions.save_kit(actor=alice, vacancy=vacancy, structure=structure)
    assert [queries_of(client, url) for client, url in urls] == before
