"""Invitations with a live confirm link, as the candidate receives them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Application, Vacancy
from regisseur.responses.services import issue_link
from tests.conftest import make_application


@pytest.fixture
def application(vacancy: Vacancy) -> Application:
    """Sanne reads English here, so that assertions read the source texts; Dutch is tested on purpose."""
    return make_application(vacancy, mobile="+31612345678", language="en")


def link_path(interview: Interview) -> str:
    """The path of a fresh confirm link for the interview as it is now: /r/<token>/."""
    return urlsplit(issue_link(interview=interview)).path


def token_of(path: str) -> str:
    return path.strip("/").split("/")[1]
