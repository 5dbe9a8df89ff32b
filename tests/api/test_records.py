"""Clients, contacts, vacancies, candidates and applications through the API."""

import pytest

from regisseur.recruitment.models import Application, Candidate, Client, Contact, Vacancy
from tests.conftest import make_application, make_candidate


def test_a_recruiter_creates_a_client(as_alice, acme):
    answer = as_alice.post("/clients", {"name": "Bakkerij Jansen"})
    assert answer.status == 201
    assert answer.body == {"id": answer.body["id"], "name": "Bakkerij Jansen"}
    assert Client.objects.get(pk=answer.body["id"]).organisation == acme


def test_a_client_needs_a_name(as_alice):
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": None}, {"name": 12}):
        answer = as_alice.post("/clients", body)
        assert answer.status == 422, body
        assert answer.error["field"] == "name"
    assert not Client.objects.exists()


def test_an_overlong_client_name_is_refused(as_alice):
    answer = as_alice.post("/clients", {"name": "x" * 201})
    assert answer.status == 422
    assert answer.error == {"code": "too_long", "message": answer.error["message"], "field": "name"}
    assert not Client.objects.exists()


def test_a_recruiter_adds_a_contact_with_a_normalised_phone(as_alice, client_company):
    answer = as_alice.post(
        "/contacts",
        {
            "client_id": client_company.pk,
            "name": "Hannie Hoofd",
            "email": "hannie@jansen.test",
            "phone": "06 12345678",
            "is_hiring_manager": True,
            "wants_calendar_invites": False,
        },
    )
    assert answer.status == 201
    assert answer.body == {
        "id": answer.body["id"],
        "client_id": client_company.pk,
        "name": "Hannie Hoofd",
        "email": "hannie@jansen.test",
        "phone": "+31612345678",
        "is_hiring_manager": True,
        "wants_calendar_invites": False,
    }


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"name": "X", "email": "not-an-email"}, "email", "invalid_email"),
        ({"name": "X", "email": "x@example.test", "phone": "12"}, "phone", "invalid_phone"),
        ({"email": "x@example.test"}, "name", "validation_error"),
    ],
)
def test_an_invalid_contact_is_refused(as_alice, client_company, body, field, code):
    answer = as_alice.post("/contacts", {"client_id": client_company.pk, **body})
    assert answer.status == 422
    assert (answer.error["code"], answer.error["field"]) == (code, field)
    assert not Contact.objects.exists()


def test_a_contact_for_another_organisations_client_is_not_found(as_mallory, client_company):
    answer = as_mallory.post("/contacts", {"client_id": client_company.pk, "name": "X", "email": "x@example.test"})
    assert answer.status == 404
    assert answer.error["code"] == "not_found"
    assert answer.error["field"] == "client_id"
    assert not Contact.objects.exists()


def test_a_recruiter_opens_a_vacancy(as_alice, client_company, hank):
    manager = Contact.objects.get(user=hank)
    answer = as_alice.post(
        "/vacancies",
        {"title": "Bakker", "client_id": client_company.pk, "hiring_manager_id": manager.pk, "language": "en"},
    )
    assert answer.status == 201
    assert answer.body == {
        "id": answer.body["id"],
        "client_id": client_company.pk,
        "title": "Bakker",
        "hiring_manager_id": manager.pk,
        "language": "en",
        "status": "draft",
    }


def test_a_vacancy_defaults_to_dutch(as_alice, client_company):
    answer = as_alice.post("/vacancies", {"title": "Bakker", "client_id": client_company.pk, "status": "published"})
    assert (answer.body["language"], answer.body["status"]) == ("nl", "published")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"language": "de"}, "language"),
        ({"status": "open"}, "status"),
        ({"hiring_manager_id": 2**64}, "hiring_manager_id"),
    ],
)
def test_an_invalid_vacancy_is_refused(as_alice, client_company, extra, field):
    answer = as_alice.post("/vacancies", {"title": "Bakker", "client_id": client_company.pk, **extra})
    assert answer.status in {404, 422}
    assert answer.error["field"] == field
    assert not Vacancy.objects.exists()


