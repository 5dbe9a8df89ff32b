"""The video link on the planning form and the interview record (issue 7, item 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regisseur.interviews.models import Interview
from tests.conftest import make_interview
from tests.interviews.test_views_planning import plan_url, planning_data

LINK = "https://meet.example.test/abc-def"


def test_the_planning_form_saves_the_video_link(client, alice, application):
    client.force_login(alice)
    page = client.get(plan_url(application)).content.decode()
    assert 'name="video_link"' in page and 'type="url"' in page
    response = client.post(plan_url(application), planning_data(video_link=LINK))
    assert response.status_code == 302
    assert Interview.objects.get().video_link == LINK


@pytest.mark.parametrize("link", ["ftp://files.example.test/x", "meet example", "javascript:alert(1)"])
def test_a_link_that_is_no_web_address_is_refused_beside_the_field(client, alice, application, link):
    client.force_login(alice)
    response = client.post(plan_url(application), planning_data(video_link=link))
    assert response.status_code == 200
    assert not Interview.objects.exists()
    assert response.context["form"].errors["video_link"]
    assert 'id="id_video_link_errors"' in response.content.decode()


def test_an_edit_changes_the_link_and_the_record_shows_it(client, alice, application):
    interview = make_interview(alice, application, type="video")
    client.force_login(alice)
    edit = reverse("interviews:edit", args=[interview.pk])
    data = planning_data(interview.starts_at, type="video", video_link=LINK, interviewer="")
    data["duration_minutes"] = str(interview.duration_minutes)
    data["reason"] = ""
    assert client.post(edit, data).status_code == 302
    interview.refresh_from_db()
    assert interview.video_link == LINK
    assert interview.version == 2  # candidates' links and invitations follow the new link
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert f'<a href="{LINK}"' in record


def test_the_record_offers_to_communicate_to_participating_colleagues(client, alice, application):
    interview = make_interview(alice, application, participants=[alice])
    client.force_login(alice)
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    url = reverse("messaging:communicate", args=[interview.pk, "colleagues"])
    assert f'href="{url}"' in record
    page = client.get(url)
    assert page.status_code == 200
    assert "alice@acme.test" in page.content.decode()
