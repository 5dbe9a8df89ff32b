"""Interview kits' actions (E1): write a vacancy's kit, copy one, keep one in the library, start from the standard.

Each is atomic: the whole kit is written, or nothing is. Only the organisation's recruiters write.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.evaluation import kits
from regisseur.evaluation.models import Kit
from regisseur.recruitment.models import Vacancy


def _vacancy_kit(vacancy: Vacancy) -> Kit:
    """The vacancy's own kit, locked for the write; created empty when it has none yet."""
    kit, _created = Kit.objects.select_for_update().get_or_create(
        vacancy=vacancy, defaults={"organisation_id": vacancy.client.organisation_id}
    )
    return kit


@transaction.atomic
def save_kit(*, actor: User, vacancy: Vacancy, structure: kits.KitInput) -> Kit:
    """Write the vacancy's whole kit: ids kept, items without one created, those left out removed."""
    organisation_id = vacancy.client.organisation_id
    kits.check_kit_writer(actor, organisation_id)
    kit = _vacancy_kit(vacancy)
    clean = kits.clean_kit(kit=kit, organisation_id=organisation_id, structure=structure)
    return kits.write_kit(actor=actor, kit=kit, clean=clean)


@transaction.atomic
def copy_kit(*, actor: User, source: Kit, vacancy: Vacancy) -> Kit:
    """Replace the vacancy's kit by a copy of another vacancy's kit or a library kit."""
    kits.check_kit_writer(actor, vacancy.client.organisation_id)
    if source.organisation_id != vacancy.client.organisation_id:
        raise ServiceError("not_found", _("This kit does not exist."), field="source")
    if source.vacancy_id == vacancy.pk:
        raise ServiceError("invalid", _("Choose another kit than this vacancy's own."), field="source")
    return kits.copy_items(actor=actor, source=source, target=_vacancy_kit(vacancy))


@transaction.atomic
def save_as_library(*, actor: User, kit: Kit, name: str) -> Kit:
    """Keep a copy of the kit in the organisation's library under `name`."""
    kits.check_kit_writer(actor, kit.organisation_id)
    name = kits.clean_name(name)
    if Kit.objects.filter(organisation_id=kit.organisation_id, vacancy__isnull=True, name__iexact=name).exists():
        raise ServiceError("duplicate", _("The library already has a kit with this name."), field="name")
    library = Kit.objects.create(organisation_id=kit.organisation_id, name=name, updated_by=actor)
    return kits.copy_items(actor=actor, source=kit, target=library)


@transaction.atomic
def rename_library_kit(*, actor: User, kit: Kit, name: str) -> Kit:
    """Give a library kit another name (unique in the library)."""
    kit = Kit.objects.select_for_update().get(pk=kit.pk, vacancy__isnull=True)
    kits.check_kit_writer(actor, kit.organisation_id)
    name = kits.clean_name(name)
    others = Kit.objects.filter(organisation_id=kit.organisation_id, vacancy__isnull=True, name__iexact=name)
    if others.exclude(pk=kit.pk).exists():
        raise ServiceError("duplicate", _("The library already has a kit with this name."), field="name")
    kit.name = name
    kit.updated_by = actor
    kit.save(update_fields=["name", "updated_by", "updated_at"])
    return kit


@transaction.atomic
def delete_library_kit(*, actor: User, kit: Kit) -> None:
    """Remove a kit from the library; the vacancies' kits copied from it keep their own copy."""
    kit = Kit.objects.select_for_update().get(pk=kit.pk, vacancy__isnull=True)
    kits.check_kit_writer(actor, kit.organisation_id)
    kit.delete()


@transaction.atomic
def start_standard_kit(*, actor: User, vacancy: Vacancy) -> Kit:
    """Replace the vacancy's questions and competencies by the standard kit, in the vacancy's language."""
    kits.check_kit_writer(actor, vacancy.client.organisation_id)
    return kits.fill_standard(actor=actor, kit=_vacancy_kit(vacancy), language=vacancy.language)
