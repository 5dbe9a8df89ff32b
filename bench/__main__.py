"""Run the benchmarks on a temporary SQLite file and, when DATABASE_URL is PostgreSQL, on PostgreSQL.

Each database gets a fresh process (settings are read once per process). PostgreSQL runs in
its own database, `regisseur_bench` (or BENCH_DATABASE, when several checkouts share one
server), created and dropped here: never the tables of the database DATABASE_URL names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "regisseur_bench")


def run(label: str, database_url: str, var_dir: str) -> int:
    print(f"== {label}", flush=True)
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REGISSEUR_VAR_DIR": var_dir,
        "BENCH_LABEL": label,
    }
    return subprocess.run([sys.executable, "-m", "bench.run"], env=environment, check=False).returncode


def _postgres_admin(url: str, statement: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(statement)


def main() -> int:
    if not BENCH_DATABASE.isidentifier():
        print(f"BENCH_DATABASE must be a plain name, not {BENCH_DATABASE!r}")
        return 1
    failures = 0
    with tempfile.TemporaryDirectory(prefix="regisseur-bench-") as var_dir:
        os.makedirs(os.path.join(var_dir, "static"))  # STATIC_ROOT; whitenoise warns when it is missing
        failures += run("sqlite", f"sqlite:///{var_dir}/bench.sqlite3", var_dir) != 0
        url = os.environ.get("DATABASE_URL", "")
        if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}:
            parts = urlsplit(url)
            bench_url = urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_DATABASE}", "", ""))
            _postgres_admin(url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            _postgres_admin(url, f"CREATE DATABASE {BENCH_DATABASE}")
            try:
                failures += run("postgresql", bench_url, var_dir) != 0
            finally:
                _postgres_admin(url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        else:
            print("== postgresql: skipped (set DATABASE_URL=postgres://... to include it)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
