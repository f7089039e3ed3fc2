"""``bejegening build … --zip``: the built site as one zip file, to hand to a web team.

The zip holds exactly the files of the built site (the folder ``--out``), at the top of the
archive (``index.html`` first level), so the receiver unpacks it straight into the web server's
folder or drops it on a static host. Only the build's internal marker file
(:data:`~bejegening.site.SITE_MARKER`) is left out. Nothing outside the site folder is ever added,
so answers files never are. The archive is reproducible: entries sorted, every timestamp
``SOURCE_DATE_EPOCH`` (zip stores local times from 1980 on), fixed permissions, deflate level 9.
It is written to a temporary file beside the target and then renamed, so an interrupted run
leaves the previous zip in place.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from pathlib import Path

from bejegening.site._build import DEFAULT_SOURCE_DATE_EPOCH, SITE_MARKER, SiteBuildError

__all__ = ["site_zip_path", "zip_site"]

_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def site_zip_path(out_dir: Path | str) -> Path:
    """Where ``build --zip`` writes the zip: beside the site folder, named after it (``site`` →
    ``site.zip``)."""
    out = Path(out_dir).resolve()
    return out.with_name(out.name + ".zip")


def _timestamp() -> tuple[int, int, int, int, int, int]:
    raw = os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    try:
        moment = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        moment = dt.datetime.fromtimestamp(int(DEFAULT_SOURCE_DATE_EPOCH), tz=dt.UTC)
    moment = max(moment, _ZIP_EPOCH)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def zip_site(site_dir: Path | str, target: Path | str | None = None) -> Path:
    """Write the built site in ``site_dir`` as a zip file; returns the zip's path.

    ``target`` defaults to :func:`site_zip_path` (``<site_dir>.zip`` beside the folder). Entry
    names are the files' paths relative to ``site_dir`` with ``/`` separators; symbolic links
    are not followed (a site build writes none). Raises :class:`SiteBuildError` (Dutch) when
    ``site_dir`` is not a built site or the target lies inside it or is a folder.
    """
    site = Path(site_dir).resolve()
    zip_path = Path(target).resolve() if target is not None else site_zip_path(site)
    if not (site / SITE_MARKER).is_file():
        raise SiteBuildError(
            f"{site} is geen gebouwde site (het bestand {SITE_MARKER} ontbreekt); geen zip gemaakt"
        )
    if site in zip_path.parents:
        raise SiteBuildError(f"het zip-bestand {zip_path} mag niet in de site-map {site} liggen")
    if zip_path.is_dir():
        raise SiteBuildError(f"{zip_path} is een map; geen zip gemaakt (kies een andere --out)")
    files = sorted(
        path
        for path in site.rglob("*")
        if path.is_file() and not path.is_symlink() and path.relative_to(site).as_posix() != SITE_MARKER
    )
    stamp = _timestamp()
    handle, temporary = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".tmp", dir=zip_path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(path.relative_to(site).as_posix(), date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(zip_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return zip_path
