from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regisseur.api.models import ApiKey, hash_key
from tests.api.conftest import ApiClient


def test_a_request_without_a_key_is_unauthorized(anonymous):
    answer = anonymous.get("/clients")
    assert answer.status == 401
    assert answer.error["code"] == "unauthorized"
    assert set(answer.error) >= {"code", "message", "field"}


def test_a_wrong_key_is_unauthorized(db):
    answer = ApiClient("rgs_not-a-real-key").get("/clients")
    assert answer.status == 401
    assert answer.error["code"] == "unauthorized"


def test_another_scheme_than_bearer_is_unauthorized(as_alice):
    as_alice.client.defaults["HTTP_AUTHORIZATION"] = f"Basic {as_alice.key}"
    as_alice.key = None
    assert as_alice.get("/clients").status == 401


def test_a_valid_key_acts_as_its_user(as_alice, client_company):
    answer = as_alice.get("/clients")
    assert answer.status == 200
    assert [item["name"] for item in answer.body["items"]] == ["Bakkerij Jansen"]


def test_an_inactive_key_is_unauthorized(as_alice):
    ApiKey.objects.update(is_active=False)
    assert as_alice.get("/clients").status == 401


def test_the_key_of_an_inactive_user_is_unauthorized(as_alice, alice):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert as_alice.get("/clients").status == 401


def test_keys_are_stored_hashed_and_their_use_is_recorded(as_alice):
    as_alice.get("/clients")
    api_key = ApiKey.objects.get()
    assert api_key.key_hash == hash_key(as_alice.key)
    assert as_alice.key not in {api_key.key_hash, api_key.prefix}
    assert api_key.last_used_at is not None


def test_create_api_key_prints_only_a_working_key(alice):
    out = StringIO()
    call_command("create_api_key", "alice", stdout=out)
    key = out.getvalue().strip()
    assert "\n" not in key
    assert ApiKey.objects.get(key_hash=hash_key(key)).user == alice
    assert ApiClient(key).get("/clients").status == 200


def test_create_api_key_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="nobody"):
        call_command("create_api_key", "nobody")
    assert not ApiKey.objects.exists()


def test_create_api_key_exits_non_zero_for_an_unknown_user(db, capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["regisseur manage", "create_api_key", "nobody"])
    assert exited.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nobody" in captured.err
