"""Message templates (C1) and HTML profiles (C2) under Settings, and their admin pages."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.messaging.models import HtmlProfile, MessageTemplate, Purpose

NEW_TEMPLATE = reverse("messaging:template_create")


def template_data(**extra: str) -> dict[str, str]:
    data = {
        "name": "Uitnodiging kort",
        "purpose": Purpose.INVITATION,
        "language": "nl",
        "subject": "Gesprek op {interview_date}",
        "body": "Beste {candidate_first_name},\n\n{confirmlink}",
        "signature": "{recruiter_name}",
    }
    data.update(extra)
    return data


def test_the_settings_link_leads_to_templates_profiles_and_the_admin(client, alice):
    client.force_login(alice)
    home = client.get(reverse("interviews:overview")).content.decode()
    assert reverse("messaging:settings") in home
    page = client.get(reverse("messaging:settings")).content.decode()
    for name in ("messaging:template_list", "messaging:profile_list", "admin:index"):
        assert reverse(name) in page


def test_a_template_is_created_and_the_form_lists_the_placeholders(client, alice):
    client.force_login(alice)
    form = client.get(NEW_TEMPLATE).content.decode()
    assert "{candidate_name}" in form and "{confirmlink}" in form
    response = client.post(NEW_TEMPLATE, template_data())
    assert response.status_code == 302
    template = MessageTemplate.objects.get()
    assert template.organisation == alice.organisation and template.body.endswith("{confirmlink}")
    assert "Uitnodiging kort" in client.get(reverse("messaging:template_list")).content.decode()


def test_an_unknown_placeholder_is_refused_on_save_naming_it_and_the_input_is_kept(client, alice):
    client.force_login(alice)
    response = client.post(NEW_TEMPLATE, template_data(body="Beste {voornaam}, tot {interview_date}."))
    assert response.status_code == 200
    assert "Unknown placeholder {voornaam}." in response.context["form"].errors["body"]
    assert "Beste {voornaam}, tot {interview_date}." in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_new_default_replaces_the_previous_default(client, alice):
    client.force_login(alice)
    client.post(NEW_TEMPLATE, template_data(name="Eerste", is_default="on"))
    client.post(NEW_TEMPLATE, template_data(name="Tweede", is_default="on"))
    assert list(MessageTemplate.objects.filter(is_default=True).values_list("name", flat=True)) == ["Tweede"]


def test_a_duplicate_name_is_refused_next_to_the_name(client, alice):
    client.force_login(alice)
    client.post(NEW_TEMPLATE, template_data())
    response = client.post(NEW_TEMPLATE, template_data())
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert MessageTemplate.objects.count() == 1


def test_a_template_is_edited(client, alice):
    client.force_login(alice)
    client.post(NEW_TEMPLATE, template_data())
    template = MessageTemplate.objects.get()
    url = reverse("messaging:template_edit", args=[template.pk])
    assert client.post(url, template_data(subject="Nieuw: {vacancy_title}")).status_code == 302
    template.refresh_from_db()
    assert template.subject == "Nieuw: {vacancy_title}"


def test_another_organisations_templates_and_profiles_are_not_found(client, alice, mallory):
    theirs = MessageTemplate.objects.create(
        organisation=mallory.organisation, purpose="invitation", language="nl", name="X", subject="x", body="y"
    )
    profile = HtmlProfile.objects.create(organisation=mallory.organisation, name="Theirs")
    client.force_login(alice)
    assert client.get(reverse("messaging:template_edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("messaging:profile_edit", args=[profile.pk])).status_code == 404
    assert "Theirs" not in client.get(reverse("messaging:profile_list")).content.decode()


def test_only_recruiters_reach_the_settings(client, hank):
    client.force_login(hank)
    for name in ("messaging:settings", "messaging:template_list", "messaging:profile_list"):
        assert client.get(reverse(name)).status_code == 404


def test_an_html_profile_is_created_and_edited(client, alice):
    client.force_login(alice)
    data = {
        "name": "Acme blauw",
        "logo_url": "https://acme.test/logo.png",
        "primary_colour": "#123456",
        "text_colour": "#111111",
        "background_colour": "#eeeeee",
        "footer": "Acme Recruitment",
        "is_default": "on",
    }
    assert client.post(reverse("messaging:profile_create"), data).status_code == 302
    profile = HtmlProfile.objects.get()
    response = client.post(reverse("messaging:profile_edit", args=[profile.pk]), {**data, "primary_colour": "blue"})
    assert response.status_code == 200 and response.context["form"].errors["primary_colour"]
    response = client.post(
        reverse("messaging:profile_edit", args=[profile.pk]), {**data, "logo_url": "http://acme.test/logo.png"}
    )
    assert response.context["form"].errors["logo_url"]


def test_the_lists_make_as_many_queries_for_3_as_for_30_rows(client, alice):
    client.force_login(alice)

    def count(n: int) -> list[int]:
        MessageTemplate.objects.all().delete()
        HtmlProfile.objects.all().delete()
        for i in range(n):
            MessageTemplate.objects.create(
                organisation=alice.organisation,
                purpose="invitation",
                language="nl",
                name=f"T{i}",
                subject="s",
                body="b",
            )
            HtmlProfile.objects.create(organisation=alice.organisation, name=f"P{i}")
        result = []
        for name in ("messaging:template_list", "messaging:profile_list"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            result.append(len(queries))
        return result

    assert count(3) == count(30)


def test_the_admin_shows_only_the_organisations_templates_and_messages(client, alice, mallory):
    MessageTemplate.objects.create(
        organisation=mallory.organisation, purpose="invitation", language="nl", name="Rivaal", subject="x", body="y"
    )
    MessageTemplate.objects.create(
        organisation=alice.organisation, purpose="invitation", language="nl", name="Eigen", subject="x", body="y"
    )
    client.force_login(alice)
    for model in ("messagetemplate", "htmlprofile", "message"):
        response = client.get(reverse(f"admin:messaging_{model}_changelist"))
        assert response.status_code == 200, model
        assert "Rivaal" not in response.content.decode()
    assert "Eigen" in client.get(reverse("admin:messaging_messagetemplate_changelist")).content.decode()
    response = client.get(reverse("admin:messaging_htmlprofile_add"))
    assert response.status_code == 200


def test_a_second_default_saved_in_the_admin_replaces_the_first(client, alice):
    client.force_login(alice)
    url = reverse("admin:messaging_messagetemplate_add")
    for name in ("Eerste", "Tweede"):
        response = client.post(url, {**template_data(name=name), "is_default": "on"})
        assert response.status_code == 302, response.context["adminform"].form.errors
    response = client.post(url, template_data(name="Tweede"))
    assert response.status_code == 200 and "name" in response.context["adminform"].form.errors
    assert list(MessageTemplate.objects.filter(is_default=True).values_list("name", flat=True)) == ["Tweede"]
    assert set(MessageTemplate.objects.values_list("organisation", flat=True)) == {alice.organisation_id}
