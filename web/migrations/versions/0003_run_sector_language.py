"""run sector and language: the NAF code (given or inferred) and the text language of each stored match

Revision ID: 3b9f6c2d8e17
Revises: 7d1e2b0c9a41
Create Date: 2026-11-27 08:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = '3b9f6c2d8e17'
down_revision = '7d1e2b0c9a41'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('match_runs') as batch_op:
        batch_op.add_column(sa.Column('sector', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('match_runs') as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('sector')
