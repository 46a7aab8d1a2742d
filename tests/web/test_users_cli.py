"""`terrimatch users` and `terrimatch db`: accounts and tokens from the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from web.cli import main
from web_support import SECRET, WOOD, sqlite_url


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """The CLI on a database of its own, migrated with `terrimatch db upgrade`."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url(tmp_path))
    runner = CliRunner()
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    return runner


def test_add_a_user_then_a_token_that_opens_the_api(cli, tmp_path, fast_matcher):
    from web import create_app

    result = cli.invoke(
        main,
        ["users", "add", "Lea@Scierie.fr", "--role", "company", "--org", "Scierie", "--password-stdin"],
        input="un mot de passe solide\n",
    )
    assert result.exit_code == 0, result.output
    token = cli.invoke(main, ["users", "token", "lea@scierie.fr"])
    assert token.exit_code == 0
    clear = token.output.strip()
    assert clear.startswith("tm_") and len(clear) > 40
    app = create_app({"SECRET_KEY": SECRET, "MATCHER": fast_matcher, "SQLALCHEMY_DATABASE_URI": sqlite_url(tmp_path)})
    client = app.test_client()
    response = client.post("/api/v1/projects", json={"description": WOOD}, headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 201
    login = client.post("/login", data={"email": "lea@scierie.fr", "password": "un mot de passe solide"})
    assert login.status_code in (302, 400)  # 400 only for the missing CSRF token: production config


def test_revoked_tokens_no_longer_open_the_api_and_other_users_keep_theirs(cli, tmp_path, fast_matcher):
    from web import create_app

    for email in ("lea@scierie.fr", "paul@fonderie.fr"):
        added = cli.invoke(
            main,
            ["users", "add", email, "--role", "company", "--org", email.split("@")[1], "--password-stdin"],
            input="un mot de passe solide\n",
        )
        assert added.exit_code == 0, added.output
    lea = [cli.invoke(main, ["users", "token", "lea@scierie.fr"]).output.strip() for _ in range(2)]
    paul = cli.invoke(main, ["users", "token", "paul@fonderie.fr"]).output.strip()
    client = create_app(
        {"SECRET_KEY": SECRET, "MATCHER": fast_matcher, "SQLALCHEMY_DATABASE_URI": sqlite_url(tmp_path)}
    ).test_client()

    def status(token):
        return client.get("/api/v1/projects", headers={"Authorization": f"Bearer {token}"}).status_code

    assert [status(t) for t in (*lea, paul)] == [200, 200, 200]
    revoked = cli.invoke(main, ["users", "revoke-tokens", "Lea@Scierie.fr"])
    assert revoked.exit_code == 0 and "2 jeton(s) de lea@scierie.fr révoqué(s)" in revoked.output
    assert [status(t) for t in (*lea, paul)] == [401, 401, 200]
    again = cli.invoke(main, ["users", "revoke-tokens", "lea@scierie.fr"])
    assert "0 jeton(s)" in again.output
    fresh = cli.invoke(main, ["users", "token", "lea@scierie.fr"]).output.strip()
    assert status(fresh) == 200  # a new token can be issued after a revocation


def test_the_password_can_come_from_a_prompt(cli):
    result = cli.invoke(
        main,
        ["users", "add", "a@agence.fr", "--role", "agency", "--org", "Agence"],
        input="un mot de passe solide\nun mot de passe solide\n",
    )
    assert result.exit_code == 0, result.output
    assert "un mot de passe solide" not in result.output.replace("\n", " ").split("créé")[-1]


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["users", "add", "x@y.fr", "--role", "company", "--org", "O", "--password-stdin"], "court\n", "au moins 12"),
        (
            ["users", "add", "not-an-email", "--role", "company", "--org", "O", "--password-stdin"],
            "un mot de passe solide\n",
            "pas une adresse",
        ),
        (
            ["users", "add", "x@y.fr", "--role", "root", "--org", "O", "--password-stdin"],
            "un mot de passe solide\n",
            "root",
        ),
        (["users", "token", "nobody@y.fr"], "", "terrimatch users add"),
        (["users", "revoke-tokens", "nobody@y.fr"], "", "terrimatch users add"),
    ],
)
def test_bad_input_exits_2_with_a_sentence(cli, args, stdin, message):
    result = cli.invoke(main, args, input=stdin)
    assert result.exit_code == 2 and message in result.output


def test_a_user_cannot_be_added_twice(cli):
    args = ["users", "add", "x@y.fr", "--role", "admin", "--org", "Région", "--password-stdin"]
    assert cli.invoke(main, args, input="un mot de passe solide\n").exit_code == 0
    again = cli.invoke(main, args, input="un mot de passe solide\n")
    assert again.exit_code == 2 and "existe déjà" in again.output
