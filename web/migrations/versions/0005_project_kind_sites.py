"""project kind and existing sites: what kind of project a company files and where its sites in the region are

Revision ID: 5e8a1c4f7b20
Revises: 5e8a41c07d2b
Create Date: 2026-12-05 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = '5e8a1c4f7b20'
down_revision = '5e8a41c07d2b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('projects') as batch_op:
        batch_op.add_column(sa.Column('project_kind', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('existing_site_communes', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('projects') as batch_op:
        batch_op.drop_column('existing_site_communes')
        batch_op.drop_column('project_kind')
