"""The `regisseur` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from regisseur import cli


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DEBUG": "1",
        "REGISSEUR_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "regisseur.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("flag", ["--help", "-h", "help"])
def test_help_lists_the_commands(capsys, flag):
    cli.main([flag])
    usage = capsys.readouterr().out
    for command in ["run", "serve", "worker", "manage"]:
        assert f"  {command}" in usage


def test_no_arguments_prints_the_usage(capsys):
    cli.main([])
    assert capsys.readouterr().out.startswith("usage: regisseur")


def test_an_unknown_command_exits_with_2(capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main(["frobnicate"])
    assert raised.value.code == 2
    error = capsys.readouterr().err
    assert "unknown command 'frobnicate'" in error
    assert "usage: regisseur" in error


def test_help_works_as_a_program(tmp_path):
    result = run_cli("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    assert "usage: regisseur" in result.stdout


def test_manage_migrates_and_loads_the_demo_once(tmp_path):
    assert run_cli("manage", "migrate", "-v0", tmp_path=tmp_path).returncode == 0
    first = run_cli("manage", "load_demo", "--if-empty", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Log in at http://127.0.0.1:8000/ as demo / demo-regisseur" in first.stdout
    second = run_cli("manage", "load_demo", "--if-empty", tmp_path=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "not loaded" in second.stdout


def test_a_configuration_error_exits_with_2_and_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "regisseur.cli", "manage", "check"],
        env={**os.environ, "PORT": "abc", "REGISSEUR_VAR_DIR": str(tmp_path), "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("regisseur: Configuration error in PORT")
