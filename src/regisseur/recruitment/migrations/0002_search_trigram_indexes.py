# Trigram indexes for the search box (PostgreSQL only; nothing on SQLite).

from django.db import migrations

from regisseur.core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
    ]

    operations = [
        trigram_indexes(
            "recruitment_candidate",
            {
                # regisseur.interviews.queries.Joined("first_name", "last_name", "email"), icontains.
                "candidate_search_trgm": "UPPER((first_name || ' ' || last_name || ' ' || email)::text)",
                "candidate_mobile_trgm": "mobile::text",
            },
        ),
        trigram_indexes("recruitment_vacancy", {"vacancy_title_trgm": "UPPER(title::text)"}),
        trigram_indexes("recruitment_client", {"client_name_trgm": "UPPER(name::text)"}),
    ]
