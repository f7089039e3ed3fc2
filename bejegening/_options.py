"""Keyword parameters declared once, as a ``TypedDict`` (``**options: Unpack[...]``, PEP 692).

A type checker checks every call against the ``TypedDict``. At run time Python would accept any
keyword and ``help()`` would show only ``**options``; :func:`keyword_options` makes the public
function behave and read as an ordinary signature: a misspelt or missing keyword raises the
``TypeError`` Python raises for one (naming the function called, before it does anything),
``help()``/``inspect.signature`` list every keyword parameter with its default, and the function
receives every key with the defaults filled in (written once, at the decorator; the body reads
``options["key"]``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, ForwardRef, Protocol, TypeVar, cast

__all__ = ["keyword_options"]


class _Declared(Protocol):
    __required_keys__: frozenset[str]
    __optional_keys__: frozenset[str]
    __annotations__: dict[str, Any]


F = TypeVar("F", bound=Callable[..., Any])


def _key(annotation: object) -> tuple[object, bool]:
    """A ``TypedDict`` key's annotation as written (``Required[...]`` unwrapped) and whether it is
    required. Under ``from __future__ import annotations`` the ``TypedDict`` sees ``Required[str]``
    only as text, so ``__required_keys__`` leaves such a key out: it is read from the text."""
    text = annotation.__forward_arg__ if isinstance(annotation, ForwardRef) else annotation
    if isinstance(text, str) and text.startswith("Required[") and text.endswith("]"):
        return text.removeprefix("Required[")[:-1], True
    return text, False


def _keys(declared: _Declared) -> dict[str, tuple[object, bool]]:
    """Every key of ``declared``: its annotation and whether it is required."""
    keys = {name: _key(annotation) for name, annotation in declared.__annotations__.items()}
    return {
        name: (text, required or name in declared.__required_keys__)
        for name, (text, required) in keys.items()
    }


def _check(function: str, given: Mapping[str, object], keys: Mapping[str, tuple[object, bool]]) -> None:
    for name in given:
        if name not in keys:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")
    missing = sorted(name for name, (_text, required) in keys.items() if required and name not in given)
    if missing:
        names = " and ".join(repr(name) for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise TypeError(
            f"{function}() missing {len(missing)} required keyword-only argument{plural}: {names}"
        )


def keyword_options(declared: _Declared, **defaults: object) -> Callable[[F], F]:
    """Decorate a function whose ``**options`` are the ``TypedDict`` ``declared``.

    ``defaults``: the defaults of its optional keys (a key not named here defaults to ``None``);
    the function is called with every key of ``declared``, the ones not given set to their
    default, and its signature shows them. Calls raise ``TypeError`` for a keyword that is
    neither a parameter of the function nor a key of ``declared``, and for a required key that
    is missing. ``tests/test_public_api.py`` checks that passing the shown defaults explicitly
    changes nothing.
    """

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        own_names = {p.name for p in own}
        keys = _keys(declared)
        filled = {
            name: defaults.get(name)
            for name, (_text, required) in keys.items()
            if not required and name not in own_names
        }
        keywords = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if required else defaults.get(name),
                annotation=text,
            )
            for name, (text, required) in keys.items()
            if name not in own_names
        ]
        # Python requires keyword-only parameters without a default to come first only in
        # positional order; for keyword-only ones any order is valid, so the declared order stays.

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            _check(function.__name__, {k: v for k, v in kwargs.items() if k not in own_names}, keys)
            return function(*args, **(filled | kwargs))

        checked.__signature__ = signature.replace(parameters=[*own, *keywords])  # type: ignore[attr-defined]
        return cast(F, checked)

    return decorate
