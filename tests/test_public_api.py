"""The public surface as a specification: ``__all__``, deferred imports and the README's verbs."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import bejegening
from bejegening.cli import app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bejegening"

# Every package whose __init__ re-exports names from private modules.
PACKAGES = sorted(
    ".".join(path.parent.relative_to(ROOT).parts)
    for path in PACKAGE.rglob("__init__.py")
    if "templates" not in path.parts and "_templates" not in path.parts
)
SUBPACKAGES = {"checks", "cli", "io", "model", "render", "site", "stats"}


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _static_all(module: str) -> list[str]:
    """The ``__all__`` of a module as written in its source (what a type checker reads)."""
    path = ROOT.joinpath(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{module} has no __all__ for `import *`")


def _declared(package: str) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(names imported for type checkers, names in the lazy table, __all__) of one ``__init__``.

    ``from module import *`` imports the module's whole ``__all__``; so a module imported that way
    must export only public names (else the lazy table and the typed names differ). A package
    without a static ``__all__`` re-exports each single name as itself (``import X as X``), the
    form type checkers read as public; its ``__all__`` is the lazy table's (asked at run time).
    """
    path = ROOT.joinpath(*package.split("."), "__init__.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    lazy: dict[str, str] = {}
    names: list[str] = []
    reexported: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for item in node.body:
                if isinstance(item, ast.ImportFrom) and item.module:
                    imported = [alias.name for alias in item.names]
                    reexported.update(alias.name for alias in item.names if alias.asname == alias.name)
                    if imported == ["*"]:
                        imported = _static_all(item.module)
                        reexported.update(imported)
                    typed.update(dict.fromkeys(imported, item.module))
            for call in ast.walk(ast.Module(body=node.orelse, type_ignores=[])):
                if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "lazy_exports":
                    table = ast.literal_eval(call.args[1])
                    lazy.update({name: module for module, group in table.items() for name in group.split()})
        elif isinstance(node, ast.Assign | ast.AugAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "__all__":
                names.extend(ast.literal_eval(node.value))
    if not names and lazy:
        assert set(typed) == reexported, f"{package}: a name type checkers do not see as public"
        names = list(importlib.import_module(package).__all__)
    return typed, lazy, names


def test_every_package_is_covered() -> None:
    assert {"bejegening", "bejegening.stats", "bejegening.io._readers"} <= set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_all_names_exist_and_are_unique(package: str) -> None:
    module = importlib.import_module(package)
    names = list(module.__all__)
    assert len(names) == len(set(names)), f"{package}.__all__ repeats a name"
    missing = [name for name in names if not hasattr(module, name)]
    assert missing == [], f"{package}.__all__ names what the package does not have"


@pytest.mark.parametrize("package", PACKAGES)
def test_all_lists_every_public_name(package: str) -> None:
    module = importlib.import_module(package)
    children = {name for name in SUBPACKAGES if package == "bejegening"}
    public = {
        name
        for name in dir(module)
        if not name.startswith("_")
        and name not in children
        and name != "TYPE_CHECKING"
        and not isinstance(getattr(module, name), ModuleType)
    }
    assert public - set(module.__all__) == set(), f"public in {package} but not in __all__"


@pytest.mark.parametrize("package", PACKAGES)
def test_type_checkers_and_runtime_see_the_same_names(package: str) -> None:
    """The ``if TYPE_CHECKING:`` imports (what mypy sees) and the lazy table (what runs) agree."""
    typed, lazy, names = _declared(package)
    if not lazy:  # an eager package (the CLI registers its verbs on import)
        return
    assert typed == lazy
    eager = {"__version__"} if package == "bejegening" else set()
    assert set(lazy) | eager == set(names)


def test_top_level_names_are_the_subpackages_objects() -> None:
    assert bejegening.wilson_interval is importlib.import_module("bejegening.stats").wilson_interval
    assert bejegening.SurveyBundle is importlib.import_module("bejegening.io._load").SurveyBundle
    with pytest.raises(AttributeError, match="no attribute 'wilson_intervall'"):
        _ = bejegening.wilson_intervall  # type: ignore[attr-defined]


def _loaded_after(code: str) -> set[str]:
    """Top-level modules loaded by running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


HEAVY = {"altair", "scipy", "mkdocs", "vl_convert", "polars", "numpy", "pydantic", "jinja2"}


def test_import_loads_no_heavy_module() -> None:
    assert _loaded_after("import bejegening") & HEAVY == set()


def _cli_code(*argv: str) -> str:
    return (
        "import sys\n"
        f"sys.argv = ['bejegening', *{list(argv)!r}]\n"
        "from bejegening.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )


def test_version_and_help_load_no_heavy_module() -> None:
    for argv in (["--version"], ["--help"]):
        assert _loaded_after(_cli_code(*argv)) & HEAVY == set(), argv


def test_version_loads_no_typer_and_help_no_rich() -> None:
    # --version is answered before the command tree exists; help is plain text (typer's rich
    # help imports rich's Markdown, syntax highlighting and tracebacks: about 0,4 s).
    assert _loaded_after(_cli_code("--version")) & {"typer", "rich", "click"} == set()
    assert "rich" not in _loaded_after(_cli_code("--help"))


def test_validate_loads_no_statistics_charts_or_site() -> None:
    loaded = _loaded_after(_cli_code("validate", str(ROOT / "data")))
    assert loaded & {"altair", "scipy", "mkdocs", "vl_convert", "jinja2"} == set()
    # The bundled surveys have published figures, no answers file: no data frames either.
    assert loaded & {"polars", "numpy"} == set()


def _readme_verbs() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, flags=re.DOTALL)
    return {m for block in blocks for m in re.findall(r"^\s*(?:\$ )?bejegening ([a-z][a-z-]*)", block, re.M)}


def _cli_verbs() -> set[str]:
    return {command.name for command in app.registered_commands if command.name}


def test_readme_names_every_cli_verb() -> None:
    assert _cli_verbs() - _readme_verbs() == set(), "verbs missing from README.md's command examples"


def test_cli_has_every_verb_the_readme_names() -> None:
    assert _readme_verbs() - _cli_verbs() == set(), "README.md shows verbs the CLI does not have"
    assert {"validate", "check", "stats", "build", "serve", "init", "schema"} <= _readme_verbs()


def _counts() -> object:
    import polars as pl  # noqa: PLC0415

    return pl.DataFrame({"question": ["q"], "option": ["a"], "g": ["x"], "n": [1]})


# Functions whose keyword parameters are declared once as a TypedDict (**options): a misspelt
# keyword raises TypeError at run time too, naming the function called, before anything else
# (GRIMMER's n = 1 would raise ValueError), as it would for an ordinary signature.
MISSPELT = [
    ("stats.frequencies", lambda f: f(_counts(), [], survey_id="s", confidense=0.9)),
    ("stats.tabulate", lambda f: f(_counts(), [], survey_id="s", confidense=0.9)),
    ("stats.frequencies_from_counts", lambda f: f(_counts(), [], survey_id="s", minn_cell=5)),
    ("stats.crosstab_from_counts", lambda f: f(_counts(), [], "g", survey_id="s", min_cell=5)),
    ("checks.grim_consistent", lambda f: f("3.4", 5, decimal=2)),
    ("checks.debit_consistent", lambda f: f("0.5", "0.5", 10, items=2)),
    ("checks.grimmer_consistent", lambda f: f("3.00", "1.58", 1, scale=(1, 5))),
    ("render.likert_chart", lambda f: f(_counts(), neutrale="apart")),
    ("render.likert_description", lambda f: f(_counts(), item_label={})),
    ("render.comparison_chart", lambda f: f(_counts(), group_label={})),
    ("render.comparison_description", lambda f: f(_counts(), decimal=1)),
]


@pytest.mark.parametrize(("name", "call"), MISSPELT, ids=[name for name, _ in MISSPELT])
def test_unknown_keyword_is_a_type_error(name: str, call: Callable[[Any], object]) -> None:
    package, function = name.split(".")
    with pytest.raises(TypeError, match=rf"^{function}\(\) got an unexpected keyword argument"):
        call(getattr(importlib.import_module(f"bejegening.{package}"), function))


@pytest.mark.parametrize("name", ["frequencies", "tabulate", "frequencies_from_counts"])
def test_a_missing_survey_id_is_a_type_error(name: str) -> None:
    """As for an ordinary required keyword-only parameter, also with no question to tabulate."""
    function = getattr(importlib.import_module("bejegening.stats"), name)
    expected = rf"^{name}\(\) missing 1 required keyword-only argument: 'survey_id'$"
    with pytest.raises(TypeError, match=expected):
        function(_counts(), [])


def test_help_lists_every_keyword_with_its_default() -> None:
    """``help()`` shows the keyword parameters a TypedDict declares, as an ordinary signature."""
    import bejegening  # noqa: PLC0415

    shown = str(inspect.signature(bejegening.frequencies))
    for text in ("survey_id: 'str',", "confidence: 'float' = 0.95", "method: 'IntervalMethod' = 'wilson'"):
        assert text in shown
    grim = inspect.signature(bejegening.grim_consistent).parameters
    assert [grim[name].default for name in ("items", "decimals", "scale")] == [1, None, None]
    assert str(inspect.signature(bejegening.render.likert_chart)).startswith(
        "(freq: 'FrameLike', *, title: 'str | None' = None, width: 'int' = 360, item_labels:"
    )


def _shown_defaults(function: Callable[..., object]) -> dict[str, object]:
    return {
        name: parameter.default
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is not inspect.Parameter.empty
    }


def test_the_defaults_help_shows_are_the_ones_applied() -> None:
    """Passing every default ``help()`` shows changes no result (the signature does not lie)."""
    import polars as pl  # noqa: PLC0415

    import bejegening  # noqa: PLC0415
    from bejegening import checks, render  # noqa: PLC0415

    question = bejegening.Question.model_validate(
        {
            "id": "q1",
            "text": "Fictief",
            "type": "single",
            "options_complete": True,
            "options": [
                {"id": "ja", "label": "Ja", "valence": "positive"},
                {"id": "nee", "label": "Nee", "valence": "negative"},
            ],
        }
    )
    wide = pl.DataFrame({"respondent": [1, 2, 3], "q1": ["ja", "ja", "nee"]})
    answers = bejegening.answers_from_wide(wide, [question])
    table = bejegening.frequencies(answers, [question], survey_id="s")
    comparison = pl.DataFrame(
        {
            "option": ["ja"],
            "label": ["Ja"],
            "group_a": ["a"],
            "group_b": ["b"],
            "pct_a": [0.5],
            "pct_b": [0.4],
            "diff": [0.1],
            "ci_low": [-0.1],
            "ci_high": [0.3],
            "p_adjusted": [0.3],
            "significant": [False],
        }
    )
    cases: list[tuple[Callable[..., object], tuple[object, ...], dict[str, object]]] = [
        (bejegening.frequencies, (answers, [question]), {"survey_id": "s"}),
        (checks.grim_consistent, ("5.19", 28), {}),
        (checks.debit_consistent, ("0.50", "0.51", 20), {}),
        (checks.grimmer_consistent, ("3.00", "1.58", 5), {}),
        (render.likert_description, (table,), {}),
        (render.comparison_description, (comparison,), {}),
    ]
    for function, args, required in cases:
        shown = _shown_defaults(function)
        assert shown, function.__name__
        plain, explicit = function(*args, **required), function(*args, **required, **shown)
        if isinstance(plain, pl.DataFrame):
            assert plain.equals(explicit), function.__name__
        else:
            assert plain == explicit, function.__name__
