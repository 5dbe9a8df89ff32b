"""Item 10 of issue 9: the confirm-link box follows seed 004's rule as the content is edited,
unless the user set it; the page shows what already went, so nothing goes twice by accident."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse

from regisseur.messaging.models import Message
from regisseur.messaging.services import communicate
from regisseur.web.forms.messaging import follow_confirm_link_rule
from tests.conftest import make_application, make_interview
from tests.messaging.test_views_communicate import form_data

WITH_LINK = "Beste Sanne,\n\nLaat het ons weten: {confirmlink}"
WITHOUT_LINK = "Beste Sanne,\n\nTot dan!"


def posted(**values: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


def box(data: QueryDict) -> tuple[bool, str]:
    return "include_confirm_link" in data, data["confirm_link_chosen"]


def test_the_box_follows_the_content_while_the_user_has_not_set_it():
    # Shown ticked, content now holds {confirmlink}: unticked.
    assert box(follow_confirm_link_rule(posted(include_confirm_link="on", confirm_link_shown="1"), [WITH_LINK])) == (
        False,
        "0",
    )
    # Shown unticked, the placeholder taken out of the content: ticked again.
    assert box(follow_confirm_link_rule(posted(confirm_link_shown="0"), [WITHOUT_LINK])) == (True, "0")
    # Several languages: unticked only when every content holds it.
    assert box(
        follow_confirm_link_rule(posted(confirm_link_shown="1", include_confirm_link="on"), [WITH_LINK, WITHOUT_LINK])
    ) == (
        True,
        "0",
    )


def test_a_box_the_user_set_stays_as_they_set_it():
    # Shown ticked, posted unticked: the user unticked it, whatever the content says.
    unticked = follow_confirm_link_rule(posted(confirm_link_shown="1"), [WITHOUT_LINK])
    assert box(unticked) == (False, "1")
    # From then on it stays theirs, also when it is posted as it was shown.
    again = follow_confirm_link_rule(posted(confirm_link_shown="0", confirm_link_chosen="1"), [WITHOUT_LINK])
    assert box(again) == (False, "1")
    # Shown unticked, posted ticked: theirs too.
    assert box(follow_confirm_link_rule(posted(confirm_link_shown="0", include_confirm_link="on"), [WITH_LINK])) == (
        True,
        "1",
    )


def test_the_page_unticks_the_box_when_the_edited_content_holds_the_placeholder(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    url = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    page = client.get(url)
    assert page.context["form"]["include_confirm_link"].value() is True
    assert 'name="confirm_link_shown" value="1"' in page.content.decode()

    data = form_data(page, body=WITH_LINK, preview="1", confirm_link_shown="1", confirm_link_chosen="0")
    preview = client.post(url, data)

    assert preview.context["form"]["include_confirm_link"].value() is False
    assert 'name="confirm_link_shown" value="0"' in preview.content.decode()


def test_a_placeholder_taken_out_ticks_the_box_again_and_the_candidate_still_gets_a_link(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    url = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    page = client.get(url)
    # The page showed the box unticked (the content had the placeholder); the user took it out and sends.
    data = form_data(
        page, body=WITHOUT_LINK, include_confirm_link=None, confirm_link_shown="0", confirm_link_chosen="0"
    )

    client.post(url, data)

    [message] = Message.objects.all()
    assert message.includes_confirm_link


def test_the_user_unticking_the_box_sends_no_link(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    url = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    page = client.get(url)
    data = form_data(
        page, body=WITHOUT_LINK, include_confirm_link=None, confirm_link_shown="1", confirm_link_chosen="0"
    )

    client.post(url, data)

    [message] = Message.objects.all()
    assert not message.includes_confirm_link


def test_the_page_lists_what_already_went_to_these_recipients(client, alice, application):
    interview = make_interview(alice, application)
    [sent] = communicate(actor=alice, interviews=[interview], audience="candidate")
    client.force_login(alice)

    page = client.get(reverse("messaging:communicate", args=[interview.pk, "candidate"])).content.decode()
    manager_page = client.get(reverse("messaging:communicate", args=[interview.pk, "committee"]))

    assert "Already sent" in page
    assert sent.subject in page and sent.to_name in page
    assert reverse("messaging:message_detail", args=[sent.pk]) in page
    assert sent.subject not in manager_page.content.decode()


def test_the_bulk_page_names_the_candidates_already_invited(client, alice, vacancy):
    first = make_interview(alice, make_application(vacancy, "Piet", "Jansen"))
    second = make_interview(alice, make_application(vacancy, "Kees", "de Vries"))
    communicate(actor=alice, interviews=[first], audience="candidate")
    client.force_login(alice)

    page = client.get(reverse("messaging:communicate_bulk") + f"?interview={first.pk}&interview={second.pk}")

    text = page.content.decode()
    assert "1 of these candidates already received an invitation" in text
    listed = text[text.index("already-sent-title") : text.index("</section>", text.index("already-sent-title"))]
    assert "Piet Jansen" in listed and "Kees de Vries" not in listed


def test_the_already_sent_list_costs_one_query_whatever_its_length(
    client, alice, vacancy, django_assert_max_num_queries
):
    interviews = [make_interview(alice, make_application(vacancy, f"K{n}", "Test")) for n in range(3)]
    communicate(actor=alice, interviews=interviews, audience="candidate")
    client.force_login(alice)
    url = reverse("messaging:communicate_bulk") + "?" + "&".join(f"interview={i.pk}" for i in interviews)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    more = [make_interview(alice, make_application(vacancy, f"M{n}", "Test")) for n in range(6)]
    communicate(actor=alice, interviews=more, audience="candidate")
    url_more = url + "".join(f"&interview={i.pk}" for i in more)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        client.get(url_more)
    assert len(many.captured_queries) <= len(few.captured_queries)
