"""A copy of the last config that loaded well, to start on when staff break the real one.

Layout in the state folder:

    last-good -> last-good.k3j9x/     a symlink to the current complete copy
    last-good.k3j9x/entry.txt         kiosk.yaml's path inside files/
    last-good.k3j9x/files/...         the config files, laid out as they were
                                      under their common folder, so relative
                                      paths in the YAML (../assets/...) still work

A save builds a new last-good.* folder, fsyncs it, then points the symlink at
it with one rename. Renames are atomic, so after a power cut the symlink names
either the old complete copy or the new one, never a mix. Leftovers (a
half-built folder, the previous copy) are removed by the next save."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from kiosk.runtime.plain_data import fsync_folder as _fsync_dir

LINK = "last-good"
ENTRY_FILE = "entry.txt"
FILES = "files"


def save_last_good(files: Iterable[Path], entry: Path, state_dir: Path) -> Path:
    """Copy the config files into state_dir/last-good; return the copied entry.

    files are the absolute paths of every file the config was read from,
    entry (kiosk.yaml) among them. Does nothing when the copy would be
    identical to the current one. Raises OSError if the copy cannot be made;
    the previous copy then stays in place."""
    sources, entry_rel = _layout(files, entry)
    current = _current_copy(state_dir)
    if current is not None and _same_copy(current, sources, entry_rel):
        return current / FILES / entry_rel
    _remove_leftovers(state_dir, keep=current)
    new = Path(tempfile.mkdtemp(prefix=LINK + ".", dir=state_dir))
    _write_copy(new, sources, entry_rel)
    _point_link(state_dir, new)
    if current is not None:
        shutil.rmtree(current)
    return new / FILES / entry_rel


def last_good_entry(state_dir: Path) -> Path | None:
    """The copied kiosk.yaml, or None when there is no complete copy."""
    current = _current_copy(state_dir)
    rel = _read_entry(current) if current is not None else None
    if rel is None:
        return None
    entry = current / FILES / rel
    return entry if entry.is_file() else None


def _layout(files: Iterable[Path], entry: Path) -> tuple[dict[str, Path], str]:
    """Each source by its path relative to the files' common folder, and the entry's."""
    paths = {Path(path).resolve() for path in files} | {Path(entry).resolve()}
    root = Path(os.path.commonpath([path.parent for path in paths]))
    sources = {path.relative_to(root).as_posix(): path for path in paths}
    return sources, Path(entry).resolve().relative_to(root).as_posix()


def _current_copy(state_dir: Path) -> Path | None:
    """The folder the last-good symlink points at, if it holds a finished copy."""
    link = state_dir / LINK
    if not link.is_symlink():
        return None
    # The folder's own name, not the link's: it stays valid when a later save moves the link.
    target = state_dir / os.readlink(link)
    return target if (target / ENTRY_FILE).is_file() else None


def _read_entry(copy: Path) -> str | None:
    """kiosk.yaml's path inside files/, or None if the manifest makes no sense."""
    rel = PurePosixPath((copy / ENTRY_FILE).read_text(encoding="utf-8").strip())
    # Written by us, but a hand-edited one must not point outside the copy.
    if not rel.parts or rel.is_absolute() or ".." in rel.parts:
        return None
    return rel.as_posix()


def _same_copy(copy: Path, sources: dict[str, Path], entry_rel: str) -> bool:
    files = copy / FILES
    copied = {path.relative_to(files).as_posix() for path in files.rglob("*") if path.is_file()}
    if _read_entry(copy) != entry_rel or copied != set(sources):
        return False
    return all(_same_file(files / rel, source) for rel, source in sources.items())


def _same_file(a: Path, b: Path) -> bool:
    # Sizes first: a changed file usually changes size, and stat is free.
    return a.stat().st_size == b.stat().st_size and _sha256(a) == _sha256(b)


def _sha256(path: Path) -> bytes:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def _write_copy(new: Path, sources: dict[str, Path], entry_rel: str) -> None:
    """Copy and fsync every file, then the manifest, then every folder."""
    folders = {new, new / FILES}
    for rel, source in sources.items():
        target = new / FILES / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.update(target.parents[: len(PurePosixPath(rel).parts)])
        with open(source, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
    with open(new / ENTRY_FILE, "w", encoding="utf-8") as manifest:
        manifest.write(entry_rel + "\n")
        manifest.flush()
        os.fsync(manifest.fileno())
    for folder in folders:
        _fsync_dir(folder)


def _point_link(state_dir: Path, new: Path) -> None:
    """Atomically make state_dir/last-good point at new."""
    temporary = state_dir / (LINK + ".link")
    temporary.unlink(missing_ok=True)
    # Relative, so the state folder can be moved or mounted elsewhere.
    temporary.symlink_to(new.name)
    os.replace(temporary, state_dir / LINK)
    _fsync_dir(state_dir)


def _remove_leftovers(state_dir: Path, keep: Path | None) -> None:
    """Half-built copies and stray links from a save that was cut short."""
    for path in state_dir.glob(LINK + ".*"):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path != keep:
            shutil.rmtree(path)
