"""A basin's CV de territoire: sections in French, as text passages, Markdown and JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from matcher.territory.figure_labels import SOURCES, format_figure, format_number, info
from matcher.territory.loading import Territories
from matcher.territory.records import CURATED_SECTIONS, Basin, Source

SECTION_TITLES = {
    "identity": "Identité",
    "economy": "Économie",
    "labour": "Emploi et main-d'œuvre",
    "industrial_fabric": "Tissu industriel",
    "sites_and_land": "Sites et foncier",
    "employment": "Emploi salarié privé par secteur",
    "land": "Foncier disponible",
    "generated": "Faits générés à partir des données",
    "infrastructure": "Infrastructures",
    "energy_and_resources": "Énergie et ressources",
    "skills_and_training": "Compétences et formation",
    "ecosystem": "Écosystème",
}
FIGURE_SECTIONS = ("identity", "economy", "labour")
SECTIONS = FIGURE_SECTIONS + CURATED_SECTIONS
# Built from structured data for every basin (matcher/cv/employment_section.py, cv_land.py, generated_cv.py):
# shown on every page, not embedded in the passage index, so ranking reads them only as its features choose.
# Figures shown on the CV page but not embedded: what a basin makes and its land are read by the
# ranking as numbers (features, land checks); the sentences generated from them for basins without a
# written CV are embedded, so national results have passages to show.
NOT_INDEXED = ("employment", "land", "generated")


@dataclass(frozen=True)
class CvSection:
    key: str
    title: str
    lines: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Passage:
    """One unit of text that gets embedded and searched, with the titles of the section's sources."""

    basin_code: str
    section: str
    text: str
    source_titles: tuple[str, ...] = ()

    @classmethod
    def from_payload(cls, row: dict) -> Passage:
        """A passage as stored in the index (JSON turned the titles into a list)."""
        return cls(row["basin_code"], row["section"], row["text"], tuple(row["source_titles"]))


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return numerator / denominator if numerator is not None and denominator else None


def annual_growth_pct(start: float | None, end: float | None, years: int) -> float | None:
    """Mean yearly change in % between two counts; None when either is missing."""
    ratio = _ratio(end, start)
    return 100 * (ratio ** (1 / years) - 1) if ratio and ratio > 0 else None


def industry_specialisation(basin: Basin, territories: Territories) -> float | None:
    """Basin industry share of establishments over the metropolitan share (1 = national average)."""
    national = territories.national
    share = _ratio(basin.figure("establishments_industry_2018"), basin.figure("establishments_total_2018"))
    reference = _ratio(national.get("establishments_industry_2018"), national.get("establishments_total_2018"))
    return _ratio(share, reference)


def _signed(value: float | None, unit: str) -> str:
    if value is None:
        return "non disponible"
    return ("+" if value >= 0 else "−") + format_number(abs(round(value, 2)), unit)


def _figure_sources(names: list[str]) -> tuple[Source, ...]:
    keys = dict.fromkeys(info(n).source for n in names)
    return tuple(Source(SOURCES.get(k, k), "") for k in keys)


def _identity(basin: Basin, territories: Territories) -> CvSection:
    names = ["population_2021", "area_km2", "density_per_km2_2021"]
    growth = annual_growth_pct(basin.figure("population_2013"), basin.figure("population_2021"), 8)
    lines = (
        (
            f"Zone d'emploi {basin.name} (code ZE2020 {basin.code}), départements {', '.join(basin.department_codes)}, "
            f"{basin.n_communes} communes (géographie 2023)."
        ),
        *(format_figure(n, basin.figure(n)) for n in names),
        f"Évolution de la population 2013-2021 : {_signed(growth, '%')} par an.",
    )
    return CvSection("identity", SECTION_TITLES["identity"], lines, _figure_sources([*names, "population_2013"]))


def _economy(basin: Basin, territories: Territories) -> CvSection:
    names = [
        "jobs_at_workplace_2018",
        "establishments_total_2018",
        "establishments_industry_2018",
        "establishments_agriculture_2018",
        "establishments_construction_2018",
        "establishments_trade_transport_services_2018",
        "establishments_public_admin_education_health_2018",
        "establishments_10plus_employees_2018",
        "industry_share_of_establishments_pct_2018",
    ]
    growth = annual_growth_pct(basin.figure("jobs_at_workplace_2013"), basin.figure("jobs_at_workplace_2018"), 5)
    specialisation = industry_specialisation(basin, territories)
    lines = (
        *(format_figure(n, basin.figure(n)) for n in names),
        f"Évolution de l'emploi 2013-2018 : {_signed(growth, '%')} par an.",
        (
            "Indice de spécialisation industrielle (part de l'industrie rapportée à la France métropolitaine, 2018) : "
            f"{format_number(None if specialisation is None else round(specialisation, 2))}."
        ),
    )
    return CvSection("economy", SECTION_TITLES["economy"], lines, _figure_sources(names))


