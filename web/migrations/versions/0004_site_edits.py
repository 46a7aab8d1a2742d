"""site edits: versioned agency edits of the site inventory

Revision ID: 5e8a41c07d2b
Revises: 3b9f6c2d8e17
Create Date: 2026-12-05 09:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = '5e8a41c07d2b'
down_revision = '3b9f6c2d8e17'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'site_edits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ze2020_code', sa.String(length=8), nullable=False),
        sa.Column('site_id', sa.String(length=64), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('record', sa.JSON(), nullable=False),
        sa.Column('previous', sa.JSON(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('site_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_edits_ze2020_code'), ['ze2020_code'], unique=False)


def downgrade():
    with op.batch_alter_table('site_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_edits_ze2020_code'))
    op.drop_table('site_edits')
