"""The organisation's library of interview kits: listed, renamed and removed by recruiters only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from regisseur.actions.kits import save_as_library
from regisseur.evaluation.models import Kit
from tests.evaluation.scorecard_builders import make_kit

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_kit(alice, vacancy):
    make_kit(vacancy, "Communication", "Problem solving")
    return save_as_library(actor=alice, kit=vacancy.kit, name="Sales kit")


def test_the_library_lists_its_kits_with_what_they_hold(client: Client, alice, library_kit) -> None:
    client.force_login(alice)

    page = client.get(reverse("evaluation:library")).content.decode()

    assert "Sales kit" in page
    assert "2 competencies" in page


def test_a_library_kit_is_renamed_and_a_duplicate_name_refused(client: Client, alice, vacancy, library_kit) -> None:
    save_as_library(actor=alice, kit=vacancy.kit, name="Care kit")
    client.force_login(alice)

    client.post(reverse("evaluation:library_rename", args=[library_kit.pk]), {"name": "Sales and service"})
    refused = client.post(
        reverse("evaluation:library_rename", args=[library_kit.pk]), {"name": "care KIT"}, follow=True
    )

    library_kit.refresh_from_db()
    assert library_kit.name == "Sales and service"
    assert "already has a kit with this name" in refused.content.decode()


def test_removing_a_library_kit_leaves_the_vacancys_own(client: Client, alice, vacancy, library_kit) -> None:
    client.force_login(alice)

    client.post(reverse("evaluation:library_delete", args=[library_kit.pk]))

    assert not Kit.objects.filter(pk=library_kit.pk).exists()
    assert vacancy.kit.competencies.count() == 2


def test_others_find_no_library(client: Client, hank, mallory, library_kit) -> None:
    client.force_login(hank)
    assert client.get(reverse("evaluation:library")).status_code == 404
    assert client.post(reverse("evaluation:library_delete", args=[library_kit.pk])).status_code == 404
    client.force_login(mallory)
    assert client.post(reverse("evaluation:library_rename", args=[library_kit.pk]), {"name": "x"}).status_code == 404
    assert Kit.objects.filter(pk=library_kit.pk, name="Sales kit").exists()
