"""Give every existing organisation the standard templates and an HTML profile."""

from django.db import migrations


def install(apps, schema_editor):
    from regisseur.messaging.defaults import DEFAULTS, SIGNATURE

    Organisation = apps.get_model("accounts", "Organisation")
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    HtmlProfile = apps.get_model("messaging", "HtmlProfile")
    for organisation in Organisation.objects.all():
        for purpose, languages in DEFAULTS.items():
            for language, (name, subject, body) in languages.items():
                has_default = MessageTemplate.objects.filter(
                    organisation=organisation, purpose=purpose, language=language, is_default=True
                ).exists()
                MessageTemplate.objects.get_or_create(
                    organisation=organisation,
                    purpose=purpose,
                    language=language,
                    name=name,
                    defaults={"subject": subject, "body": body, "signature": SIGNATURE[language],
                              "is_default": not has_default},
                )
        if not HtmlProfile.objects.filter(organisation=organisation).exists():
            HtmlProfile.objects.create(organisation=organisation, name=organisation.name,
                                       footer=organisation.name, is_default=True)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
