"""YAML reading that remembers the line of every key, so errors can name it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bejegening.model import Problem

__all__ = ["LineIndex", "read_yaml"]

Loc = tuple[str | int, ...]


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


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so pydantic reports a bad date with its field."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, loc: Loc, index: LineIndex, problems: list[Problem], file: str) -> None:
    index.add(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        field=".".join(str(p) for p in (*loc, key)),
                        value=key,
                        message=f"sleutel staat dubbel (eerder op regel {seen[key]})",
                    )
                )
            seen[key] = line
            index.add((*loc, key), line)
            _walk(value_node, (*loc, key), index, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), index, problems, file)


def read_yaml(path: Path, display: str) -> tuple[Any, LineIndex, list[Problem]]:
    """Parse one YAML document; syntax errors become problems with their line, never exceptions."""
    index = LineIndex()
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, index, [Problem(file=display, message=f"bestand is geen UTF-8-tekst ({exc.reason})")]
    except OSError as exc:
        return (
            None,
            index,
            [Problem(file=display, message=f"bestand kan niet gelezen worden: {exc.strerror}")],
        )
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, index, [Problem(file=display, line=1, message="bestand is leeg")]
            _walk(node, (), index, problems, display)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "onleesbare YAML"
        return None, index, [Problem(file=display, line=line, message=f"YAML-syntaxfout: {what}")]
    except yaml.YAMLError as exc:
        return None, index, [Problem(file=display, message=f"YAML-syntaxfout: {exc}")]
    return data, index, problems
