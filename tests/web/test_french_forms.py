"""Every form's built-in validation messages are French (WTForms' catalogue), never WTForms' English defaults."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from web.forms.projects import DecisionForm, LoginForm
from web_support import make_app, sqlite_url


def test_builtin_validation_messages_are_french(tmp_path):
    app = make_app(sqlite_url(tmp_path), WTF_CSRF_ENABLED=False)
    with app.test_request_context(method="POST"):
        login = LoginForm(formdata=MultiDict({"email": "", "password": "x"}))
        assert not login.validate()
        decision = DecisionForm(formdata=MultiDict({"ze2020_code": "4410", "kind": "nope", "comment": "c" * 5000}))
        assert not decision.validate()
    messages = [message for form in (login, decision) for errors in form.errors.values() for message in errors]
    assert "Ce champ est requis." in messages
    assert any("caractères" in message for message in messages), messages
    assert "N'est pas un choix valide." in messages
    english = ("This field is required", "Not a valid choice", "Field cannot be longer")
    assert not any(phrase in message for phrase in english for message in messages), messages
