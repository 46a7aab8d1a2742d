"""outcomes anywhere: a final site in any basin or none (abroad, abandoned), withdrawable, with the rank it was shown at

Revision ID: 71396d110d00
Revises: b078bf0cafa7
Create Date: 2026-12-05 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = '71396d110d00'
down_revision = 'b078bf0cafa7'
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('shortlist', 'accept', 'reject', 'final_site')"
NEW_KINDS = "kind IN ('shortlist', 'accept', 'reject', 'final_site', 'no_site', 'withdrawn')"
# The rank each decided basin had in the run the agency was shown, and how many basins that run showed.
BACKFILL_RANK = (
    "UPDATE decisions SET shown_rank = (SELECT mb.rank FROM matched_basins mb "
    "WHERE mb.run_id = decisions.run_id AND mb.ze2020_code = decisions.ze2020_code)"
)
BACKFILL_COUNT = (
    "UPDATE decisions SET shown_count = (SELECT count(*) FROM matched_basins mb "
    "WHERE mb.run_id = decisions.run_id) WHERE run_id IS NOT NULL"
)


def upgrade():
    with op.batch_alter_table('decisions', recreate='always') as batch_op:
        batch_op.add_column(sa.Column('shown_rank', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shown_count', sa.Integer(), nullable=True))
        batch_op.drop_constraint('ck_decisions_kind', type_='check')
        batch_op.create_check_constraint('ck_decisions_kind', NEW_KINDS)
    op.execute(BACKFILL_RANK)
    op.execute(BACKFILL_COUNT)


def downgrade():
    op.execute("DELETE FROM decisions WHERE kind IN ('no_site', 'withdrawn')")
    with op.batch_alter_table('decisions', recreate='always') as batch_op:
        batch_op.drop_constraint('ck_decisions_kind', type_='check')
        batch_op.create_check_constraint('ck_decisions_kind', OLD_KINDS)
        batch_op.drop_column('shown_count')
        batch_op.drop_column('shown_rank')
