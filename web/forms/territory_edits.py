"""Forms of the agency workbench (CSRF-protected like every form)."""

from __future__ import annotations

from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # types-WTForms 3.2 predates it
from wtforms.validators import Length

from web.cv_edits import MAX_FACT_CHARS, MAX_FACTS, MAX_SOURCES
from web.forms.french import FrenchForm


class CvSectionForm(FrenchForm):
    facts = TextAreaField(
        "Faits (un par ligne)", validators=[Length(max=MAX_FACTS * (MAX_FACT_CHARS + 2))], render_kw={"rows": 12}
    )
    sources = TextAreaField(
        "Sources (une par ligne : Titre | https://adresse)",
        validators=[Length(max=MAX_SOURCES * 600)],
        render_kw={"rows": 4},
    )
    note = StringField("Motif de la modification", validators=[Length(max=500)], render_kw={"maxlength": 500})


class SiteForm(FrenchForm):
    """One site of the inventory: free text here, checked field by field by matcher.territory.site_inventory."""

    site_name = StringField("Nom du site", validators=[Length(max=300)])
    commune_code = StringField("Code INSEE de la commune", validators=[Length(max=10)])
    area_ha = StringField("Surface disponible (ha)", validators=[Length(max=30)])
    serviced = SelectField(
        "Viabilisé",
        choices=[SelectChoice("", "non renseigné"), SelectChoice("oui", "oui"), SelectChoice("non", "non")],
        validate_choice=False,
    )
    rail_distance_m = StringField("Distance à la voie ferrée (m, 0 = embranché)", validators=[Length(max=30)])
    waterway_distance_m = StringField("Distance à une voie d'eau (m)", validators=[Length(max=30)])
    motorway_distance_m = StringField("Distance à un échangeur autoroutier (m)", validators=[Length(max=30)])
    zoning = StringField("Zonage (U, AU, A, N...)", validators=[Length(max=300)])
    former_activity = StringField("Ancienne activité", validators=[Length(max=300)])
    price_eur_m2 = StringField("Prix (€/m²)", validators=[Length(max=30)])
    status = StringField("Statut (disponible, réservé...)", validators=[Length(max=300)])
    source = StringField("Source", validators=[Length(max=300)])
    date = StringField("Date de l'information (AAAA-MM-JJ)", validators=[Length(max=20)])
    note = StringField("Motif de la modification", validators=[Length(max=500)], render_kw={"maxlength": 500})


class WithdrawSiteForm(FrenchForm):
    note = StringField("Motif du retrait", validators=[Length(max=500)], render_kw={"maxlength": 500})
