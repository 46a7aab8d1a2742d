"""conventions: support conventions, commitments, versions, reports with evidence, review meetings

Revision ID: a77822d12e92
Revises: 47e31a0f54f2
Create Date: 2026-12-05 08:58:27.687290

"""

import sqlalchemy as sa
from alembic import op

revision = 'a77822d12e92'
down_revision = '47e31a0f54f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'conventions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('ze2020_code', sa.String(length=8), nullable=False),
        sa.Column('support_type', sa.String(length=32), nullable=False),
        sa.Column('amount_eur', sa.Float(), nullable=False),
        sa.Column('funders', sa.Text(), nullable=False),
        sa.Column('signed_on', sa.Date(), nullable=False),
        sa.Column('clawback_pct', sa.Float(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conventions_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conventions_ze2020_code'), ['ze2020_code'], unique=False)

    op.create_table(
        'commitments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.Column('unit', sa.String(length=40), nullable=False),
        sa.Column('baseline', sa.Float(), nullable=False),
        sa.Column('target', sa.Float(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('jobs_created', 'jobs_kept', 'investment', 'apprentices', 'training_hours', 'local_purchases', 'energy', 'brownfield', 'free')",
            name='ck_commitments_kind',
        ),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_convention_id'), ['convention_id'], unique=False)

    op.create_table(
        'convention_reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('participants', sa.Text(), nullable=False),
        sa.Column('minutes', sa.Text(), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('clawback_eur', sa.Float(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("outcome IN ('maintain', 'amend', 'clawback')", name='ck_reviews_outcome'),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id']),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('convention_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_reviews_convention_id'), ['convention_id'], unique=False)

    op.create_table(
        'convention_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('terms', sa.JSON(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id']),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('convention_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_versions_convention_id'), ['convention_id'], unique=False)

    op.create_table(
        'commitment_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('reported_on', sa.Date(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('evidence_key', sa.String(length=64), nullable=True),
        sa.Column('evidence_name', sa.String(length=120), nullable=True),
        sa.Column('evidence_bytes', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id']),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('commitment_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_reports_commitment_id'), ['commitment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('commitment_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_reports_commitment_id'))

    op.drop_table('commitment_reports')
    with op.batch_alter_table('convention_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_versions_convention_id'))

    op.drop_table('convention_versions')
    with op.batch_alter_table('convention_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_reviews_convention_id'))

    op.drop_table('convention_reviews')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_convention_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conventions_ze2020_code'))
        batch_op.drop_index(batch_op.f('ix_conventions_project_id'))

    op.drop_table('conventions')
