"""HTML forms; every one carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from typing import Any

from wtforms import (
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # types-WTForms 3.2 predates it
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from matcher.project.description_reading import Proposals
from matcher.project.french_numbers import format_french_number
from matcher.project.need_vocabulary import NEEDS
from matcher.project.record import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, PROJECT_KINDS, STATED_FIELDS
from training.decision_kinds import DECISIONS, FINAL_SITE, NO_SITE
from web.forms.french import FrenchForm
from web.records.core import DECISION_LABELS

MAX_COMMENT_CHARS = 2000
EXPIRED = "Le formulaire a expiré : soumettez-le à nouveau."
PROJECT_FIELDS: tuple[str, ...] = (*STATED_FIELDS, "needs", "occupations")
# What kind of project and where the company's sites are (issue 21); the two legacy fields above stay accepted.
PROJECT_FIELDS += ("project_kind", "existing_site_communes")
OCCUPATION_ROWS = 3
# Text inputs, not type=number: "8,5" and "1 200" are typed as French users write them (matcher.project.french_numbers).
NUMBER_INPUT = {"inputmode": "decimal", "autocomplete": "off"}


class OccupationEntry(Form):
    """One occupation sought: picked from the BMO list (the input's datalist) with its head count."""

    class Meta:  # a subform inside FormField does not inherit FrenchForm's Meta: its messages are French too
        locales = FrenchForm.Meta.locales

    code = StringField("Métier (code FAP ou intitulé de la liste)", render_kw={"list": "occupation-list"})
    count = StringField("Effectif recherché", render_kw={"inputmode": "decimal"})


class LoginForm(FrenchForm):
    email = EmailField("Adresse électronique", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Mot de passe", validators=[DataRequired(), Length(max=1000)])


class EmptyForm(FrenchForm):
    """A form with only the CSRF token: logout, re-run a match."""


class ProjectForm(FrenchForm):
    # Lengths are checked by matcher.project.record, which names the field; the HTML maxlength only helps the user.
    title = StringField("Titre du projet", render_kw={"maxlength": MAX_TITLE_CHARS})
    description = TextAreaField("Description du projet", render_kw={"maxlength": MAX_DESCRIPTION_CHARS, "rows": 10})
    naf_code = StringField("Code NAF (ex. 16.21Z)")
    jobs = StringField("Emplois créés", render_kw=NUMBER_INPUT)
    land_ha = StringField("Foncier nécessaire (ha)", render_kw=NUMBER_INPUT)
    power_mw = StringField("Puissance électrique (MW)", render_kw=NUMBER_INPUT)
    needs = SelectMultipleField(
        "Besoins d'infrastructure",
        choices=[SelectChoice(k, n.label) for k, n in NEEDS.items()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,
    )
    endogenous = SelectField(
        "Projet endogène (entreprise déjà implantée en région)",
        choices=[SelectChoice("", "non précisé"), SelectChoice("oui", "oui"), SelectChoice("non", "non")],
        validate_choice=False,
    )
    existing_site_commune = StringField("Commune du site actuel (nom ou code INSEE)")  # API and old links only
    timeline_months = StringField("Délai de réalisation (mois)", render_kw=NUMBER_INPUT)
    project_kind = SelectField(
        "Nature du projet",
        choices=[SelectChoice("", "non précisée"), *(SelectChoice(k, label) for k, label in PROJECT_KINDS.items())],
        validate_choice=False,
    )
    existing_site_communes = TextAreaField(
        "Communes de vos sites existants en région (séparées par « ; »)",
        render_kw={"rows": 2, "placeholder": "Mulhouse (68224) ; 67482"},
    )
    occupations = FieldList(
        FormField(OccupationEntry), "Principaux métiers recherchés", min_entries=OCCUPATION_ROWS, max_entries=10
    )
    # "1" once the values read from the description were proposed (web.company): the next post is matched.
    proposals_seen = HiddenField()
    REQUIRED = frozenset({"description"})  # marked and announced by the template's form_field macro

    @property
    def occupation_choices(self) -> list[tuple[str, str]]:
        """(code, label) of every occupation of the BMO list, for the picker's datalist."""
        from matcher.project.occupations import catalogue  # the BMO list loads on first use

        return [(o.code, o.label) for o in catalogue().values()]

    def project_data(self) -> dict[str, Any]:
        return {name: getattr(self, name).data for name in PROJECT_FIELDS}

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = [*field.errors, f"{field.label.text} : {message}"]

    def error_links(self) -> list[tuple[str, str]]:
        """(id of the element to go to, message) per error, in the form's order: the error summary's links."""
        links = []
        for field in self:
            if field.type in ("CSRFTokenField", "HiddenField"):
                links += [("description", EXPIRED)] if field.errors else []
                continue
            messages = [e for e in field.errors if isinstance(e, str)]  # a FieldList also lists its entries' dicts
            target = {"needs": "needs-0", "occupations": "occupations-0-code"}.get(field.name, field.id)
            links += [(target, m if m.startswith(field.label.text) else f"{field.label.text} : {m}") for m in messages]
        return links

    def fill_proposals(self, proposals: Proposals) -> None:
        """Put the values read from the description into the empty fields, the needs read into the ticked ones."""
        for name in ("jobs", "land_ha", "power_mw"):
            found = getattr(proposals, name)
            if found is not None:
                getattr(self, name).data = format_french_number(found.value)
        self.needs.data = [*(self.needs.data or []), *proposals.needs]
        self.proposals_seen.data = "1"


class DecisionForm(FrenchForm):
    ze2020_code = HiddenField(validators=[DataRequired(), Length(max=8)])
    # Radios with no default: a stray click on "Enregistrer" records nothing; the basin's decision is pre-set.
    kind = RadioField(
        "Décision",
        choices=[SelectChoice(k, DECISION_LABELS[k]) for k in DECISIONS],
        validators=[InputRequired(message="choisissez une décision (présélection, retenu, écarté ou site final)")],
    )
    comment = TextAreaField(
        "Commentaire", validators=[Length(max=MAX_COMMENT_CHARS)], render_kw={"maxlength": MAX_COMMENT_CHARS, "rows": 2}
    )


class OutcomeForm(FrenchForm):
    """Where the project really went: any of the basins (typed, the browser's list helps), or nowhere in France."""

    kind = RadioField(
        "Issue du projet",
        default=FINAL_SITE,
        choices=[
            SelectChoice(FINAL_SITE, "Implanté dans le bassin d'emploi"),
            SelectChoice(NO_SITE, DECISION_LABELS[NO_SITE]),
        ],
    )
    basin = StringField(
        "Bassin d'emploi (nom ou code)",
        validators=[Length(max=250)],
        render_kw={"list": "all-basins", "autocomplete": "off", "maxlength": 250},
    )
    comment = TextAreaField(
        "Motif ou commentaire",
        validators=[Length(max=MAX_COMMENT_CHARS)],
        render_kw={"maxlength": MAX_COMMENT_CHARS, "rows": 2},
    )


class UndoDecisionForm(FrenchForm):
    """Take back the last decision on a basin; `decision_id` is the one the page showed, so a stale undo is refused."""

    ze2020_code = HiddenField(validators=[DataRequired(), Length(max=8)])
    decision_id = HiddenField(validators=[DataRequired(), Length(max=12)])
