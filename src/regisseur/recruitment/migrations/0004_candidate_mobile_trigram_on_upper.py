# The mobile number's trigram index on UPPER(mobile), the expression the search's icontains uses.
# On the bare column, PostgreSQL also chose it for "mobile IN (…500 numbers…)" (the import's
# duplicate check), half a second each, where the b-tree candidate_org_mobile takes a millisecond.

from django.db import migrations

from regisseur.core.trigram import drop_trigram_indexes, trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0003_candidate_duplicate_lookups"),
    ]

    operations = [
        drop_trigram_indexes("recruitment_candidate", {"candidate_mobile_trgm": "mobile::text"}),
        trigram_indexes("recruitment_candidate", {"candidate_mobile_upper_trgm": "UPPER(mobile::text)"}),
    ]
