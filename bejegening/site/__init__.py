"""Layer package: site."""
