"""Layer package: checks."""
