"""The SMS reminder purpose, and its standard texts for every existing organisation."""

from django.db import migrations, models


def install(apps, schema_editor):
    from regisseur.messaging.defaults import DEFAULTS

    Organisation = apps.get_model("accounts", "Organisation")
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    for organisation in Organisation.objects.all():
        for language, (name, subject, body) in DEFAULTS["sms_reminder"].items():
            MessageTemplate.objects.get_or_create(
                organisation=organisation,
                purpose="sms_reminder",
                language=language,
                name=name,
                defaults={"subject": subject, "body": body, "signature": "", "is_default": True},
            )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0003_message_raw_mime")]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("invitation", "Invitation"), ("change", "Change"), ("cancellation", "Cancellation"),
                    ("reminder", "Reminder"), ("sms_reminder", "Reminder by SMS"),
                    ("manager_notice", "Notice to hiring manager"), ("committee_notice", "Notice to committee"),
                    ("thank_you", "Thank-you"), ("answer_notice", "Candidate's answer (to the recruiter)"),
                ],
                max_length=20,
                verbose_name="purpose",
            ),
        ),
        migrations.AlterField(
            model_name="messagetemplate",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("invitation", "Invitation"), ("change", "Change"), ("cancellation", "Cancellation"),
                    ("reminder", "Reminder"), ("sms_reminder", "Reminder by SMS"),
                    ("manager_notice", "Notice to hiring manager"), ("committee_notice", "Notice to committee"),
                    ("thank_you", "Thank-you"), ("answer_notice", "Candidate's answer (to the recruiter)"),
                ],
                max_length=20,
                verbose_name="purpose",
            ),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
