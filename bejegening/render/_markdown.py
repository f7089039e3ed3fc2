"""Safe Markdown text from data: the ONE place where text from data files is escaped.

Text in ``survey.yaml`` and ``findings.csv`` is written by people outside this project. Python-
Markdown keeps raw HTML and ``[x](javascript:…)`` links live, so every value that comes from a
data file must be neutralised before it enters a generated page. :func:`escape_text` turns every
character that means something to HTML, Markdown, Python-Markdown's extensions or Jinja into a
numeric character reference (``<`` → ``&#60;``). Character references are decoded by the browser
both in Markdown paragraphs and inside raw HTML blocks and attribute values, so one function
serves every context a template writes to.

:func:`page_environment` builds the Jinja environment for the page templates: it escapes every
``{{ value }}`` with :func:`escape_text` (an autoescape that knows Markdown), unless the value is
:class:`markupsafe.Markup` (trusted Markdown/HTML the templates or renderers produced themselves).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from bejegening._nl import format_date, format_int, format_number, format_pct

__all__ = ["TEMPLATE_DIR", "Markup", "escape_text", "page_environment", "safe_url"]

TEMPLATE_DIR = Path(__file__).with_name("templates")

# Everything that can start markup in HTML, Markdown, the Markdown extensions mkdocs-material
# offers (attr_list, abbr, footnotes, def_list, tables, pymdownx: mark, tilde, caret, keys,
# critic, emoji, arithmatex, magiclink) or Jinja. Kept: letters, digits, space, and , . - / ? ; %
# which are harmless inside a line (line-start cases are handled separately below).
_SPECIAL = frozenset("&<>\"'`\\*_{}[]()#+!|~^=:$@")
_ENTITY = {c: f"&#{ord(c)};" for c in _SPECIAL}
# At the start of the text these start a list, a heading-like block or a horizontal rule.
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-.])")
_SPACE = re.compile(r"\s+")


def escape_text(value: object) -> Markup:
    """Text from data as inert Markdown: all markup characters become character references.

    Whitespace (also newlines) collapses to one space, so a value can never start a new block.
    ``None`` becomes an empty string. The result is :class:`~markupsafe.Markup`, so escaping twice
    is impossible.

    >>> str(escape_text("<b>[x](javascript:alert(1))</b> {{ 1 }}"))
    '&#60;b&#62;&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;&#60;/b&#62; &#123;&#123; 1 &#125;&#125;'
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _SPACE.sub(" ", str(value)).strip()
    escaped = "".join(_ENTITY.get(c, c) for c in text)
    # "1. foo" or "- foo" at the start would become a list item where a template puts the
    # value at the start of a line; escape the punctuation mark that makes it one.
    escaped = _LINE_START.sub(_escape_line_start, escaped)
    return Markup(escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(2) is not None:
        return f"{match.group(1)}{match.group(2)}&#{ord(match.group(3))};"
    return f"{match.group(4)}&#{ord(match.group(5))};"


_SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(value: object) -> Markup | None:
    """A URL from data, escaped for an ``href``, or ``None`` when it is not a plain web address.

    Only absolute ``http``/``https``/``mailto`` URLs are accepted (never ``javascript:``,
    ``data:`` or relative paths that could point into the site).
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or any(c.isspace() for c in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return escape_text(text)


def _pct(value: float | None, decimals: int = 0) -> str:
    return format_pct(value, decimals)


def _num(value: float | int | None, decimals: int = 0) -> str:
    return format_number(value, decimals)


def _int(value: int | None) -> str:
    return format_int(value)


def _date(value: dt.date | str | None) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value)


def _kb(size: int) -> str:
    """A file size for people: ``0,4 kB``, ``12 kB``, ``1,2 MB``."""
    if size >= 1_000_000:
        return format_number(size / 1_000_000, 1) + " MB"
    return format_number(size / 1000, 1 if size < 10_000 else 0) + " kB"


def _finalize(value: Any) -> Any:
    """Called by Jinja on every ``{{ … }}`` result: escape unless already trusted Markup."""
    return escape_text(value)


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk; a cache that cannot be read or written only costs speed."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError, EOFError, ValueError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's own per-user cache folder (``<tmp>/_jinja2-cache-<uid>``, mode 0700, its owner
    checked by Jinja), or None when it cannot be made safely."""
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):
        return None


def page_environment(extra_filters: dict[str, Callable[..., Any]] | None = None) -> Environment:
    """The Jinja environment for page templates; every output value passes :func:`escape_text`.

    Filters: ``pct`` (``0.213|pct(1)`` → ``21,3%``), ``num``, ``int`` (``1.234``), ``kb``, ``date``
    (``21 maart 2018``), ``url`` (:func:`safe_url`) and ``md`` (mark a value as trusted Markdown;
    only for text the renderers produced, never for data).

    Compiled templates are kept in Jinja's bytecode cache (keyed by each template's name and a
    checksum of its source): compiling the page templates costs a build about 0,2 s otherwise.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,  # escaping is done by ``finalize`` with the Markdown-aware function
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        {
            "pct": _pct,
            "num": _num,
            "int": _int,
            "date": _date,
            "url": safe_url,
            "kb": _kb,
            "md": Markup,
            "e": escape_text,
        }
    )
    if extra_filters:
        env.filters.update(extra_filters)
    return env
