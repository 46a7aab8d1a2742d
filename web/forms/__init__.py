"""HTML forms, each carrying a CSRF token (Flask-WTF), with WTForms' French messages."""
