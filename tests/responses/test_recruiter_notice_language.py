"""The recruiter's email about an answer is in the recruiter's language, every line of it."""

from __future__ import annotations

from regisseur.actions.answering import answer_invitation
from regisseur.messaging.models import Audience, Message
from tests.conftest import make_interview
from tests.responses.conftest import link_path, token_of


def test_a_dutch_recruiter_reads_a_withdrawal_in_dutch(alice, application):
    alice.language = "nl"
    alice.save(update_fields=["language"])
    interview = make_interview(alice, application)

    answer_invitation(
        token=token_of(link_path(interview)), choice="withdraw", preferred_mode="video", message="Andere baan"
    )

    notice = Message.objects.get(audience=Audience.RECRUITER)
    assert "Het gesprek is geannuleerd en de herinnering ook" in notice.body_text
    for english in ("The interview has been cancelled", "Told of", "Preferred mode", "Message:"):
        assert english not in notice.body_text
