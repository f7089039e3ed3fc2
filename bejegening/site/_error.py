"""The error of a build that could not make the site (a light module: the MkDocs process raises it
without importing the build)."""

from __future__ import annotations

__all__ = ["SiteBuildError"]


class SiteBuildError(Exception):
    """The site could not be built; the message is Dutch and names what to fix."""
