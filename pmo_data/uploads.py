"""Where uploaded files wait between the upload and the import: a private folder of this process.

The readers need a file on disk, so an upload is written out before it is read. A shared, fixed
folder (/tmp/pmo-dashboard-uploads) let any local user read the portfolio's files and plant a
symlink that the next upload was written through. So:

- the folder is made by `tempfile.mkdtemp` (a fresh random name, mode 0700) and removed when the
  process exits;
- each file is created with O_CREAT | O_EXCL | O_NOFOLLOW and mode 0600, through a directory
  descriptor opened with O_NOFOLLOW: nothing already at the name, a symlink least of all, is
  opened or written through;
- a file is deleted after its import, and any file unused for `max_age` is swept at the next
  staging (an upload left on an open page is written again by the page's next run).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from pmo_data.text_safety import clean_text, cut

MAX_AGE_SECONDS = 3600
NAME_LIMIT = 120  # characters of a staged file's name
NAME_BYTES = 200  # and its bytes in UTF-8: file systems allow 255
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class StagingRefused(OSError):
    """The upload could not be written to its staging name (something else holds it)."""


def safe_file_name(name: str) -> str:
    """The upload's own name (no folders, no control or direction characters), short enough for
    any file system in bytes as well as characters (120 Greek or Chinese characters are 240-360
    bytes, past the 255 a name may have: issue 26, item 14), its extension kept (the readers go by it)."""
    base = clean_text(Path(str(name).replace("\\", "/")).name).replace("\n", " ").replace("\t", " ").strip()
    if base in {"", ".", ".."}:
        return "upload"
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        stem, extension = base, ""
    room = NAME_LIMIT - (len(extension) + 1 if extension else 0)
    shortened = cut(stem, room)
    while len(shortened.encode("utf-8")) > NAME_BYTES - len(extension.encode("utf-8")) - 1 and room > 1:
        room -= 1
        shortened = cut(stem, room)
    return shortened + ("." + extension if extension else "")


class Staging:
    """A private folder holding this process's uploads, one sub-folder per content (named by its
    hash, so a file's choices on the page stay with its content across reruns)."""

    def __init__(self, parent: str | Path | None = None, max_age: float = MAX_AGE_SECONDS):
        self.folder = Path(tempfile.mkdtemp(prefix="pmo-uploads-", dir=parent))
        self.max_age = max_age
        atexit.register(self.close)

    def stage(self, name: str, content: bytes, now: float | None = None) -> Path:
        """The upload as a file of its own (mode 0600) in the private folder; the same content
        under the same name gives the same path, its clock restarted."""
        now = time.time() if now is None else now
        self.sweep(now)
        digest = hashlib.sha256(content).hexdigest()[:16]
        file_name = safe_file_name(name)
        folder = self._private_folder(digest)
        try:
            try:
                existing = os.stat(file_name, dir_fd=folder, follow_symlinks=False)
            except FileNotFoundError:
                existing = None
            if existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_size == len(content):
                os.utime(file_name, (now, now), dir_fd=folder, follow_symlinks=False)
                return self.folder / digest / file_name
            if existing is not None:  # a symlink or a stray entry: removed (never followed), else refused below
                try:
                    os.unlink(file_name, dir_fd=folder)
                except OSError:
                    pass
            return self._create(folder, digest, file_name, content, now)
        finally:
            os.close(folder)

    def discard(self, path: str | Path) -> None:
        """Deletes a staged file (after its import) and its folder when that is empty."""
        path = Path(path)
        if path.parent.parent != self.folder:
            raise ValueError(f"{path} is not in this staging folder")
        try:
            path.unlink()
            path.parent.rmdir()
        except OSError:  # already gone, or the folder holds another file of the same content
            pass

    def sweep(self, now: float | None = None) -> list[Path]:
        """Deletes the files unused for longer than max_age, whatever is not a plain file (a
        planted link), and empty folders; returns what it deleted."""
        limit = (time.time() if now is None else now) - self.max_age
        removed = []
        for folder in self._entries(self.folder):
            if not folder.is_dir(follow_symlinks=False):
                removed.append(self._remove(folder))
                continue
            for entry in self._entries(folder.path):
                if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_mtime < limit:
                    removed.append(self._remove(entry))
            try:
                os.rmdir(folder.path)
            except OSError:  # still holds a file in use
                pass
        return removed

    def close(self) -> None:
        """Removes the folder and everything in it (at exit; after it, stage() cannot be used)."""
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _entries(path) -> list[os.DirEntry]:
        try:
            with os.scandir(path) as entries:
                return list(entries)
        except FileNotFoundError:
            return []

    @staticmethod
    def _remove(entry: os.DirEntry) -> Path:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)  # removes links inside, never what they point to
        else:
            os.unlink(entry.path)
        return Path(entry.path)

    def _private_folder(self, digest: str) -> int:
        """A descriptor of the content's sub-folder, made 0700 if new. Whatever else holds its
        name (a planted symlink) is removed, never followed; if that fails, staging is refused."""
        path = self.folder / digest
        for _ in range(2):
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass
            try:
                return os.open(path, _FOLDER_FLAGS)
            except OSError:
                try:
                    os.unlink(path)
                except OSError:
                    break
        raise StagingRefused(f"cannot stage the upload: {path} is not a folder of this process")

    def _create(self, folder: int, digest: str, file_name: str, content: bytes, now: float) -> Path:
        try:
            descriptor = os.open(file_name, _CREATE_FLAGS, 0o600, dir_fd=folder)
        except OSError as error:
            raise StagingRefused(f"cannot stage {file_name}: something else holds its name") from error
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()  # before the clock is set: a later write would move it
            os.utime(handle.fileno(), (now, now))
        return self.folder / digest / file_name
