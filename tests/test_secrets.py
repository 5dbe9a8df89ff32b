"""The development secret key stays on the developer's machine: never in git, never in the wheel."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_settings import start

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "regisseur"


def test_development_creates_its_key_under_var_outside_the_package(tmp_path):
    result = start(tmp_path, SECRET_KEY="<unset>")

    assert result.returncode == 0, result.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_var_folder_inside_the_package_is_refused(tmp_path):
    inside = PACKAGE / "var"
    result = start(tmp_path, SECRET_KEY="<unset>", REGISSEUR_VAR_DIR=str(inside))

    assert result.returncode == 2
    assert "REGISSEUR_VAR_DIR" in result.stderr and "inside the installed package" in result.stderr
    assert not (inside / "secret_key").exists()


def test_git_ignores_secret_key_files_wherever_they_are():
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = ["var/secret_key", "src/regisseur/var/secret_key", "secret_key"]
    ignored = subprocess.run(
        [git, "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert ignored.stdout.split() == paths
    tracked = subprocess.run([git, "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not [path for path in tracked.splitlines() if path.endswith("secret_key")]


def test_the_wheel_holds_no_secret_key(tmp_path):
    # A key file where the old one was committed, as a developer's checkout may still have.
    planted = PACKAGE / "var" / "secret_key"
    planted_before = planted.exists()
    if not planted_before:
        planted.parent.mkdir(exist_ok=True)
        planted.write_text("planted-development-key-" + "k" * 40)
    try:
        built = subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        if not planted_before:
            planted.unlink()
            if not any(planted.parent.iterdir()):
                planted.parent.rmdir()
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("regisseur-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}

    assert any(name.endswith("regisseur/config/settings.py") for name in names)  # the real package
    assert not [name for name in names if "secret" in name.lower() or "/var/" in name]
    keys = [settings.SECRET_KEY.encode(), b"planted-development-key-"]
    for name, content in contents.items():
        assert not any(key in content for key in keys), name
    # Nothing shaped like a generated key (secrets.token_urlsafe(50)) stands alone in any file.
    lone_token = re.compile(rb"^\s*[A-Za-z0-9_-]{60,}\s*$")
    assert not [name for name, content in contents.items() if lone_token.match(content)]
