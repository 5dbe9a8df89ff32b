"""The confirm-link option of seed 004 (C4), as the rule and as what the candidate receives."""

from __future__ import annotations

from typing import Any

import pytest

from regisseur.core.placeholders import default_include_confirm_link
from regisseur.messaging.composition import Variant, confirm_paragraph
from regisseur.messaging.services import communicate
from regisseur.responses.models import CandidateLink
from tests.conftest import make_application, make_interview, run_worker

WITH_LINK = "Dear {candidate_first_name},\n\nPlease answer here: {confirmlink}\n\nSee you!"
WITHOUT_LINK = "Dear {candidate_first_name},\n\nSee you on {interview_date}!"
MET_LINK = "Beste {candidate_first_name},\n\nLaat het ons weten: {confirmlink}"
ZONDER_LINK = "Beste {candidate_first_name},\n\nTot {interview_date}!"


# --- The rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "ticked"),
    [
        # One recipient: ticked unless the content contains {confirmlink}.
        ([WITH_LINK], False),
        ([WITHOUT_LINK], True),
        # Several recipients, several languages: ticked unless every variant contains it.
        ([MET_LINK, WITH_LINK], False),
        ([MET_LINK, WITHOUT_LINK], True),
        ([ZONDER_LINK, WITH_LINK], True),
        ([ZONDER_LINK, WITHOUT_LINK], True),
        ([], True),
        # A broken or differently named tag is not the placeholder.
        (["Answer: {confirmlink"], True),
        (["Answer: {confirm_link}"], True),
        (["Answer: {CONFIRMLINK}"], True),
    ],
)
def test_the_option_is_ticked_unless_every_variant_has_the_placeholder(variants: list[str], ticked: bool) -> None:
    assert default_include_confirm_link(variants) is ticked


# --- What arrives -----------------------------------------------------------------------------


def received_texts(smtp_server: Any) -> dict[str, str]:
    return {
        received["To"].addresses[0].addr_spec: received.get_body(("plain",)).get_content()
        for received in smtp_server.messages
    }


def links_in(text: str) -> list[str]:
    return [word for word in text.split() if "/r/" in word]


@pytest.fixture
def two_languages(alice: Any, vacancy: Any) -> list[Any]:
    """Two candidates on one vacancy: Sanne reads Dutch, Emma English."""
    sanne = make_interview(alice, make_application(vacancy, "Sanne", "Bakker", language="nl"))
    emma = make_interview(alice, make_application(vacancy, "Emma", "Smith", language="en"))
    return [sanne, emma]


def test_one_recipient_with_the_placeholder_gets_the_link_once_where_it_was_typed(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(
        actor=alice, interviews=[interview], audience="candidate", variants={"nl": Variant("Gesprek", WITH_LINK)}
    )
    assert message.includes_confirm_link
    run_worker()
    text = received_texts(smtp_server)[application.candidate.email]
    assert len(links_in(text)) == 1
    assert "Please answer here: http" in text
    assert confirm_paragraph("nl").split("\n")[0] not in text  # nothing added
    assert CandidateLink.objects.count() == 1


def test_one_recipient_without_the_placeholder_gets_the_link_added(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(
        actor=alice, interviews=[interview], audience="candidate", variants={"nl": Variant("Gesprek", ZONDER_LINK)}
    )
    assert message.includes_confirm_link
    run_worker()
    text = received_texts(smtp_server)[application.candidate.email]
    [link] = links_in(text)
    assert link.startswith("http") and "/r/" in link
    # Added after the content, introduced in the candidate's language.
    intro = confirm_paragraph("nl").split("\n")[0]
    assert text.index("Tot ") < text.index(intro) < text.index(link)


def test_every_language_variant_with_the_placeholder_adds_nothing(alice, two_languages, smtp_server):
    messages = communicate(
        actor=alice,
        interviews=two_languages,
        audience="candidate",
        variants={"nl": Variant("Gesprek", MET_LINK), "en": Variant("Interview", WITH_LINK)},
    )
    assert [m.includes_confirm_link for m in messages] == [True, True]
    run_worker()
    texts = received_texts(smtp_server)
    assert "Laat het ons weten: http" in texts["sanne.bakker@example.test"]
    assert "Please answer here: http" in texts["emma.smith@example.test"]
    assert all(len(links_in(text)) == 1 for text in texts.values())


def test_a_variant_without_the_placeholder_ticks_the_option_for_all(alice, two_languages, smtp_server):
    messages = communicate(
        actor=alice,
        interviews=two_languages,
        audience="candidate",
        variants={"nl": Variant("Gesprek", MET_LINK), "en": Variant("Interview", WITHOUT_LINK)},
    )
    assert [m.includes_confirm_link for m in messages] == [True, True]
    run_worker()
    texts = received_texts(smtp_server)
    assert len(links_in(texts["sanne.bakker@example.test"])) == 1
    [link] = links_in(texts["emma.smith@example.test"])
    assert "/r/" in link


def test_no_variant_with_the_placeholder_adds_the_link_for_everyone(alice, two_languages, smtp_server):
    communicate(
        actor=alice,
        interviews=two_languages,
        audience="candidate",
        variants={"nl": Variant("Gesprek", ZONDER_LINK), "en": Variant("Interview", WITHOUT_LINK)},
    )
    run_worker()
    texts = received_texts(smtp_server)
    assert [len(links_in(text)) for text in texts.values()] == [1, 1]
    # Each candidate gets their own link.
    assert links_in(texts["sanne.bakker@example.test"]) != links_in(texts["emma.smith@example.test"])


def test_explicitly_unticked_and_no_placeholder_means_no_link(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(
        actor=alice,
        interviews=[interview],
        audience="candidate",
        variants={"nl": Variant("Gesprek", ZONDER_LINK)},
        include_confirm_link=False,
    )
    assert not message.includes_confirm_link
    run_worker()
    received = smtp_server.messages[0]
    assert links_in(received.get_body(("plain",)).get_content()) == []
    assert "/r/" not in received.get_body(("html",)).get_content()
    assert not CandidateLink.objects.exists()


def test_explicitly_ticked_adds_the_link_even_when_the_rule_would_not(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(
        actor=alice,
        interviews=[interview],
        audience="candidate",
        variants={"nl": Variant("Gesprek", MET_LINK)},
        include_confirm_link=True,
    )
    assert message.includes_confirm_link
    run_worker()
    assert len(links_in(received_texts(smtp_server)[application.candidate.email])) == 1


def test_the_default_templates_get_the_link_added(alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert message.includes_confirm_link
    run_worker()
    assert len(links_in(received_texts(smtp_server)[application.candidate.email])) == 1


def test_the_hiring_manager_never_gets_a_confirm_link(alice, application, hank, vacancy, smtp_server):
    from regisseur.recruitment.models import Contact

    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    interview = make_interview(alice, application, kind="both")
    [message] = communicate(
        actor=alice,
        interviews=[interview],
        audience="hiring_manager",
        variants={"nl": Variant("Gesprek", MET_LINK)},
        include_confirm_link=True,
    )
    assert not message.includes_confirm_link
    run_worker()
    received = smtp_server.messages[0]
    assert "/r/" not in received.get_body(("plain",)).get_content()
    assert "/r/" not in received.get_body(("html",)).get_content()
    assert not CandidateLink.objects.exists()
