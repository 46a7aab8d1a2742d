"""Tiny BMO, commune and substation tables whose carried-over figures are worked out by hand in the tests."""

from __future__ import annotations

import pandas as pd

from matcher.territory.records import Basin

BMO_COLUMNS = [
    "bmo_basin_code",
    "bmo_basin_name",
    "region_code",
    "occupation_code",
    "occupation_label",
    "occupation_family_code",
    "occupation_family_label",
    "hiring_projects",
    "hiring_projects_difficult",
    "hiring_projects_seasonal",
]
WELDERS = ("D1X33", "Soudeurs", "I", "Ouvriers des secteurs de l'industrie")
CLEANERS = ("T4X60", "Agents d'entretien de locaux", "V", "Fonctions liées à la vente, au tourisme et aux services")
ENGINEERS = ("H1X90", "Ingénieurs et cadres de fabrication et de la production", "T", "Autres techniciens et employés")


def bmo_frame() -> pd.DataFrame:
    """8401 spreads over basins A (1/7) and B (6/7); 777 is 2019's 0999 by name, all in A; 0102 is 102, in C;
    7549 has no commune and stays unallocated."""
    rows = [
        ("8401", "NORD", "44", *WELDERS, 70, 35, 0),
        ("8401", "NORD", "44", *CLEANERS, 14, 7, 7),
        ("777", "BASSIN RENOMME", "44", *WELDERS, 20, 20, 0),
        ("102", "SUD", "27", *ENGINEERS, 50, 10, 0),
        ("7549", "NOUVEAU", "27", *WELDERS, 9, 9, 0),
    ]
    return pd.DataFrame(rows, columns=BMO_COLUMNS)


def commune_bmo_frame() -> pd.DataFrame:
    rows = [("c1", "8401", "NORD"), ("c3", "8401", "NORD"), ("c2", "0999", "BASSIN RENOMME"), ("c5", "0102", "SUD")]
    return pd.DataFrame(rows, columns=["commune_code", "bmo_basin_code", "bmo_basin_name"])


def communes_frame() -> pd.DataFrame:
    rows = [("c1", "A", "44", 100.0), ("c2", "A", "44", 300.0), ("c3", "B", "44", 600.0), ("c5", "C", "27", 500.0)]
    return pd.DataFrame(rows, columns=["commune_code", "ze2020_code", "reg_code", "population_2021"])


def basin(code: str) -> Basin:
    return Basin(
        code=code,
        name=f"Bassin {code}",
        region_codes=("44",),
        department_codes=("88",),
        in_grand_est=True,
        is_metropolitan=True,
        is_interregional=False,
        n_communes=1,
        centroid_lat=48.0,
        centroid_lon=6.0,
        figures={},
    )


def grid_communes() -> pd.DataFrame:
    """Basin X around (48.0, 6.0), basin Y around (45.0, 2.0), basin Z in Corsica."""
    rows = [
        ("x1", "Usinville", "X", "44", 50, 48.0, 6.0),
        ("x2", "Petiteville", "X", "44", 3, 48.02, 6.05),
        ("y1", "Aubeville", "Y", "84", 20, 45.0, 2.0),
        ("z1", "Ajaccio", "Z", "94", 40, 41.93, 8.74),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "commune_code",
            "commune_name",
            "ze2020_code",
            "reg_code",
            "establishments_industry_2018",
            "lat",
            "lon",
        ],
    )


def substations_frame(lat_225: float = 48.09) -> pd.DataFrame:
    """A 225 kV substation about 10 km north of Usinville (by default), a 63 kV one near Aubeville, a tap point."""
    rows = [
        ("S225", "POSTE NORD", "Poste de transformation", "EN EXPLOITATION", "225", 6.0, lat_225),
        ("S63", "POSTE SUD", "Poste de transformation", "EN EXPLOITATION", "63", 2.02, 45.01),
        ("P400", "PIQUAGE", "Point de piquage", "EN EXPLOITATION", "400", 2.0, 45.02),
    ]
    return pd.DataFrame(rows, columns=["substation_code", "name", "function", "status", "voltage_kv", "lon", "lat"])
