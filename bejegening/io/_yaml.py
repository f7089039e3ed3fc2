"""YAML reading that is bounded, explains syntax errors in Dutch and remembers every key's line.

Bounds (each breach is a Dutch problem naming the file, the line and the limit, never an
exception): the file's size (:data:`MAX_YAML_BYTES`), the nesting depth (:data:`MAX_DEPTH`),
the number of values after expanding aliases (:data:`MAX_NODES`; nine levels of ``*alias``
would otherwise expand to billions) and the length of a number (:data:`MAX_NUMBER_CHARS`).

Booleans follow YAML 1.2: only ``true`` and ``false``.  YAML 1.1's ``yes``/``no``/``on``/``off``
are read as the text they are (an option labelled ``NO`` stays ``"NO"``), with a warning to put
such a text between quotes, because other YAML tools read them as true/false.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bejegening.model import Problem, Severity

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "MAX_YAML_BYTES",
    "LineIndex",
    "read_yaml",
    "syntax_problem",
]

Loc = tuple[str | int, ...]

MAX_YAML_BYTES = 5 * 1024 * 1024
"""A survey.yaml of a large survey is well under 1 MB."""
MAX_DEPTH = 50
"""Nesting of blocks and lists; survey.yaml needs about 8."""
MAX_NODES = 200_000
"""Values (keys, texts, list items) counted with every alias expanded."""
MAX_NUMBER_CHARS = 30
"""Characters of a number written in the file."""

_YAML11_BOOLS = frozenset({"yes", "no", "on", "off"})
"""YAML 1.1 booleans that PyYAML and many editors read as true/false; here they stay text."""


class LineIndex:
    """Maps a path of keys and list indices to the 1-based line where it is written."""

    def __init__(self) -> None:
        self._lines: dict[Loc, int] = {}

    def add(self, loc: Loc, line: int) -> None:
        self._lines.setdefault(loc, line)

    def line(self, loc: Loc) -> int | None:
        """The line of ``loc`` or of its nearest ancestor that is in the file."""
        for end in range(len(loc), -1, -1):
            found = self._lines.get(loc[:end])
            if found is not None:
                return found
        return None


class _LimitError(Exception):
    """A bound was exceeded while composing (line is 1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, dates as text and a bounded nesting depth."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _LimitError(
                    mark.line + 1,
                    f"te diep genest (meer dan {MAX_DEPTH} niveaus van blokken of lijsten in elkaar)",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


class _Walk:
    """One pass over the composed nodes: line index, duplicate keys and the bounds."""

    def __init__(self, file: str, bool_fields: frozenset[str]) -> None:
        self.file = file
        self.bool_fields = bool_fields
        self.index = LineIndex()
        self.problems: list[Problem] = []
        self.nodes = 0

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> None:
        line = node.start_mark.line + 1
        if node.style is not None:
            return
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            if len(node.value) > MAX_NUMBER_CHARS:
                raise _LimitError(
                    line,
                    f"getal van {len(node.value)} tekens is te lang (hoogstens {MAX_NUMBER_CHARS}); "
                    "is het een tekst, zet het dan tussen aanhalingstekens",
                )
        elif node.value.lower() in _YAML11_BOOLS:
            key = next((p for p in reversed(loc) if isinstance(p, str)), "")
            if key not in self.bool_fields:
                self.problems.append(
                    Problem(
                        file=self.file,
                        line=line,
                        field=_path(loc),
                        value=node.value,
                        message=(
                            f"'{node.value}' wordt gelezen als de tekst '{node.value}'; andere "
                            "programma's lezen het als ja/nee (true/false). Zet het tussen "
                            f'aanhalingstekens: "{node.value}"'
                        ),
                        severity=Severity.warning,
                    )
                )

    def walk(self, node: yaml.Node, loc: Loc, depth: int = 0) -> None:
        self.nodes += 1
        line = node.start_mark.line + 1
        if self.nodes > MAX_NODES:
            raise _LimitError(
                line,
                f"te veel waarden (meer dan {MAX_NODES:,} na het uitschrijven van verwijzingen "
                "*naam); gebruik geen ankers (&naam) en verwijzingen (*naam) in survey.yaml".replace(
                    ",", "."
                ),
            )
        if depth > MAX_DEPTH:
            raise _LimitError(
                line, f"te diep genest (meer dan {MAX_DEPTH} niveaus, ook via verwijzingen *naam)"
            )
        self.index.add(loc, line)
        if isinstance(node, yaml.ScalarNode):
            self.scalar(node, loc)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                key_line = key_node.start_mark.line + 1
                if key in seen:
                    self.problems.append(
                        Problem(
                            file=self.file,
                            line=key_line,
                            field=".".join(str(p) for p in (*loc, key)),
                            value=key,
                            message=f"sleutel staat dubbel (eerder op regel {seen[key]})",
                        )
                    )
                seen[key] = key_line
                self.index.add((*loc, key), key_line)
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:str":
                    self.nodes += 1
                    if key_node.style is None and len(key_node.value) > MAX_NUMBER_CHARS:
                        raise _LimitError(
                            key_line, f"sleutel is te lang (hoogstens {MAX_NUMBER_CHARS} tekens als getal)"
                        )
                self.walk(value_node, (*loc, key), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.walk(item, (*loc, i), depth + 1)


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def _line_text(text: str, line: int | None) -> str:
    if line is None:
        return ""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _quoted_fix(source_line: str) -> str:
    """``text: "Let op: bent u tevreden?"`` from ``text: Let op: bent u tevreden?``."""
    match = re.match(r"^(\s*(?:-\s+)?[^\s:#][^:#]*?):\s+(.+?)\s*$", source_line)
    if not match:
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f' Bijvoorbeeld: {match.group(1).strip()}: "{value}"'


def _flow_fix(source_line: str) -> str:
    """``[ "wat vindt u?", x ]`` from ``[wat vindt u?, x]``: every unquoted item quoted."""
    match = re.search(r"\[([^\[\]]*)\]", source_line)
    if not match:
        return '; bijvoorbeeld ["wat vindt u?", x]'
    items = [item.strip() for item in match.group(1).split(",")]
    quoted = [item if item[:1] in "\"'" else '"' + item.replace('"', '\\"') + '"' for item in items if item]
    return f"; bijvoorbeeld [{', '.join(quoted)}]"


def syntax_problem(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    """A Dutch problem for a YAML syntax error: where, what is wrong in plain words, how to fix it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    source_line = _line_text(text, line)
    if (
        "\t" in source_line[: len(source_line) - len(source_line.lstrip())]
        or "'\\t'" in problem
        or ("tab" in problem)
    ):
        message = (
            "er staat een tab waar YAML spaties verwacht; spring in met spaties (geen tabs), even "
            "ver als de regels erboven"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            "dubbele punt (:) midden in een tekst zonder aanhalingstekens; zet de hele tekst tussen "
            'aanhalingstekens (")' + _quoted_fix(source_line)
        )
    elif "found unexpected end of stream" in problem or "end of the stream" in problem:
        message = (
            "een aanhalingsteken of haakje wordt niet gesloten; zet aan het eind van de tekst "
            "hetzelfde aanhalingsteken als aan het begin, en sluit elke [ met ] en elke { met }"
        )
    elif "while parsing a flow" in context or ("expected ',' or" in problem) or "flow" in context:
        message = (
            "een lijst tussen [ ] of een blok tussen { } klopt niet: zet teksten met een : , ? # "
            "[ ] { } erin tussen aanhalingstekens" + _flow_fix(source_line)
        )
    elif "could not find expected ':'" in problem or "simple key" in context:
        message = (
            "hier ontbreekt 'sleutel: waarde'; loopt een tekst door op de volgende regel, zet hem dan "
            "tussen aanhalingstekens of op één regel, en controleer de inspringing"
        )
    elif (
        "did not find expected key" in problem
        or "expected <block end>" in problem
        or ("did not find expected '-'" in problem)
    ):
        message = (
            "de inspringing klopt niet; zet sleutels van hetzelfde blok precies onder elkaar (met "
            "spaties) en begin elk lijst-item met '- '"
        )
    elif "cannot start any token" in problem:
        char = re.search(r"character '(.+?)'", problem)
        shown = char.group(1) if char else "dit teken"
        message = (
            f"een waarde kan niet beginnen met {shown}; zet de tekst tussen aanhalingstekens"
            + _quoted_fix(source_line)
        )
    elif "found undefined alias" in problem or "found duplicate anchor" in problem:
        message = "verwijzing (*naam) zonder anker (&naam); schrijf de waarde gewoon uit"
    elif "could not determine a constructor" in problem:
        message = "onbekende tag (!…); schrijf de waarde zonder tag, tussen aanhalingstekens als het tekst is"
    else:
        message = (
            f"onleesbare YAML ({problem}); controleer de inspringing (spaties, geen tabs) en zet "
            "teksten met : # [ ] { } tussen aanhalingstekens"
        )
    return Problem(file=file, line=line, message=f"YAML-syntaxfout: {message}")


def read_yaml(
    path: Path, display: str, *, bool_fields: frozenset[str] = frozenset()
) -> tuple[Any, LineIndex, list[Problem]]:
    """Parse one YAML document within the bounds; every fault is a Dutch problem, never an exception.

    ``bool_fields`` are keys whose value is a yes/no setting (no warning for ``yes`` there).
    Returns the data (None when it cannot be read), the line index and the problems.
    """
    walk = _Walk(display, bool_fields)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            return (
                None,
                walk.index,
                [
                    Problem(
                        file=display,
                        message=f"bestand is te groot ({size / 1e6:.1f} MB; hoogstens "
                        f"{MAX_YAML_BYTES / 1e6:.0f} MB)".replace(".", ","),
                    )
                ],
            )
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return (
            None,
            walk.index,
            [
                Problem(
                    file=display,
                    message=f"bestand is geen UTF-8-tekst ({exc.reason}); sla het op als UTF-8",
                )
            ],
        )
    except OSError as exc:
        return (
            None,
            walk.index,
            [Problem(file=display, message=f"bestand kan niet gelezen worden: {exc.strerror}")],
        )
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, walk.index, [Problem(file=display, line=1, message="bestand is leeg")]
            walk.walk(node, ())
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _LimitError as exc:
        return None, walk.index, [Problem(file=display, line=exc.line, message=exc.message)]
    except yaml.YAMLError as exc:
        return None, walk.index, [syntax_problem(exc, text, display)]
    except (ValueError, RecursionError, OverflowError) as exc:  # a number PyYAML cannot convert
        return None, walk.index, [Problem(file=display, message=f"onleesbare waarde: {str(exc)[:200]}")]
    return data, walk.index, walk.problems
