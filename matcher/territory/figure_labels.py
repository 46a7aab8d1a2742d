"""What each basin figure means: French label, unit, year and source (from SOURCES.md)."""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = {
    "RP2021": "INSEE, recensement de la population 2021 (base du comparateur de territoires 2024)",
    "BCC22": "INSEE, base du comparateur de territoires 2022 (RP 2018, REE/Sirene fin 2018, Filosofi 2019)",
    "CHO": "INSEE, taux de chômage localisés par zone d'emploi (CVS)",
    "ZE": "INSEE, zones d'emploi 2020 (géographie au 01/01/2023)",
}


@dataclass(frozen=True)
class FigureInfo:
    label: str
    unit: str  # "", "%", "km²", "hab./km²", "€"
    year: str
    source: str  # key of SOURCES


CATALOGUE: dict[str, FigureInfo] = {
    "population_2021": FigureInfo("Population", "", "2021", "RP2021"),
    "population_2018": FigureInfo("Population", "", "2018", "BCC22"),
    "population_2013": FigureInfo("Population", "", "2013", "BCC22"),
    "area_km2": FigureInfo("Superficie", "km²", "2021", "BCC22"),
    "density_per_km2_2021": FigureInfo("Densité", "hab./km²", "2021", "RP2021"),
    "jobs_at_workplace_2018": FigureInfo("Emplois au lieu de travail", "", "2018", "BCC22"),
    "salaried_jobs_at_workplace_2018": FigureInfo("Emplois salariés au lieu de travail", "", "2018", "BCC22"),
    "jobs_at_workplace_2013": FigureInfo("Emplois au lieu de travail", "", "2013", "BCC22"),
    "active_pop_15_64_2021": FigureInfo("Actifs de 15 à 64 ans", "", "2021", "RP2021"),
    "unemployed_15_64_census_2021": FigureInfo("Chômeurs de 15 à 64 ans (recensement)", "", "2021", "RP2021"),
    "unemployment_rate_census_15_64_pct_2021": FigureInfo(
        "Taux de chômage au sens du recensement (15-64 ans)", "%", "2021", "RP2021"
    ),
    "activity_rate_15_64_pct_2021": FigureInfo("Taux d'activité des 15-64 ans", "%", "2021", "RP2021"),
    "share_pop_15_64_pct_2021": FigureInfo("Part des 15-64 ans dans la population", "%", "2021", "RP2021"),
    "unemployment_rate_pct_2023t3": FigureInfo("Taux de chômage localisé", "%", "2023 T3", "CHO"),
    "unemployment_rate_pct_2022_avg": FigureInfo("Taux de chômage localisé (moyenne annuelle)", "%", "2022", "CHO"),
    "unemployment_rate_pct_2019_avg": FigureInfo("Taux de chômage localisé (moyenne annuelle)", "%", "2019", "CHO"),
    "establishments_total_2018": FigureInfo("Établissements actifs", "", "2018", "BCC22"),
    "establishments_agriculture_2018": FigureInfo(
        "Établissements de l'agriculture, sylviculture et pêche", "", "2018", "BCC22"
    ),
    "establishments_industry_2018": FigureInfo("Établissements industriels", "", "2018", "BCC22"),
    "establishments_construction_2018": FigureInfo("Établissements de la construction", "", "2018", "BCC22"),
    "establishments_trade_transport_services_2018": FigureInfo(
        "Établissements du commerce, des transports et services divers", "", "2018", "BCC22"
    ),
    "establishments_trade_car_repair_2018": FigureInfo("dont commerce et réparation automobile", "", "2018", "BCC22"),
    "establishments_public_admin_education_health_2018": FigureInfo(
        "Établissements de l'administration, l'enseignement, la santé et l'action sociale", "", "2018", "BCC22"
    ),
    "establishments_1_9_employees_2018": FigureInfo("Établissements de 1 à 9 salariés", "", "2018", "BCC22"),
    "establishments_10plus_employees_2018": FigureInfo("Établissements de 10 salariés ou plus", "", "2018", "BCC22"),
    "industry_share_of_establishments_pct_2018": FigureInfo(
        "Part de l'industrie dans les établissements", "%", "2018", "BCC22"
    ),
    "dwellings_2018": FigureInfo("Logements", "", "2018", "BCC22"),
    "vacant_dwellings_2018": FigureInfo("Logements vacants", "", "2018", "BCC22"),
    "fiscal_households_2019": FigureInfo("Ménages fiscaux (borne basse)", "", "2019", "BCC22"),
}


def info(name: str) -> FigureInfo:
    """Catalogue entry of a figure; an imported figure outside the catalogue gets a plain one."""
    return CATALOGUE.get(name, FigureInfo(name.replace("_", " "), "", "", "import"))


def format_number(value: float | None, unit: str = "") -> str:
    """French number formatting: thin spaces for thousands, comma for decimals."""
    if value is None:
        return "non disponible"
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:,.1f}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit and ' %'}"


def format_figure(name: str, value: float | None) -> str:
    """'Population (2021) : 67 030' with unit and year."""
    meta = info(name)
    year = f" ({meta.year})" if meta.year else ""
    return f"{meta.label}{year} : {format_number(value, meta.unit)}"
