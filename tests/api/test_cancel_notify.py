"""POST /interviews/{id}/cancel with notify: each audience its own text, each message its audience (API.md)."""

from __future__ import annotations

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.messaging.models import Purpose
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import Contact
from tests.conftest import make_interview, run_worker


def test_notify_sends_each_audience_its_own_cancellation(as_alice, alice, application, hank, vacancy, smtp_server):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    colin = create_user(
        language="en", username="colin", password="correct horse 1", organisation=alice.organisation,
        role=Role.RECRUITER, first_name="Colin", last_name="Collega", email="colin@acme.test",
    )  # fmt: skip
    interview = make_interview(alice, application, kind="both", participants=[colin])
    for audience in ("candidate", "hiring_manager"):
        communicate(actor=alice, interviews=[interview], audience=audience)
    communicate(actor=alice, interviews=[interview], audience="colleagues", purpose=Purpose.COLLEAGUE_NOTICE)

    answer = as_alice.post(f"/interviews/{interview.pk}/cancel", {"reason": "Vacancy filled", "notify": True})

    assert (answer.status, answer.body["status"]) == (200, "cancelled")
    listed = as_alice.get(f"/interviews/{interview.pk}/messages")
    assert listed.status == 200
    cancellations = {
        item["audience"]: item
        for item in listed.body["items"]
        if item["subject"].lower().startswith(("cancel", "gean"))
    }
    assert set(cancellations) == {"candidate", "hiring_manager", "colleagues"}
    assert cancellations["colleagues"]["to"] == "colin@acme.test"
    assert "Reason: Vacancy filled" in cancellations["colleagues"]["body_text"]
    assert "Beste collega," in cancellations["hiring_manager"]["body_text"]  # the vacancy is Dutch
    assert "nieuwe afspraak" in cancellations["candidate"]["body_text"]  # Sanne reads Dutch
    assert "nieuwe afspraak" not in cancellations["hiring_manager"]["body_text"]
    run_worker()
    methods = {
        message["To"].addresses[0].addr_spec: part.get_param("method")
        for message in smtp_server.messages[3:]
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    }
    assert methods == {"colin@acme.test": "CANCEL", "hank@jansen.test": "CANCEL", "sanne.bakker@example.test": "CANCEL"}