def test_a_recruiter_registers_a_candidate_with_a_normalised_mobile(as_alice, acme):
    answer = as_alice.post(
        "/candidates",
        {
            "first_name": "Sanne",
            "last_name": "Bakker",
            "email": "sanne@example.test",
            "mobile": "06-12 34 56 78",
            "language": "en",
            "preferred_mode": "video",
        },
    )
    assert answer.status == 201
    assert answer.body == {
        "id": answer.body["id"],
        "first_name": "Sanne",
        "last_name": "Bakker",
        "email": "sanne@example.test",
        "mobile": "+31612345678",
        "language": "en",
        "preferred_mode": "video",
    }
    assert Candidate.objects.get().organisation == acme


def test_a_candidate_without_optional_fields(as_alice):
    answer = as_alice.post("/candidates", {"first_name": "Zoë", "last_name": "Ünal-李", "email": "zoe@example.test"})
    assert answer.status == 201
    assert (answer.body["last_name"], answer.body["mobile"], answer.body["preferred_mode"]) == ("Ünal-李", "", "")


@pytest.mark.parametrize("mobile", ["12", "not a number", "+31 20 1234567", "0" * 40])
def test_an_invalid_mobile_is_refused(as_alice, mobile):
    answer = as_alice.post(
        "/candidates", {"first_name": "Sanne", "last_name": "Bakker", "email": "s@example.test", "mobile": mobile}
    )
    assert answer.status == 422
    assert (answer.error["code"], answer.error["field"]) == ("invalid_phone", "mobile")
    assert not Candidate.objects.exists()


@pytest.mark.parametrize("missing", ["first_name", "last_name", "email"])
def test_a_candidate_needs_the_required_fields(as_alice, missing):
    body = {"first_name": "Sanne", "last_name": "Bakker", "email": "s@example.test"}
    del body[missing]
    answer = as_alice.post("/candidates", body)
    assert answer.status == 422
    assert answer.error["field"] == missing
    assert not Candidate.objects.exists()


def test_a_recruiter_puts_a_candidate_on_a_vacancy(as_alice, vacancy, acme):
    candidate = make_candidate(acme)
    answer = as_alice.post("/applications", {"candidate_id": candidate.pk, "vacancy_id": vacancy.pk})
    assert answer.status == 201
    assert answer.body == {
        "id": answer.body["id"],
        "candidate_id": candidate.pk,
        "vacancy_id": vacancy.pk,
        "status": "active",
        "stage": "new",
    }
    assert as_alice.get(f"/applications/{answer.body['id']}").body == answer.body


def test_a_candidate_applies_once_per_vacancy(as_alice, application):
    answer = as_alice.post(
        "/applications", {"candidate_id": application.candidate_id, "vacancy_id": application.vacancy_id}
    )
    assert answer.status == 422
    assert answer.error["code"] == "already_applied"
    assert Application.objects.count() == 1


def test_another_organisations_candidate_or_vacancy_is_not_found(as_mallory, application, rival):
    own_candidate = make_candidate(rival)
    answer = as_mallory.post("/applications", {"candidate_id": own_candidate.pk, "vacancy_id": application.vacancy_id})
    assert (answer.status, answer.error["field"]) == (404, "vacancy_id")
    answer = as_mallory.post("/applications", {"candidate_id": application.candidate_id, "vacancy_id": 1})
    assert (answer.status, answer.error["field"]) == (404, "candidate_id")
    assert Application.objects.count() == 1


@pytest.mark.parametrize("path", ["/applications", "/clients", "/vacancies", "/candidates", "/contacts"])
def test_another_organisations_records_are_not_listed(as_mallory, application, path):
    answer = as_mallory.get(path)
    assert answer.status == 200
    assert answer.body == {"items": [], "count": 0}


