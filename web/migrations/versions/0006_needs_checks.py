"""occupations sought by a project, and the needs checks of each matched basin

Revision ID: b078bf0cafa7
Revises: 5e8a1c4f7b20
Create Date: 2026-12-05 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = 'b078bf0cafa7'
down_revision = '5e8a1c4f7b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('projects') as batch_op:
        batch_op.add_column(sa.Column('occupations', sa.JSON(), nullable=True))
    with op.batch_alter_table('matched_basins') as batch_op:
        batch_op.add_column(sa.Column('needs_checks', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('matched_basins') as batch_op:
        batch_op.drop_column('needs_checks')
    with op.batch_alter_table('projects') as batch_op:
        batch_op.drop_column('occupations')
