"""cv edits: versioned agency edits of curated CV sections

Revision ID: 7d1e2b0c9a41
Revises: c548510d45ec
Create Date: 2026-11-27 00:15:00

"""

import sqlalchemy as sa
from alembic import op

revision = '7d1e2b0c9a41'
down_revision = 'c548510d45ec'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'cv_edits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ze2020_code', sa.String(length=8), nullable=False),
        sa.Column('section', sa.String(length=40), nullable=False),
        sa.Column('facts', sa.JSON(), nullable=False),
        sa.Column('sources', sa.JSON(), nullable=False),
        sa.Column('previous_facts', sa.JSON(), nullable=False),
        sa.Column('previous_sources', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('reverts_id', sa.Integer(), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id']),
        sa.ForeignKeyConstraint(['reverts_id'], ['cv_edits.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('cv_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cv_edits_ze2020_code'), ['ze2020_code'], unique=False)


def downgrade():
    with op.batch_alter_table('cv_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cv_edits_ze2020_code'))
    op.drop_table('cv_edits')
