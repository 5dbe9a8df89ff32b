"""Candidate import benchmark (issue 9, item 5), run by bench/run.py after Django is set up and the database seeded.

- csv_import_10k_s: seconds from an uploaded CSV of 10,000 candidates (Dutch headers, semicolons,
  UTF-8 with BOM; 5% bad rows, 3% duplicates of seeded candidates, 2% duplicates within the file)
  to every valid row written: parse and store the upload, check the preview, confirm (each
  duplicate updated), through the functions the import pages call. The organisation already
  has the 6,000 seeded candidates to check duplicates against.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from regisseur.accounts.models import User
from regisseur.actions.importing import import_candidates
from regisseur.recruitment.importing import DUPLICATE, ERROR, NEW, preview
from regisseur.recruitment.models import Candidate
from regisseur.web.views.import_store import discard_upload, load_upload, save_upload
from regisseur.web.views.importing import parse_upload

ROWS = 10_000
Report = Callable[..., None]


def build_csv(rows: int, *, seed: int = 9) -> bytes:
    rng = random.Random(seed)
    lines = ["Voornaam;Tussenvoegsel;Achternaam;E-mail;Mobiel;Taal"]
    for n in range(rows):
        first, infix, last = f"Voor{n}", rng.choice(["", "de", "van der"]), f"Achter{n}"
        email, mobile, language = f"import{n}@example.nl", f"06 {20_000_000 + n:08d}", rng.choice(["nl", "en", ""])
        kind = n % 100
        if kind < 5:  # bad rows: no first name, a broken email, a broken number, an unknown language, too long
            first, email, mobile, language, last = [
                ("", email, mobile, language, last),
                (first, "geen-email", mobile, language, last),
                (first, email, "0612", language, last),
                (first, email, mobile, "Frans", last),
                (first, email, mobile, language, "x" * 101),
            ][kind]
        elif kind < 8:  # a candidate seeded by bench/run.py (c{n}@example.org)
            email = f"c{n % 6000}@example.org"
        elif kind < 10 and n > 100:  # the same person as an earlier row, by mobile number
            mobile = f"06 {20_000_000 + n - 50:08d}"
        lines.append(";".join([first, infix, last, email, mobile, language]))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def bench_import(recruiter: User, report: Report) -> bool:
    data = build_csv(ROWS)
    before = Candidate.objects.count()
    with translation.override("nl"), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        parsed = parse_upload(data)
        token = save_upload(user_id=recruiter.pk, payload={"vacancy": None, "filename": "bench.csv", **parsed})
        stored = load_upload(user_id=recruiter.pk, token=token)
        assert stored is not None
        checked = preview(recruiter.organisation_id or 0, stored["rows"])
        previewed = time.perf_counter()
        summary = import_candidates(
            actor=recruiter, rows=stored["rows"], update_lines={int(row["line"]) for row in stored["rows"]}
        )
        discard_upload(token)
        elapsed = time.perf_counter() - started
    counts = {status: checked.count(status) for status in (NEW, DUPLICATE, ERROR)}
    print(
        f"csv_import_10k: {len(data) / 1024:.0f} KiB, preview {counts} in {previewed - started:.2f} s; "
        f"created {summary.created}, updated {summary.updated}, refused {summary.refused}; "
        f"{len(queries)} queries",
        flush=True,
    )
    if summary.refused != counts[ERROR] or Candidate.objects.count() != before + summary.created:
        print("BENCH csv_import_10k failed: the import wrote something other than its preview")
        return False
    report("csv_import_10k_s", elapsed, "s", goal=15, comparison="<")
    return True
