"""Deferred imports for package ``__init__`` modules (PEP 562), so the CLI starts fast.

A package lists its public names per private module; nothing is imported until a name is first
used (``bejegening.wilson_interval`` or ``from bejegening.stats import wilson_interval``). Type
checkers see the same names through ``if TYPE_CHECKING:`` imports, so ``mypy --strict`` checks
every use. The pattern (see ``docs/developers/README.md``)::

    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from bejegening.stats._intervals import wilson_interval as wilson_interval
    else:
        from bejegening._lazy import lazy_exports

        __getattr__, __dir__ = lazy_exports(__name__, {"bejegening.stats._intervals": "wilson_interval"})
        del lazy_exports

Each name is re-exported for type checkers as itself (the form mypy reads as public), and a
private module whose every export is public is imported whole (``from
bejegening.stats._weights import *``). The package's ``__all__`` is the table's names, answered
by :func:`lazy_exports`; a package that writes a static ``__all__`` keeps it.
``tests/test_public_api.py`` checks that ``__all__``, the lazy table and the ``TYPE_CHECKING``
imports name the same things.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports", "lazy_module"]


def lazy_exports(
    package: str,
    exports: Mapping[str, str],
    *,
    submodules: Iterable[str] = (),
    eager: Iterable[str] = (),
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a module ``__getattr__`` and ``__dir__`` that import ``exports`` on first use.

    ``exports`` maps a module path to the names it provides, separated by spaces (one string per
    module keeps the table short); ``submodules`` are subpackages of
    ``package`` reachable as attributes (``bejegening.stats``). A resolved name is stored in the
    package's namespace, so ``__getattr__`` runs once per name. An unknown name raises
    :class:`AttributeError`, as for any module. A package without a ``__all__`` of its own gets
    the names of ``exports`` and the public names it defines itself (``eager``, such as
    ``__version__``), sorted, as its ``__all__`` (for ``from package import *``).
    """
    where = {name: module for module, names in exports.items() for name in names.split()}
    children = frozenset(submodules)
    eager = tuple(eager)

    def module_getattr(name: str) -> object:
        module = where.get(name)
        if module is not None:
            value: object = getattr(importlib.import_module(module), name)
        elif name in children:
            value = importlib.import_module(f"{package}.{name}")
        elif name == "__all__":
            value = sorted({*where, *eager})
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        setattr(sys.modules[package], name, value)
        return value

    def module_dir() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where, *children})

    return module_getattr, module_dir


class _LazyModule(types.ModuleType):
    """Stands in for a module until an attribute is first read; then imports it (see below)."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(importlib.import_module(self.__name__), name)
        setattr(self, name, value)  # later reads of ``name`` skip this method
        return value


def lazy_module(name: str) -> types.ModuleType:
    """A stand-in for module ``name`` that imports it on the first attribute read.

    For heavy libraries used only by some functions of a module (``alt = lazy_module("altair")``
    keeps ``import bejegening.render._charts`` from importing Altair until a chart is built).
    Unlike :class:`importlib.util.LazyLoader` it changes nothing in ``sys.modules``. Type
    checkers see the real module through ``if TYPE_CHECKING: import altair as alt``.
    """
    if name in sys.modules:
        return sys.modules[name]
    return _LazyModule(name)
