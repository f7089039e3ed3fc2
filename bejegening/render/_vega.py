"""Rendering of charts without a browser (vl-convert) and the self-hosted JavaScript for the site.

- :func:`chart_spec` turns a chart into its Vega-Lite spec with the ``bejegening`` theme applied
  and without ``$schema`` (the spec refers to no URL; all data is inline).
- :func:`render_svg` / :func:`render_png` render through vl-convert (Deno + Vega, no browser) with
  the nl-NL number locale; the SVG carries the chart's title and description as ``<title>`` and
  ``<desc>`` with ``role="img"`` and ``aria-labelledby``, so it keeps its Dutch text alternative
  wherever it goes.
- :func:`render_batch` is the one batch renderer (the site and :func:`render_charts` use it): it
  writes ``name.svg``, ``name.vl.json`` (and ``name.png``) for many specs, takes drawings from a
  cache keyed by the SHA-256 of the spec (so a rebuild draws only changed charts), and draws the
  rest in one worker process per core when there is enough to draw.  vl-convert runs all
  conversions of a process on one JavaScript worker, so threads do not help (measured here: 8
  charts 1,29 s in one thread, 1,03 s in two); separate processes do: 80 gallery SVGs took
  5,4 s in one process and 2,9 s in a warm pool of two (×1,85).  Starting that pool costs about
  2,5 s (the forkserver imports this package once, each worker starts vl-convert's JavaScript
  runtime), so batches below :data:`PARALLEL_WORK` render in this process.  Forking after
  vl-convert has started would hang, so workers are started with ``forkserver`` (``spawn``
  where that does not exist).
- :func:`write_vega_bundle` writes one JavaScript file with Vega, Vega-Lite and vega-embed (from
  vl-convert's bundler, so no CDN) plus a small embed script; see its docstring for the HTML.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vl_convert as vlc

from bejegening._child import python_command
from bejegening.render._altair import alt
from bejegening.render._theme import NL_NUMBER_LOCALE, NL_TIME_LOCALE, THEME_NAME, register_theme

__all__ = [
    "BUNDLE_NAME",
    "EMBED_SCRIPT",
    "PARALLEL_WORK",
    "RenderedChart",
    "accessible_svg",
    "cached_drawings",
    "chart_spec",
    "render_batch",
    "render_charts",
    "render_png",
    "render_svg",
    "spec_json",
    "vega_lite_version",
    "write_spec_file",
    "write_vega_bundle",
]

BUNDLE_NAME = "bejegening-charts.js"

if TYPE_CHECKING:
    ChartLike = alt.TopLevelMixin | Mapping[str, Any]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@functools.cache
def vega_lite_version() -> str | None:
    """The Vega-Lite version Altair writes (``"6.4"``), when vl-convert has it (else None: its own).

    Specs are drawn for this version. It imports Altair; a caller that keeps specs (the site's
    chart cache) keeps this value with them and passes it to :func:`render_batch`.
    """
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


def chart_spec(chart: ChartLike, *, validate: bool = True) -> dict[str, Any]:
    """The chart's Vega-Lite spec as a dict: theme applied, no ``$schema`` URL, data inline.

    ``validate``: check the spec against the Vega-Lite JSON Schema (Altair's ``to_dict``; about
    85 % of the time a spec takes). The site build skips it for its own chart builders, whose
    specs the tests validate.
    """
    spec: dict[str, Any]
    if isinstance(chart, Mapping):
        spec = json.loads(json.dumps(chart))
    else:
        register_theme()
        with alt.theme.enable(THEME_NAME):
            spec = chart.to_dict(validate=validate)
    spec.pop("$schema", None)
    return spec


def spec_json(chart: ChartLike) -> str:
    """The spec as stable JSON text (sorted keys, two-space indent, UTF-8 characters kept)."""
    return json.dumps(chart_spec(chart), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _title_text(spec: Mapping[str, Any]) -> str:
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        return " ".join(str(part) for part in title)
    return str(title) if title else "Grafiek"


def _chart_id(spec: Mapping[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
    return f"bj-chart-{digest}"


def accessible_svg(svg: str, *, title: str, description: str | None, chart_id: str) -> str:
    """Give an SVG its text alternative: ``role="img"``, ``<title>``, ``<desc>``, ``aria-labelledby``.

    Works for an SVG shown inline, in an ``<img>`` (whose own ``alt`` still counts) or opened on
    its own.  ``chart_id`` prefixes the element ids (keep it unique within one HTML page).
    """
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("geen <svg>-element gevonden")
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    labelled = f"{title_id} {desc_id}" if description else title_id
    tag = match.group(0)
    opened = tag[:-1].rstrip("/").rstrip()
    closing = "/>" if tag.endswith("/>") else ">"
    new_tag = f'{opened} role="img" xml:lang="nl" lang="nl" aria-labelledby="{labelled}"{closing}'
    children = f'<title id="{title_id}">{escape(title, quote=False)}</title>'
    if description:
        children += f'<desc id="{desc_id}">{escape(description, quote=False)}</desc>'
    if closing == "/>":
        return svg[: match.start()] + new_tag[:-2] + ">" + children + "</svg>" + svg[match.end() :]
    return svg[: match.start()] + new_tag + children + svg[match.end() :]


def _convert_options(vega_lite: str | None = None) -> dict[str, Any]:
    """vl-convert's options; ``vega_lite`` None: :func:`vega_lite_version`."""
    return {
        "vl_version": vega_lite or vega_lite_version(),
        "format_locale": dict(NL_NUMBER_LOCALE),
        "time_format_locale": dict(NL_TIME_LOCALE),
        "allowed_base_urls": [],
    }


