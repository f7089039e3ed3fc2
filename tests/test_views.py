"""Pages are rendered from frozen view models, each built once per build."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import bejegening
from bejegening.render import SiteInput, _pages, render_pages
from bejegening.report import build_reports

ROOT = Path(__file__).resolve().parents[1]
BUILDERS = ("question_view", "question_entry", "recommendation_view", "finding_row", "survey_summary")


def test_each_view_is_built_once_per_build_and_is_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    built: dict[str, list[Any]] = defaultdict(list)
    for name in BUILDERS:
        real = getattr(_pages, name)

        def build(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            view = _real(*args, **kwargs)
            built[_name].append(view)
            return view

        monkeypatch.setattr(_pages, name, build)
    bundles = [bejegening.load(ROOT / "data" / name) for name in ("wpi-amsterdam-2017-2018", "laborijn")]
    render_pages(SiteInput(reports=build_reports(bundles), fingerprint="0" * 64, version="t"))
    # WPI: 7 questions; Laborijn: none (its findings are in words). Before the view models, one
    # build made 30 question views for these 7 questions.
    assert [len(b.questions) for b in bundles] == [7, 0]
    assert len(built["question_view"]) == 7
    assert len(built["question_entry"]) == 7
    assert len(built["survey_summary"]) == 2
    assert len(built["recommendation_view"]) == sum(len(b.recommendations) for b in bundles)
    assert len(built["finding_row"]) == sum(len(b.findings) for b in bundles)
    for name in BUILDERS:
        view = built[name][0]
        field = dataclasses.fields(view)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(view, field, None)
