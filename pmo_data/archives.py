"""An Office file (xlsx, xlsm, ods, pptx) is a zip: its size says nothing of what it unpacks to. A
1.6 MB deck template whose layout part inflated to 1.5 GB took a server from 269 MB to 3.3 GB of
memory (issue 26). Every package is looked at through its zip directory, before anything opens it:
its parts, what they unpack to, and how much more that is than the file. The limits are named in
the refusal."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path


class PackageRefused(ValueError):
    """The package was not opened; the message names the limit it passes."""


@dataclass(frozen=True)
class PackageLimits:
    what: str  # 'workbook', 'deck template'
    invalid: str  # what a file that is no zip at all is told
    max_unpacked_bytes: int
    max_parts: int
    max_ratio: float = 200.0  # unpacked ÷ packed, above `ratio_from_bytes`: XML packs 5-30x, a zip bomb 1000x
    ratio_from_bytes: int = 50_000_000  # a small package may pack tightly (a blank template)


WORKBOOK = PackageLimits("workbook", "not a valid Excel workbook (the file is not an xlsx package)",
                         max_unpacked_bytes=1_500_000_000, max_parts=20_000)
DECK_TEMPLATE = PackageLimits("deck template", "not a PowerPoint template (the file is not a pptx package)",
                              max_unpacked_bytes=150_000_000, max_parts=5_000, ratio_from_bytes=20_000_000)


def check_package(source: bytes | Path, limits: PackageLimits, name: str = "") -> None:
    """Refuses a package that is no zip, has too many parts, unpacks to too much, or to too much
    more than it weighs; reads only the zip's directory (the sizes it declares)."""
    label = f"{name}: " if name else ""
    packed = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    if not zipfile.is_zipfile(opened):
        raise PackageRefused(label + limits.invalid)
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
        parts = package.infolist()
    if len(parts) > limits.max_parts:
        raise PackageRefused(f"{label}the {limits.what} has {len(parts):,} parts, more than the {limits.max_parts:,} "
                             "allowed; refused as a likely zip bomb")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        size, limit = _megabytes(unpacked), _megabytes(limits.max_unpacked_bytes)
        if size == limit:  # just over: in bytes, or the refusal would read '1,500 MB, more than the 1,500 MB'
            size, limit = f"{unpacked:,} bytes", f"{limits.max_unpacked_bytes:,} bytes"
        raise PackageRefused(f"{label}the {limits.what} unpacks to {size}, more than the {limit} allowed; "
                             "refused as a likely zip bomb")
    if unpacked > limits.ratio_from_bytes and unpacked > limits.max_ratio * max(packed, 1):
        raise PackageRefused(f"{label}the {limits.what} unpacks to {unpacked / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB, "
                             f"more than {limits.max_ratio:.0f} times its size; refused as a likely zip bomb")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"
