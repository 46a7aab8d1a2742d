"""The CV de territoire as text: sections written from curated facts and from the structured figures."""
