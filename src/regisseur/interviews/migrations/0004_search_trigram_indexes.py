# Trigram index for the search box (PostgreSQL only; nothing on SQLite).

from django.db import migrations

from regisseur.core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0003_video_link_event_source"),
    ]

    operations = [
        trigram_indexes("interviews_interview", {"interview_location_trgm": "UPPER(location)"}),
    ]
