"""MkDocs' build of a generated project: its warnings collected for the error message, and the
theme's compiled templates cached between builds. A light module (MkDocs and Jinja only), so the
MkDocs process (:mod:`~bejegening.site._mkdocs_process`) imports nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.theme import Theme

from bejegening.site._error import SiteBuildError

__all__ = ["run_mkdocs", "warm_up"]


class _WarningCollector(logging.Handler):
    """Collects MkDocs warnings and errors, to report them when the build fails."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_logging() -> Iterator[_WarningCollector]:
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    previous_level = logger.level
    logger.addHandler(collector)
    if previous_level == logging.NOTSET or previous_level < logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)


def run_mkdocs(config_path: Path, template_cache: Path | None = None) -> None:
    """MkDocs' build of the project at ``config_path``; with ``template_cache``, the theme's
    Jinja templates are compiled once and kept there (Jinja's bytecode cache: about 0,1 s a build)."""
    with _mkdocs_logging() as collector:
        try:
            config = load_config(str(config_path))
            if template_cache is not None:
                _cache_templates(config.theme, template_cache)
            build(config)
        except (MkDocsException, SystemExit) as exc:
            details = "\n".join(f"  - {m}" for m in collector.messages) or f"  - {exc}"
            raise SiteBuildError(f"MkDocs kon de site niet bouwen:\n{details}") from exc


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache for the theme's templates, keyed by template name only (the build's
    work folder, and so the path of an override, differs every build; Jinja recompiles when a
    template's source changed), and one that cannot be read or written only costs speed."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, EOFError, ValueError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _cache_templates(theme: Theme, folder: Path) -> None:
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        with contextlib.suppress(OSError):  # a cache that cannot be made only costs speed
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = _TemplateCache(str(folder))
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def warm_up(config_path: Path) -> None:
    """Load the MkDocs settings at ``config_path`` once and forget them: this imports the theme,
    its plugins and the Markdown extensions, and reads the installed plugins' entry points, so
    the next :func:`run_mkdocs` in this process starts at once. Any failure only costs speed."""
    with _mkdocs_logging(), contextlib.suppress(Exception, SystemExit):
        load_config(str(config_path))