def _svg_of_spec(spec: Mapping[str, Any], chart_id: str | None = None) -> str:
    svg: str = vlc.vegalite_to_svg(dict(spec), **_convert_options())
    return accessible_svg(
        svg,
        title=_title_text(spec),
        description=spec.get("description"),
        chart_id=chart_id or _chart_id(spec),
    )


def render_svg(chart: ChartLike, *, chart_id: str | None = None) -> str:
    """Static SVG of a chart (vl-convert, no browser), with its Dutch title and description inside.

    ``chart_id`` names the ``<title>``/``<desc>`` ids; by default a hash of the spec.
    """
    return _svg_of_spec(chart_spec(chart), chart_id)


def render_png(chart: ChartLike, scale: float = 2) -> bytes:
    """PNG of a chart for social media or print (``scale=2``: twice the SVG's pixel size)."""
    png: bytes = vlc.vegalite_to_png(chart_spec(chart), scale=scale, **_convert_options())
    return png


def _convert(
    spec: dict[str, Any], png_scale: float | None, options: dict[str, Any]
) -> tuple[str, bytes | None]:
    """vl-convert's SVG (and PNG at ``png_scale``) of one spec (runs in any process)."""
    svg: str = vlc.vegalite_to_svg(spec, **options)
    png: bytes | None = None
    if png_scale is not None:
        png = vlc.vegalite_to_png(spec, scale=png_scale, **options)
    return svg, png


def _context() -> multiprocessing.context.BaseContext:
    """Forkserver with this module preloaded (cheap workers), else spawn (slower, but safe)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


PARALLEL_WORK = 80
"""Work (one unit per SVG, three more per PNG) below which a batch renders in this process: one
SVG takes about 0,07 s here, a PNG about 0,2 s more, a pool of two workers about 2,5 s to start.
Only charts missing from the cache count."""

_CACHE_FORMAT = "1"
"""Bump when what is cached changes meaning (it is part of every cache key)."""

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"')


@dataclass(frozen=True)
class RenderedChart:
    """One chart written by :func:`render_batch`: its files, text alternative and pixel size."""

    name: str
    svg: Path
    spec: Path
    png: Path | None
    description: str
    """The spec's ``description`` (the SVG carries it too, as ``<desc>``)."""
    width: int | None
    height: int | None
    rendered: bool
    """False when the drawing came from the cache (the spec was drawn before)."""


def _cache_key(spec: Mapping[str, Any], png_scale: float | None, options: Mapping[str, Any]) -> str:
    """SHA-256 of everything the drawing depends on: the spec, the renderer and its options."""
    identity = {
        "format": _CACHE_FORMAT,
        "vl_convert": getattr(vlc, "__version__", ""),
        "options": options,
        "png_scale": png_scale,
        "spec": spec,
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so that a reader never sees half a file (temp file, then rename)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)  # no temp file left beside a path that cannot be written
        raise


