"""API fixtures live in tests/conftest.py (shared with other test packages)."""
