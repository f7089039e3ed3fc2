"""Preview the site with live reload: rebuild when data, pages, settings or theme change."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from bejegening.model import DataError
from bejegening.site._build import SiteBuildError, _read_settings, build_site, find_config

__all__ = ["serve_site"]

log = logging.getLogger(__name__)


def serve_site(
    data_dir: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    config_file: Path | str | None = None,
    report: Callable[[str], None] = print,
) -> None:
    """Build the site into a temporary folder and serve it on ``http://host:port/``.

    Watches ``data_dir``, the hand-written pages, ``mkdocs.yml`` and the theme overrides; a
    change triggers a rebuild and the browser reloads. A failing rebuild keeps the last good
    site and reports the problem (in Dutch) through ``report``. Stops on Ctrl+C.
    """
    data_dir = Path(data_dir)
    config_path = find_config(Path(config_file) if config_file is not None else None)
    settings = _read_settings(config_path)
    root = Path(tempfile.mkdtemp(prefix="bejegening-serve-"))
    site_dir = root / "site"
    url = f"http://{host}:{port}/"

    def rebuild() -> None:
        try:
            summary = build_site(data_dir, site_dir, config_file=config_path, site_url=url)
        except (DataError, SiteBuildError) as exc:
            report(f"De site is niet opnieuw gebouwd:\n{exc}")
            return
        report(f"Gebouwd: {summary.pages} pagina's in {summary.total_seconds:.1f} s.")

    rebuild()
    if not site_dir.is_dir():
        shutil.rmtree(root, ignore_errors=True)
        raise SiteBuildError("de eerste build is mislukt; zie de melding hierboven")
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    project = config_path.parent
    server.watch(str(data_dir.resolve()))
    server.watch(str(config_path))
    theme = settings.get("theme") or {}
    for name in (str(settings.get("docs_dir", "docs")), str(theme.get("custom_dir", ""))):
        if name and (project / name).is_dir():
            server.watch(str(project / name))
    report(f"De site staat op {url} (stoppen: Ctrl+C).")
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        report("Gestopt.")
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)