@pytest.mark.parametrize(
    "path", ["/applications/{application}", "/vacancies/{vacancy}", "/candidates/{candidate}", "/clients/{client}"]
)
def test_another_organisations_records_are_not_found(as_mallory, application, path):
    url = path.format(
        application=application.pk,
        vacancy=application.vacancy_id,
        candidate=application.candidate_id,
        client=application.vacancy.client_id,
    )
    answer = as_mallory.get(url)
    assert answer.status == 404
    assert answer.error["code"] == "not_found"


@pytest.mark.parametrize("pk", ["0", "-1", str(2**63), str(2**64 + 5), "99999999999999999999999999"])
def test_ids_out_of_range_are_not_found(as_alice, application, pk):
    for path in ("applications", "vacancies", "candidates", "clients", "contacts"):
        answer = as_alice.get(f"/{path}/{pk}")
        assert answer.status == 404, path


def test_a_hiring_manager_cannot_create_records(as_hank, client_company, vacancy, acme):
    candidate = make_candidate(acme)
    for path, body in [
        ("/clients", {"name": "X"}),
        ("/contacts", {"client_id": client_company.pk, "name": "X", "email": "x@example.test"}),
        ("/vacancies", {"title": "X", "client_id": client_company.pk}),
        ("/candidates", {"first_name": "A", "last_name": "B", "email": "a@example.test"}),
        ("/applications", {"candidate_id": candidate.pk, "vacancy_id": vacancy.pk}),
    ]:
        answer = as_hank.post(path, body)
        assert answer.status == 403, path
        assert answer.error["code"] == "forbidden"
    assert Client.objects.count() == 1
    assert not Application.objects.exists()


def test_a_committee_member_cannot_create_records(as_cora):
    answer = as_cora.post("/clients", {"name": "X"})
    assert (answer.status, answer.error["code"]) == (403, "forbidden")


def test_lists_are_paged_by_fifty(as_alice, vacancy):
    for number in range(53):
        make_application(vacancy, "Kandidaat", f"Nummer {number:02d}")
    first = as_alice.get("/applications")
    second = as_alice.get("/applications", page=2)
    assert (len(first.body["items"]), first.body["count"]) == (50, 53)
    assert (len(second.body["items"]), second.body["count"]) == (3, 53)
    assert as_alice.get("/applications", page=3).body == {"items": [], "count": 53}
    assert as_alice.get("/applications", vacancy_id=vacancy.pk).body["count"] == 53
    assert as_alice.get("/applications", vacancy_id=2**70).body["count"] == 0


def test_the_page_size_is_chosen_up_to_two_hundred(as_alice, vacancy):
    for number in range(7):
        make_application(vacancy, "Kandidaat", f"Nummer {number:02d}")
    third = as_alice.get("/applications", page=3, page_size=3)
    assert (len(third.body["items"]), third.body["count"]) == (1, 7)
    everything = [item["id"] for item in as_alice.get("/applications", page_size=200).body["items"]]
    pages = [
        item["id"] for page in (1, 2, 3) for item in as_alice.get("/applications", page=page, page_size=3).body["items"]
    ]
    assert pages == everything
    for refused in (0, 201):
        answer = as_alice.get("/applications", page_size=refused)
        assert (answer.status, answer.error["field"]) == (422, "page_size")


def test_a_hiring_manager_sees_only_applications_of_their_interviews(as_hank, alice, vacancy, application):
    from tests.conftest import make_interview

    other = make_application(vacancy, "Piet", "Jansen")
    make_interview(alice, application, kind="hiring_manager")
    make_interview(alice, other, kind="recruiter")
    assert vacancy.hiring_manager is None
    vacancy.hiring_manager = application.vacancy.client.contacts.get(user__username="hank")
    vacancy.save(update_fields=["hiring_manager"])
    ids = [item["id"] for item in as_hank.get("/applications").body["items"]]
    assert ids == [application.pk]
    assert as_hank.get(f"/applications/{other.pk}").status == 404
