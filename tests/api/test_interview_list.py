"""GET /interviews: filters by day (in the reader's zone), vacancy and status; paged; constant queries."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.actions.cancelling import cancel_interview
from regisseur.recruitment.models import Contact, Vacancy
from tests.conftest import make_application, make_interview

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def at(text):
    return datetime.fromisoformat(text)


def test_the_date_filter_uses_the_readers_time_zone(as_alice, alice, vacancy):
    # 23:30 in Amsterdam on the 7th is already the 8th in UTC, and still the 7th in New York.
    late = make_interview(alice, make_application(vacancy, "Laat", "Avond"), starts_at=at("2026-12-07T23:30:00+01:00"))
    morning = make_interview(
        alice, make_application(vacancy, "Vroeg", "Ochtend"), starts_at=at("2026-12-07T09:00:00+01:00")
    )
    make_interview(alice, make_application(vacancy, "Andere", "Dag"), starts_at=at("2026-12-09T09:00:00+01:00"))
    ids = [item["id"] for item in as_alice.get("/interviews", date="2026-12-07").body["items"]]
    assert ids == [morning.pk, late.pk]
    alice.time_zone = "America/New_York"
    alice.save(update_fields=["time_zone"])
    # In New York, 09:00 Amsterdam is 03:00 on the 7th and 23:30 Amsterdam is 17:30 on the 7th.
    ids = [item["id"] for item in as_alice.get("/interviews", date="2026-12-07").body["items"]]
    assert ids == [morning.pk, late.pk]
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    # In Tokyo, 23:30 Amsterdam on the 7th is 07:30 on the 8th.
    assert [item["id"] for item in as_alice.get("/interviews", date="2026-12-08").body["items"]] == [late.pk]


def test_filters_by_vacancy_and_status(as_alice, alice, vacancy, client_company):
    other_vacancy = Vacancy.objects.create(client=client_company, title="Kok", status="published")
    here = make_interview(alice, make_application(vacancy))
    there = make_interview(alice, make_application(other_vacancy, "Piet", "Jansen"))
    cancel_interview(actor=alice, interview=there, reason="")
    assert [item["id"] for item in as_alice.get("/interviews", vacancy_id=vacancy.pk).body["items"]] == [here.pk]
    assert [item["id"] for item in as_alice.get("/interviews", status="cancelled").body["items"]] == [there.pk]
    assert as_alice.get("/interviews", vacancy_id=other_vacancy.pk, status="planned").body == {"items": [], "count": 0}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date": "07-12-2026"}, "date"),
        ({"date": "2026-13-01"}, "date"),
        ({"status": "done"}, "status"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": str(2**70)}, "page"),
        ({"vacancy_id": "abc"}, "vacancy_id"),
    ],
)
def test_invalid_filters_are_refused(as_alice, query, field):
    answer = as_alice.get("/interviews", **query)
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "validation_error", field)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_extreme_days_do_not_crash(as_alice, day):
    assert as_alice.get("/interviews", date=day).status in {200, 422}


def test_a_huge_vacancy_id_matches_nothing(as_alice, alice, application):
    make_interview(alice, application)
    assert as_alice.get("/interviews", vacancy_id=str(2**70)).body == {"items": [], "count": 0}
    assert as_alice.get("/interviews", vacancy_id="-3").body == {"items": [], "count": 0}


def test_the_list_is_paged_by_fifty(as_alice, alice, vacancy):
    for number in range(51):
        make_interview(
            alice, make_application(vacancy, "Kandidaat", f"{number:02d}"), starts_at=at("2026-12-07T09:00:00+01:00")
        )
    first, second = as_alice.get("/interviews").body, as_alice.get("/interviews", page=2).body
    assert (len(first["items"]), first["count"], len(second["items"]), second["count"]) == (50, 51, 1, 51)
    assert {item["id"] for item in first["items"]}.isdisjoint(item["id"] for item in second["items"])


def _queries_for_list(client):
    client.get("/interviews")  # the key's first use is recorded once; measure the requests after it
    with CaptureQueriesContext(connection) as captured:
        answer = client.get("/interviews")
    assert answer.status == 200
    return len(captured), answer.body["count"]


def test_the_number_of_queries_does_not_grow_with_the_rows(as_alice, alice, hank, cora, vacancy, acme):
    committee = [Contact.objects.get(user=cora)]
    make_interview(alice, make_application(vacancy, "Een", "Eerste"), participants=[alice], committee_members=committee)
    few, count = _queries_for_list(as_alice)
    assert count == 1
    for number in range(12):
        make_interview(
            alice,
            make_application(vacancy, "Kandidaat", f"{number:02d}"),
            participants=[alice, hank],
            committee_members=committee,
        )
    many, count = _queries_for_list(as_alice)
    assert count == 13
    assert many == few


def test_a_hiring_managers_list_also_uses_constant_queries(
    as_hank, alice, hank, vacancy, django_assert_max_num_queries
):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    for number in range(10):
        make_interview(alice, make_application(vacancy, "Kandidaat", f"{number:02d}"), kind="hiring_manager")
    with django_assert_max_num_queries(10):
        answer = as_hank.get("/interviews")
    assert answer.body["count"] == 10
