"""Turn pydantic validation errors into Dutch problems that name file, line, field and value."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bejegening.model import FieldValueError, Problem

__all__ = ["did_you_mean", "field_path", "model_fields_of_type", "problems_from_validation"]

Loc = tuple[str | int, ...]


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """`` (bedoelde u 'x'?)`` for the closest candidate, or an empty string."""
    if not isinstance(value, str) or len(value) > 200:  # difflib is quadratic in the length
        return ""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (bedoelde u '{matches[0]}'?)" if matches else ""


def field_path(loc: Sequence[str | int]) -> str:
    """``questions[2].options[0].id`` from a location tuple."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def model_fields_of_type(model: type[BaseModel], kind: type) -> frozenset[str]:
    """Names of the fields of ``model`` and its nested models whose type includes ``kind``."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            for option in _unwrap(info.annotation):
                inner = option
                while typing.get_origin(inner) in (list, dict, tuple):
                    inner = _unwrap(typing.get_args(inner)[-1])[0]
                if inner is kind:
                    names.add(name)
                elif isinstance(inner, type) and issubclass(inner, BaseModel):
                    todo.append(inner)
    return frozenset(names)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that the location points into (for the list of allowed field names)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        nxt: Any = None
        for option in _unwrap(field.annotation):
            candidate = (
                _unwrap(typing.get_args(option)[0])[0] if typing.get_origin(option) is list else option
            )
            if isinstance(candidate, type) and issubclass(candidate, BaseModel | Enum):
                nxt = candidate
                break
        current = nxt
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _enum_at(model: type[BaseModel], loc: Loc) -> list[str]:
    parent = _model_at(model, loc[:-1])
    if parent is None or not loc or not isinstance(loc[-1], str):
        return []
    field = parent.model_fields.get(loc[-1])
    if field is None:
        return []
    for candidate in _unwrap(field.annotation):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def _data_loc(data: Any, loc: Sequence[Any]) -> Loc:
    """Keep the leading part of a pydantic location that really exists in the data."""
    out: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            out.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int):
            out.append(part)
            current = current[part] if 0 <= part < len(current) else None
        else:
            break
    return tuple(out)


def _nl_number(value: Any) -> str:
    """``1000000000`` → ``1.000.000.000`` (Dutch thousands separator)."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _message(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        names = list(parent.model_fields) if parent else []
        allowed = f"; toegestaan: {', '.join(names)}" if names else ""
        return f"onbekend veld{did_you_mean(loc[-1] if loc else '', names)}{allowed}"
    if kind == "enum":
        options = _enum_at(model, loc)
        return f"verwacht een van: {', '.join(options)}{did_you_mean(value, options)}"
    if kind == "string_pattern_mismatch":
        return (
            "ongeldige id: gebruik alleen kleine letters, cijfers, '-' en '_', "
            "en begin met een letter of cijfer"
        )
    if kind == "int_parsing_size":
        return "getal is te groot"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "verwacht een geheel getal"
    if kind == "finite_number":
        return "verwacht een gewoon getal (niet oneindig of NaN)"
    if kind in ("float_parsing", "float_type"):
        return "verwacht een getal"
    if kind == "greater_than_equal":
        return f"moet minstens {_nl_number(ctx.get('ge'))} zijn"
    if kind == "less_than_equal":
        return f"moet hoogstens {_nl_number(ctx.get('le'))} zijn"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "verwacht een datum als JJJJ-MM-DD"
    if kind in ("bool_parsing", "bool_type"):
        return "verwacht true of false"
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            written = str(value).lower() if isinstance(value, bool) else str(value)
            return (
                "verwacht tekst; YAML leest dit als "
                + ("ja/nee-waarde" if isinstance(value, bool) else "getal")
                + f'. Zet het tussen aanhalingstekens: "{written}"'
            )
        return "verwacht tekst"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind == "list_type":
        return "verwacht een lijst"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "verwacht een blok met velden"
    if kind == "too_short":
        return f"verwacht minstens {ctx.get('min_length')} item(s)"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])


def problems_from_validation(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    file: str,
    *,
    line_of: Callable[[Loc], int | None] | None = None,
    row: int | None = None,
    prefix: Loc = (),
) -> list[Problem]:
    """One Dutch :class:`Problem` per pydantic error, with the YAML line or table row."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = _data_loc(data, err["loc"])
        # For a missing or unknown key, point at the key itself.
        cause = (err.get("ctx") or {}).get("error")
        if err["type"] in ("missing", "extra_forbidden") and len(err["loc"]) == len(loc) + 1:
            loc_named: Loc = (*loc, err["loc"][-1])
        elif isinstance(cause, FieldValueError):
            loc_named = (*loc, cause.field)
        else:
            loc_named = loc
        value = None if err["type"] == "missing" else err.get("input")
        if isinstance(cause, FieldValueError) and isinstance(value, dict):
            value = value.get(cause.field)
        if isinstance(value, dict | list):
            value = None
        if err["type"] == "extra_forbidden":
            value = loc_named[-1] if loc_named else None
        full = (*prefix, *loc_named)
        problems.append(
            Problem(
                file=file,
                line=line_of(full) if line_of else None,
                row=row,
                field=field_path(full) or None,
                value=value,
                message=_message(err, model, loc_named),
            )
        )
    return problems
