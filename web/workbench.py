"""The agency workbench: CV pages, comparison, map and dossier blueprints, and live re-indexing."""

from __future__ import annotations

from flask import Flask

from web import basin_fits, basins, compare_page, dossier, live_matcher, site_pages
from web import map as map_pages


def init_app(app: Flask) -> None:
    for blueprint in (basins.bp, site_pages.bp, compare_page.bp, map_pages.bp, dossier.bp):
        app.register_blueprint(blueprint)
    live_matcher.init_app(app)
    basin_fits.init_app(app)
