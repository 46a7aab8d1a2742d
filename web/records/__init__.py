"""Database tables (SQLAlchemy models): accounts, projects and their runs, decisions, versions, conventions."""
