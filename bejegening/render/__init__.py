"""Layer package: render."""