class _Cache:
    """Drawings by spec hash: ``<key>.svg`` (vl-convert's output) and ``<key>.png``; no cache when
    ``folder`` is None. Files are only ever added whole (atomic rename)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:  # a cache that cannot be made only costs speed
                self.folder = None

    def get(self, key: str, png: bool) -> tuple[str, bytes | None] | None:
        if self.folder is None:
            return None
        svg_path, png_path = self.folder / f"{key}.svg", self.folder / f"{key}.png"
        try:
            svg = svg_path.read_text(encoding="utf-8")
            image = png_path.read_bytes() if png else None
        except (OSError, UnicodeDecodeError):
            return None
        if not svg.rstrip().endswith("</svg>"):  # cut short by something else: drawn again
            return None
        return svg, image

    def put(self, key: str, svg: str, image: bytes | None) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            write_atomic(self.folder / f"{key}.svg", svg.encode("utf-8"))
            if image is not None:
                write_atomic(self.folder / f"{key}.png", image)


def write_spec_file(folder: Path, name: str, spec: Mapping[str, Any]) -> Path:
    """Write ``folder/name.vl.json``: the spec as :func:`render_batch` publishes it (sorted keys,
    two-space indent, UTF-8 characters kept)."""
    path = folder / f"{name}.vl.json"
    path.write_text(json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def cached_drawings(
    specs: Mapping[str, Mapping[str, Any]],
    cache_dir: str | os.PathLike[str] | None,
    *,
    vega_lite: str | None = None,
) -> set[str]:
    """The names in ``specs`` whose SVG :func:`render_batch` (no PNG) would take from the cache in
    ``cache_dir`` instead of drawing it (``vega_lite`` as there)."""
    if cache_dir is None:
        return set()
    cache = _Cache(Path(cache_dir))
    options = _convert_options(vega_lite)
    return {
        name for name, spec in specs.items() if cache.get(_cache_key(spec, None, options), False) is not None
    }


def render_batch(
    specs: Mapping[str, Mapping[str, Any]],
    out_dir: str | os.PathLike[str],
    *,
    png: bool = False,
    png_scale: float = 2,
    workers: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    on_done: Callable[[str], None] | None = None,
    vega_lite: str | None = None,
    derive: Mapping[str, tuple[str, Callable[[str], str | None]]] | None = None,
) -> dict[str, RenderedChart]:
    """Render Vega-Lite specs to ``out_dir``: ``name.svg``, ``name.vl.json`` (and ``name.png``).

    The one batch renderer of the package (:func:`render_charts` and the site use it). Names
    must be plain file names (letters, digits, ``.``, ``_``, ``-``); ``ValueError`` otherwise.
    With ``cache_dir``, a drawing is stored under the SHA-256 of its spec, the vl-convert
    version and the render options, and a spec drawn before is not drawn again (the cache holds
    vl-convert's output; the text alternative of :func:`accessible_svg` is added per chart).
    Charts still to draw render in ``workers`` processes (default: one per core when the work
    reaches :data:`PARALLEL_WORK`, else in this process; ``workers=1``: always in this process;
    an explicit ``workers`` > 1 always uses worker processes). ``on_done(name)`` is called as
    each chart is written. ``vega_lite``: the Vega-Lite version the specs were written for
    (default :func:`vega_lite_version`, which imports Altair). ``derive``: charts whose SVG is
    made from another chart's drawing instead of drawn, as ``name → (other name, function of
    vl-convert's SVG)``, e.g. the dark version (:func:`bejegening.render._theme.dark_svg`); when the
    function returns None, or with ``png``, the chart is drawn. Returns the charts by name, in
    the order of ``specs``.
    """
    bad = [name for name in specs if not _NAME.match(name)]
    if bad:
        raise ValueError(f"ongeldige grafieknaam/-namen {bad}: alleen letters, cijfers, '.', '_' en '-'")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    cache = _Cache(Path(cache_dir) if cache_dir is not None else None)
    scale = png_scale if png else None
    options = _convert_options(vega_lite)
    done = on_done or (lambda _name: None)
    result: dict[str, RenderedChart] = {}
    drawn: dict[str, str] = {}
    """vl-convert's SVG by chart name, for the charts derived from it."""

    def finish(name: str, spec: Mapping[str, Any], svg: str, image: bytes | None, rendered: bool) -> None:
        drawn[name] = svg
        svg = accessible_svg(
            svg, title=_title_text(spec), description=spec.get("description"), chart_id=f"bj-{name}"
        )
        svg_path = folder / f"{name}.svg"
        svg_path.write_text(svg, encoding="utf-8")
        spec_path = write_spec_file(folder, name, spec)
        png_path = None
        if image is not None:
            png_path = folder / f"{name}.png"
            png_path.write_bytes(image)
        size = _SIZE.search(svg)
        result[name] = RenderedChart(
            name=name,
            svg=svg_path,
            spec=spec_path,
            png=png_path,
            description=str(spec.get("description") or ""),
            width=round(float(size.group(1))) if size else None,
            height=round(float(size.group(2))) if size else None,
            rendered=rendered,
        )
        done(name)

    derive = (
        {}
        if png
        else {n: d for n, d in (derive or {}).items() if d[0] in specs and d[0] not in (derive or {})}
    )
    missing: list[tuple[str, dict[str, Any], str]] = []
    derived: list[tuple[str, dict[str, Any], str]] = []
    for name, spec in specs.items():
        key = _cache_key(spec, scale, options)
        hit = cache.get(key, png)
        if hit is not None:
            finish(name, spec, *hit, rendered=False)
        elif name in derive:
            derived.append((name, dict(spec), key))
        else:
            missing.append((name, dict(spec), key))

    count = workers if workers is not None else min(os.cpu_count() or 1, len(missing))
    small = workers is None and len(missing) * (4 if png else 1) < PARALLEL_WORK
    if count <= 1 or small or not missing:
        for name, spec, key in missing:
            svg, image = _convert(spec, scale, options)
            cache.put(key, svg, image)
            finish(name, spec, svg, image, rendered=True)
    else:
        with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
            futures = {
                pool.submit(_convert, spec, scale, options): (name, spec, key) for name, spec, key in missing
            }
            for future in as_completed(futures):
                name, spec, key = futures[future]
                svg, image = future.result()
                cache.put(key, svg, image)
                finish(name, spec, svg, image, rendered=True)
    for name, spec, key in derived:
        source, make = derive[name]
        svg_or_none = make(drawn[source])
        svg, image = (svg_or_none, None) if svg_or_none is not None else _convert(spec, scale, options)
        cache.put(key, svg, image)
        finish(name, spec, svg, image, rendered=True)
    return {name: result[name] for name in specs}


def render_charts(
    charts: Mapping[str, ChartLike],
    out_dir: str | os.PathLike[str],
    *,
    png: bool = False,
    png_scale: float = 2,
    workers: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Render many charts to ``out_dir``: ``name.svg``, ``name.vl.json`` and, with ``png``, ``name.png``.

    Specs are built here (:func:`chart_spec`), then drawn by :func:`render_batch` (see there for
    ``workers``, ``cache_dir`` and the names allowed). Returns the written paths in the order of
    ``charts`` (svg, json, png per chart).
    """
    specs = {name: chart_spec(chart) for name, chart in charts.items()}
    drawn = render_batch(specs, out_dir, png=png, png_scale=png_scale, workers=workers, cache_dir=cache_dir)
    paths: list[Path] = []
    for chart in drawn.values():
        paths += [chart.svg, chart.spec] + ([chart.png] if chart.png is not None else [])
    return paths


EMBED_SCRIPT = r"""
window.vegaEmbed = vegaEmbed;
window.vegaLite = vegaLite;
window.vega = vega;

const BJ_SELECTOR = "figure[data-bj-spec], figure[data-vl-spec]";

function bjDark() {
  const scheme = document.body && document.body.getAttribute("data-md-color-scheme");
  if (scheme) {
    return scheme === "slate";
  }
  return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

async function bjSpecOf(figure) {
  const inline = figure.querySelector('script[type="application/json"]');
  if (inline) {
    return JSON.parse(inline.textContent);
  }
  const dark = bjDark() && figure.getAttribute("data-bj-spec-dark");
  const url = dark || figure.getAttribute("data-bj-spec") || figure.getAttribute("data-vl-spec");
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) {
    throw new Error("alleen specs van deze site");
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error("spec niet gevonden: " + url);
  }
  return response.json();
}

// Phone-first charts (usermeta.bejegening.fit) are drawn about 290 px wide. In a wider column
// the plot takes the column's width (at most BJ_MAX_WIDTH) and the title and subtitle are
// wrapped again for it, so a computer screen uses its space while the text keeps its size.
const BJ_MAX_WIDTH = 900;

function bjWrap(text, chars) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

function bjFitted(spec, room) {
  const meta = spec.usermeta && spec.usermeta.bejegening;
  if (!meta || !meta.fit || typeof spec.width !== "number" || !(room > 0)) {
    return spec;
  }
  const padding = spec.config && typeof spec.config.padding === "number" ? spec.config.padding : 5;
  // The figure right of the longest bar may reach 8 px past the plot (see single_choice_chart).
  const width = Math.min(Math.floor(room - 2 * padding - 8), BJ_MAX_WIDTH);
  if (width <= spec.width) {
    return spec;
  }
  const fitted = Object.assign({}, spec, { width: width });
  if (typeof meta.title === "string" && spec.title && typeof spec.title === "object") {
    const title = Object.assign({}, spec.title, {
      text: bjWrap(meta.title, Math.max(16, Math.floor(width / meta.title_char))),
    });
    if (Array.isArray(meta.subtitle) && meta.subtitle.length) {
      const chars = Math.max(16, Math.floor(width / meta.subtitle_char));
      title.subtitle = meta.subtitle.flatMap((sentence) => bjWrap(sentence, chars));
    }
    fitted.title = title;
  }
  return fitted;
}

async function bjEmbed(figure) {
  if (figure.dataset.bjEmbedded) {
    return;
  }
  figure.dataset.bjEmbedded = "bezig";
  const still = figure.querySelector(".bj-chart__static");
  const target = document.createElement("div");
  target.className = "bj-chart__interactive";
  try {
    const spec = await bjSpecOf(figure);
    figure.insertBefore(target, still ? still.nextSibling : figure.firstChild);
    await vegaEmbed(target, bjFitted(spec, target.clientWidth), {
      renderer: "svg",
      actions: false,
      defaultStyle: false,
    });
    target.setAttribute("role", "img");
    if (spec.description) {
      target.setAttribute("aria-label", spec.description);
    }
    // The view is one image named by the description: hide Vega's unnamed mark roles from
    // assistive technology (axe: svg-img-alt), as config.aria = false does not remove them.
    const view = target.querySelector("svg, canvas");
    if (view) {
      view.setAttribute("aria-hidden", "true");
    }
    if (still) {
      still.hidden = true;
    }
    figure.dataset.bjEmbedded = "ja";
  } catch (error) {
    target.remove();
    figure.dataset.bjEmbedded = "statisch";
    console.warn("Grafiek blijft statisch:", error);
  }
}

function bjEmbedAll() {
  document.querySelectorAll(BJ_SELECTOR).forEach(bjEmbed);
}

// The reader switches between light and dark: draw the charts again in the other colours.
let bjScheme = null;
function bjFollowScheme() {
  if (!document.body || bjScheme) {
    return;
  }
  bjScheme = new MutationObserver(() => {
    document.querySelectorAll(BJ_SELECTOR).forEach((figure) => {
      if (!figure.hasAttribute("data-bj-spec-dark") || figure.dataset.bjEmbedded !== "ja") {
        return;
      }
      const view = figure.querySelector(".bj-chart__interactive");
      if (view) {
        view.remove();
      }
      delete figure.dataset.bjEmbedded;
      bjEmbed(figure);
    });
  });
  bjScheme.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

window.bejegeningCharts = { embed: bjEmbed, embedAll: bjEmbedAll };
bjFollowScheme();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(bjEmbedAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", bjEmbedAll);
} else {
  bjEmbedAll();
}
"""
"""The embed script inside the bundle (ES module syntax, no imports; see :func:`write_vega_bundle`)."""


def _bundle_cache_file(cache_dir: str | os.PathLike[str] | None, vega_lite: str | None) -> Path | None:
    """Where the bundle is kept: by the vl-convert version, the Vega-Lite version asked for (when
    none is, the Altair version, which decides it: so finding it needs no Altair import) and
    the embed script."""
    if not cache_dir:
        return None
    asked = vega_lite or f"altair {importlib.metadata.version('altair')}"
    identity = f"{_CACHE_FORMAT}\0{getattr(vlc, '__version__', '')}\0{asked}\0{EMBED_SCRIPT}"
    return Path(cache_dir) / f"{hashlib.sha256(identity.encode()).hexdigest()}.js"


def vega_bundle_cached(cache_dir: str | os.PathLike[str] | None, *, vega_lite: str | None = None) -> bool:
    """Whether :func:`write_vega_bundle` with this ``cache_dir`` would copy, not bundle (imports
    no Altair)."""
    cached = _bundle_cache_file(cache_dir, vega_lite)
    return cached is not None and cached.is_file()


_BUNDLE_CHILD = (
    "import sys\n"
    "from bejegening.render._vega import write_vega_bundle\n"
    "out, name, cache, version = sys.argv[1:]\n"
    "write_vega_bundle(out, filename=name, cache_dir=cache or None, vega_lite=version or None)\n"
)


def start_vega_bundle(
    out_dir: str | os.PathLike[str],
    *,
    filename: str = BUNDLE_NAME,
    cache_dir: str | os.PathLike[str] | None = None,
    vega_lite: str | None = None,
) -> Callable[[], Path]:
    """Start :func:`write_vega_bundle` in a child process; the returned function waits for it
    and returns the path.

    So the bundling (seconds) runs on another core while this process builds and draws charts:
    vl-convert runs the bundling and the drawings of one process on the same JavaScript worker,
    one after the other. A plain child process (``python -c``), not ``multiprocessing``, so a
    caller's script without a ``__main__`` guard is never imported again. When the child fails
    (or cannot start), the bundle is written in this process instead.
    """
    args = [str(out_dir), filename, str(cache_dir or ""), vega_lite or ""]
    try:
        child: subprocess.Popen[bytes] | None = subprocess.Popen(
            python_command(_BUNDLE_CHILD, *args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        child = None

    def wait() -> Path:
        path = Path(out_dir) / filename
        if child is not None and child.wait() == 0 and path.is_file():
            return path
        return write_vega_bundle(out_dir, filename=filename, cache_dir=cache_dir, vega_lite=vega_lite)

    return wait


def write_vega_bundle(
    out_dir: str | os.PathLike[str],
    *,
    filename: str = BUNDLE_NAME,
    cache_dir: str | os.PathLike[str] | None = None,
    vega_lite: str | None = None,
) -> Path:
    """Write the self-hosted chart JavaScript: Vega, Vega-Lite, vega-embed and the embed script.

    Built by vl-convert's bundler (the same library versions that render the static SVGs), so
    the site loads nothing from a CDN.  The script makes every
    ``<figure data-bj-spec="charts/x.vl.json">`` (or ``data-vl-spec``) interactive: it reads the
    spec from a ``<script type="application/json">`` inside the figure, else fetches the
    relative URL (same site only; ``fetch`` does not work from ``file://``, then the figure stays
    static), renders it with vega-embed (SVG renderer, tooltips, no action menu) into a
    ``div.bj-chart__interactive`` with ``role="img"`` and the spec's description as
    ``aria-label`` (the Vega SVG inside gets ``aria-hidden``), and hides the static
    ``img.bj-chart__static``.  Without JavaScript, or when anything fails, the static SVG and
    its text alternative stay.  Works with mkdocs-material's
    instant navigation (``document$``).  Site usage::

        <figure class="bj-chart" data-bj-spec="charts/wpi-q7.vl.json">
          <img class="bj-chart__static" src="charts/wpi-q7.svg" alt="…description…">
          <figcaption>…</figcaption>
        </figure>
        <script src="js/bejegening-charts.js"></script>

    Bundling takes seconds; with ``cache_dir`` the bundle is kept there under the SHA-256 of the
    vl-convert version, the Vega-Lite version asked for (else the Altair version) and the embed
    script, and reused. ``vega_lite``:
    as for :func:`render_batch`.
    Returns the path of the written file (about 1 MB).
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    cached = _bundle_cache_file(cache_dir, vega_lite)
    if cached is not None and cached.is_file():
        with contextlib.suppress(OSError):  # else bundled again
            shutil.copyfile(cached, path)
            return path
    bundle: str = vlc.javascript_bundle(snippet=EMBED_SCRIPT, vl_version=vega_lite or vega_lite_version())
    path.write_text(bundle, encoding="utf-8")
    if cached is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cached, bundle.encode("utf-8"))
    return path
