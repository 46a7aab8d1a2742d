"""basin fits: each project's place for every candidate basin, read by the agency basin pages

Revision ID: 47e31a0f54f2
Revises: 71396d110d00
Create Date: 2026-12-05 09:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = '47e31a0f54f2'
down_revision = '71396d110d00'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'basin_fits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('ze2020_code', sa.String(length=8), nullable=False),
        sa.Column('scope', sa.String(length=16), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('candidates', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('fit', sa.Float(), nullable=False),
        sa.Column('policy_adjustment', sa.Float(), nullable=False),
        sa.Column('ranking_key', sa.String(length=250), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'ze2020_code', name='uq_basin_fits_project_basin'),
    )
    with op.batch_alter_table('basin_fits', schema=None) as batch_op:
        batch_op.create_index('ix_basin_fits_basin_score', ['ze2020_code', 'score'], unique=False)
        batch_op.create_index(batch_op.f('ix_basin_fits_project_id'), ['project_id'], unique=False)


def downgrade():
    with op.batch_alter_table('basin_fits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_basin_fits_project_id'))
        batch_op.drop_index('ix_basin_fits_basin_score')
    op.drop_table('basin_fits')
