"""Fixtures shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium (``tests._browser.chromium``), one for the whole test run."""
    from tests._browser import chromium  # noqa: PLC0415 (only browser tests pay for Playwright)

    with chromium() as opened:
        yield opened
