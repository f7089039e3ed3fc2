"""Layer package: stats."""
