"""``python -m bejegening``."""

from bejegening.cli import main

main()
