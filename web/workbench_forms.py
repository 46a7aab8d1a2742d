"""Forms of the agency workbench (CSRF-protected like every form)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from web.cv_edits import MAX_FACT_CHARS, MAX_FACTS, MAX_SOURCES


class CvSectionForm(FlaskForm):
    facts = TextAreaField("Faits (un par ligne)", validators=[Length(max=MAX_FACTS * (MAX_FACT_CHARS + 2))],
                          render_kw={"rows": 12})
    sources = TextAreaField("Sources (une par ligne : Titre | https://adresse)",
                            validators=[Length(max=MAX_SOURCES * 600)], render_kw={"rows": 4})
    note = StringField("Motif de la modification", validators=[Length(max=500)], render_kw={"maxlength": 500})
