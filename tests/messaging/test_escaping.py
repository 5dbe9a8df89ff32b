"""Values typed by people end up escaped in the HTML part and as typed in the text part."""

from __future__ import annotations

from regisseur.messaging.composition import Variant
from regisseur.messaging.models import HtmlProfile
from regisseur.messaging.services import communicate
from tests.conftest import make_application, make_interview, run_worker

SCRIPT = "<script>alert(1)</script>"


def test_a_candidate_named_like_a_script_is_escaped_in_html_and_plain_in_text(alice, vacancy, smtp_server):
    application = make_application(vacancy, SCRIPT, "Bakker", email="script@example.test", language="en")
    interview = make_interview(alice, application, location='Room "A" & <b>B</b>')
    communicate(
        actor=alice,
        interviews=[interview],
        audience="candidate",
        variants={"en": Variant("Interview for {candidate_name}", "Dear {candidate_name},\n\nWhere: {location}")},
    )
    run_worker()
    [received] = smtp_server.messages
    html = received.get_body(("html",)).get_content()
    text = received.get_body(("plain",)).get_content()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>B</b>" not in html
    assert "Room &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;" in html
    assert f"Dear {SCRIPT} Bakker," in text
    assert 'Where: Room "A" & <b>B</b>' in text
    assert received["Subject"] == f"Interview for {SCRIPT} Bakker"


def test_the_html_profile_footer_and_name_are_escaped(alice, application, acme, smtp_server):
    HtmlProfile.objects.create(
        organisation=acme,
        name='Acme"><script>x()</script>',
        logo_url="https://acme.test/logo.png",
        footer="<iframe src=evil></iframe>\nAcme",
        is_default=True,
    )
    communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    run_worker()
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    assert "<script" not in html and "<iframe" not in html
    assert "&lt;iframe src=evil&gt;&lt;/iframe&gt;<br>Acme" in html


def test_a_typed_body_with_html_is_shown_as_text(alice, application, smtp_server):
    communicate(
        actor=alice,
        interviews=[make_interview(alice, application)],
        audience="candidate",
        variants={"nl": Variant("Gesprek", '<a href="https://phish.test">Klik</a> {confirmlink}')},
    )
    run_worker()
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    assert 'href="https://phish.test"' not in html
    assert "&lt;a href=&quot;https://phish.test&quot;&gt;Klik&lt;/a&gt;" in html
