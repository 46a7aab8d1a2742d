"""Storage on SQLite and PostgreSQL: migrations, records, constraints, the decisions frame."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from web_support import WOOD, add_accounts, add_project, make_app


@pytest.fixture
def store(database_url, fast_matcher):
    app = make_app(database_url, fast_matcher)
    yield app
    from web.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # PostgreSQL cannot drop the test schema while connections hold it


def test_migrations_build_exactly_the_models_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from web.extensions import db

    ours = set(db.metadata.tables)

    def only_ours(obj, name, type_, reflected, compare_to) -> bool:
        # Tables of other web modules not imported here are theirs to check.
        return type_ != "table" or name in ours

    with store.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_ours})
        assert compare_metadata(context, db.metadata) == []


def test_records_round_trip_and_tokens_are_stored_hashed(store):
    from web.extensions import db
    from web.records.core import ApiToken, MatchedBasin, ProjectRecord

    accounts = add_accounts(store)
    project = add_project(store, accounts["company_a"], needs=["rail", "power"], land_ha=15.5, endogenous=True)
    with store.app_context():
        record = db.session.get(ProjectRecord, project)
        assert record.needs == ["power", "rail"] and record.land_ha == 15.5 and record.endogenous is True
        basin = record.latest_run.basins[0]
        assert basin.rank == 1 and isinstance(basin.explanation["passages"], list)
        assert basin.explanation["passages"][0]["text"]  # French text with accents survives the JSON column
        stored = db.session.execute(sa.select(ApiToken.token_hash)).scalars().all()
        dump = " ".join(stored)
        assert all(len(h) == 64 for h in stored)
        assert all(a.token not in dump and a.token[3:] not in dump for a in accounts.values())
        db.session.delete(record)
        db.session.commit()
        assert db.session.execute(sa.select(sa.func.count()).select_from(MatchedBasin)).scalar() == 0


@pytest.mark.parametrize(
    "table, values",
    [
        (
            "users",
            {
                "email": "x@example.fr",
                "password_hash": "h",
                "role": "superuser",
                "organisation_id": 1,
                "active": True,
                "session_version": 0,
            },
        ),
        ("decisions", {"project_id": 1, "ze2020_code": "4407", "kind": "maybe", "comment": "", "user_id": 1}),
    ],
)
def test_the_database_refuses_unknown_roles_and_decisions(store, table, values):
    from web.extensions import db

    accounts = add_accounts(store)
    add_project(store, accounts["company_a"])
    with store.app_context():
        columns = db.metadata.tables[table]
        with pytest.raises(sa.exc.IntegrityError):  # CHECK constraints refuse the row at the INSERT itself
            db.session.execute(columns.insert().values(created_at=sa.func.now(), **values))
        db.session.rollback()


def test_emails_are_unique(store):
    from web.extensions import db
    from web.records.core import Organisation, User

    add_accounts(store)
    with store.app_context():
        db.session.add(
            User(email="agency@example.fr", role="agency", password_hash="h", organisation=Organisation(name="Autre"))
        )
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()


def test_decisions_frame_keeps_the_latest_decision_per_basin(store, database_url):
    from training.decisions import COLUMNS
    from web.decisions_export import decisions_frame
    from web.extensions import db
    from web.records.core import Decision

    accounts = add_accounts(store)
    first = add_project(store, accounts["company_a"], naf_code="16.21Z", jobs=80)
    second = add_project(store, accounts["company_b"], description=f"{WOOD} (bis)")
    with store.app_context():
        agency = accounts["agency"].user_id
        for project, code, kind in [
            (first, "4407", "shortlist"),
            (first, "4407", "final_site"),
            (first, "4404", "reject"),
            (second, "4412", "accept"),
        ]:
            db.session.add(Decision(project_id=project, ze2020_code=code, kind=kind, user_id=agency))
        db.session.commit()
    frame = decisions_frame(database_url)
    assert set(COLUMNS) <= set(frame.columns)
    rows = list(frame[["project_id", "ze2020_code", "decision"]].itertuples(index=False, name=None))
    assert rows == [(first, "4404", "reject"), (first, "4407", "final_site"), (second, "4412", "accept")]
    assert frame.loc[0, "naf_code"] == "16.21Z" and frame.loc[0, "jobs"] == 80
    assert frame.loc[2, "description"].endswith("(bis)")


def test_decisions_frame_of_an_empty_database_has_the_columns(store, database_url):
    from training.decisions import COLUMNS
    from web.decisions_export import decisions_frame

    frame = decisions_frame(database_url)
    assert frame.empty and set(COLUMNS) <= set(frame.columns)


def test_migrations_downgrade_to_nothing(store):
    from flask_migrate import downgrade

    from web.extensions import db

    with store.app_context():
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}


def test_migrating_leaves_the_other_loggers_alone(store, caplog):
    import logging

    from flask_migrate import upgrade

    other = logging.getLogger("matcher.some_module")
    with store.app_context():
        upgrade()
    assert not other.disabled
    with caplog.at_level(logging.WARNING, logger="matcher.some_module"):
        other.warning("still heard")
    assert "still heard" in caplog.text
