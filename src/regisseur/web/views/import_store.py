"""Where an uploaded import waits between its preview and the confirmation.

The parsed rows go to a file under REGISSEUR_VAR_DIR/imports/, named by an unguessable
token, readable only by the user who uploaded it, and gone after an hour (or once imported).
Nothing the browser sends back is trusted except the token and the duplicate choices.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings

EXPIRES_SECONDS = 3600
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _sweep(folder: Path) -> None:
    """Uploads nobody confirmed are removed after an hour."""
    limit = time.time() - EXPIRES_SECONDS
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass


def save_upload(*, user_id: int, payload: dict[str, Any]) -> str:
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(32)
    temporary = folder / f"{token}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"user": user_id, "created": time.time(), **payload}, handle)
    temporary.replace(folder / f"{token}.json")
    return token


def load_upload(*, user_id: int, token: str) -> dict[str, Any] | None:
    """The upload, if the token is this user's and not expired."""
    if not TOKEN_PATTERN.match(token):
        return None
    path = _folder() / f"{token}.json"
    try:
        stored: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if stored.get("user") != user_id or stored.get("created", 0) < time.time() - EXPIRES_SECONDS:
        return None
    return stored


def discard_upload(token: str) -> None:
    if TOKEN_PATTERN.match(token):
        (_folder() / f"{token}.json").unlink(missing_ok=True)