def _labour(basin: Basin, territories: Territories) -> CvSection:
    names = [
        "unemployment_rate_pct_2023t3",
        "unemployment_rate_pct_2019_avg",
        "unemployment_rate_census_15_64_pct_2021",
        "activity_rate_15_64_pct_2021",
        "active_pop_15_64_2021",
    ]
    start, end = basin.figure("unemployment_rate_pct_2019_avg"), basin.figure("unemployment_rate_pct_2023t3")
    trend = None if start is None or end is None else end - start
    lines = (
        *(format_figure(n, basin.figure(n)) for n in names),
        f"Évolution du taux de chômage localisé de 2019 au 3e trimestre 2023 : {_signed(trend, 'points')}.",
    )
    return CvSection("labour", SECTION_TITLES["labour"], lines, _figure_sources(names))


def _curated(basin: Basin, key: str) -> CvSection | None:
    section = basin.curated.get(key)
    lines = list(section.facts) if section else []
    sources = list(section.sources) if section else []
    if key == "sites_and_land":
        for site in basin.sites:
            lines.append(
                f"Site industriel « clés en main » labellisé ({site.label_date}) : {site.name}"
                f"{' (' + ', '.join(site.commune_names) + ')' if site.commune_names else ''}."
            )
            sources.append(site.source)
    if key == "ecosystem":
        for territory in basin.industry_territories:
            lines.append(f"Territoire d'industrie « {territory.name} » (labellisé en {territory.labelled_year}).")
            sources.append(territory.source)
    if not lines:
        return None
    return CvSection(key, SECTION_TITLES[key], tuple(lines), tuple(dict.fromkeys(sources)))


def _structured(basin: Basin, territories: Territories) -> list[CvSection]:
    from matcher.cv.employment_section import employment_section  # these modules build on CvSection above
    from matcher.cv.generated_facts import generated_section
    from matcher.cv.land_section import land_section

    built = [
        employment_section(basin, territories),
        land_section(basin, territories),
        generated_section(basin, territories),
    ]
    return [s for s in built if s]


def build_cv(basin: Basin, territories: Territories, indexed_only: bool = False) -> list[CvSection]:
    """Every section of the CV that has content, figures first; `indexed_only` leaves out the needs checks."""
    from matcher.cv.skills_power_sections import skills_power_sections  # it builds CvSections of this module

    sections = [_identity(basin, territories), _economy(basin, territories), _labour(basin, territories)]
    sections += _structured(basin, territories)
    sections += [s for s in (_curated(basin, key) for key in CURATED_SECTIONS) if s]
    # BMO 2025 and RTE sections describe the basin but never reach the index: they must not rank.
    return sections if indexed_only else sections + skills_power_sections(basin, territories)


def passages(basin: Basin, territories: Territories) -> list[Passage]:
    """One passage per CV section: the text that gets embedded."""
    return [
        Passage(
            basin.code,
            s.key,
            f"{s.title} — {basin.name} : " + " ".join(s.lines),
            tuple(source.title for source in s.sources),
        )
        for s in build_cv(basin, territories, indexed_only=True)
        if s.key not in NOT_INDEXED
    ]


def cv_json(basin: Basin, territories: Territories) -> dict:
    return {
        "ze2020_code": basin.code,
        "name": basin.name,
        "department_codes": list(basin.department_codes),
        "in_grand_est": basin.in_grand_est,
        "figures": {
            name: {
                "value": value,
                "label": info(name).label,
                "unit": info(name).unit,
                "year": info(name).year,
                "source": SOURCES.get(info(name).source, info(name).source),
            }
            for name, value in basin.figures.items()
        },
        "sections": [
            {"key": s.key, "title": s.title, "lines": list(s.lines), "sources": [asdict(x) for x in s.sources]}
            for s in build_cv(basin, territories)
        ],
    }


def cv_markdown(basin: Basin, territories: Territories) -> str:
    out = [f"# CV de territoire — {basin.name} ({basin.code})", ""]
    for section in build_cv(basin, territories):
        out += [f"## {section.title}", ""] + [f"- {line}" for line in section.lines]
        if section.sources:
            cited = "; ".join(f"[{s.title}]({s.url})" if s.url else s.title for s in section.sources)
            out += ["", f"Sources : {cited}"]
        out.append("")
    return "\n".join(out)
