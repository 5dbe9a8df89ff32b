"""The standard texts for the audiences' own cancellations and the colleagues' invitation, for every organisation."""

from django.db import migrations

PURPOSES = ("manager_cancellation", "committee_cancel", "colleague_notice", "colleague_cancel")


def install(apps, schema_editor):
    from regisseur.messaging.defaults import DEFAULTS, SIGNATURE

    Organisation = apps.get_model("accounts", "Organisation")
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    for organisation in Organisation.objects.all():
        for purpose in PURPOSES:
            for language, (name, subject, body) in DEFAULTS[purpose].items():
                has_default = MessageTemplate.objects.filter(
                    organisation=organisation, purpose=purpose, language=language, is_default=True
                ).exists()
                MessageTemplate.objects.get_or_create(
                    organisation=organisation,
                    purpose=purpose,
                    language=language,
                    name=name,
                    defaults={
                        "subject": subject,
                        "body": body,
                        "signature": SIGNATURE[language],
                        "is_default": not has_default,
                    },
                )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0005_audience_purposes"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
