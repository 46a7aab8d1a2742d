"""The base of every HTML form: WTForms' own French messages ("Ce champ est requis."), never English."""

from __future__ import annotations

from flask_wtf import FlaskForm


class FrenchForm(FlaskForm):
    """A Flask-WTF form (CSRF token included) whose built-in validation messages are WTForms' French catalogue.

    Flask-WTF hands translation to Flask-Babel unless WTF_I18N_ENABLED is false (web/config.py sets it so),
    then WTForms reads its shipped catalogue for the locales named here.
    """

    class Meta:
        locales = ("fr_FR", "fr")
