"""Brief files on disk: finding them, and reading a file someone else may be writing.

:func:`iter_brief_files` / :func:`brief_files_keyed` find the ``*.yaml`` files under the
paths given (``load``, ``validate``, the folder sync, ``publish``).

Brief files (:func:`read_checked`) and derive's articles (:func:`read_stable`) are read
so that

* a pipe, device or socket is never read (opening a FIFO blocks until a writer comes;
  ``/dev/zero`` never ends): the file is opened non-blocking and checked with ``fstat``
  on the same descriptor, so a path that turns into a FIFO after a folder was listed is
  refused too;
* nothing over the size limit is read into memory (checked before reading, and again
  on what was read: the file may grow meanwhile);
* a file being rewritten in place (an editor saving without a temporary file) is never
  taken half-written: size, modification time and inode are compared before and after
  the read (a change meanwhile: read again, a few times, then refused); and a file
  modified less than :data:`SETTLE_S` ago may be between two writes, so it is only
  taken once it has held still that long (:func:`read_stable` waits for that; a load
  goes on reading other files meanwhile and checks it afterwards, see ``sync``).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

#: A file modified less than this long ago may be between two writes of whoever is
#: saving it: it is taken only once it has held still for this long.
SETTLE_S = 0.3
#: Reads of a file that keeps changing before it is refused.
ATTEMPTS = 4

Stamp = tuple[int, int, int, int, int]
"""What tells one version of a file from another: device, inode, size, mtime, ctime."""

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class TooBig(OSError):
    """The file is over the limit; ``size`` is its size when known (else None)."""

    def __init__(self, size: int | None) -> None:
        super().__init__(errno.EFBIG, "file too big")
        self.size = size


class NotRegular(OSError):
    """A pipe, device, socket or folder: never read."""

    def __init__(self, mode: int) -> None:
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        super().__init__(errno.EINVAL, kind)


class Changed(OSError):
    """The file kept changing while it was read."""

    def __init__(self) -> None:
        super().__init__(
            errno.EAGAIN,
            f"the file changed while it was read ({ATTEMPTS} tries); refused, "
            "load it again once it is saved",
        )


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def file_stamp(path: Path | str) -> Stamp | None:
    """The stamp of the file at ``path`` now (following links), or None if it is gone."""
    try:
        return _stamp(os.stat(path))
    except OSError:
        return None


def settles_at(stamp: Stamp) -> float:
    """When (``time.time()``) a file read with ``stamp`` counts as settled if unchanged.
    A modification time in the future (a clock ahead) is not waited for."""
    changed = stamp[3] / 1e9
    if changed > time.time() + 1.0:
        return 0.0
    return changed + SETTLE_S


def _read_once(path: Path | str, max_bytes: int) -> tuple[bytes, Stamp, bool]:
    """(data, the file's stamp after reading, whether it held still while read)."""
    fd = os.open(path, _FLAGS)
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise NotRegular(before.st_mode)
        if before.st_size > max_bytes:
            raise TooBig(before.st_size)
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte past the cap tells a file that grew
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise TooBig(None)
    still = _stamp(before) == _stamp(after) and len(data) == after.st_size
    return data, _stamp(after), still


def read_checked(path: Path | str, max_bytes: int) -> tuple[bytes, Stamp]:
    """The whole content of the regular file ``path``, not changed while it was read,
    and its stamp (to check later that it has settled, see :func:`settles_at`).

    Raises :class:`NotRegular`, :class:`TooBig`, :class:`Changed` or the ``OSError``
    of opening or reading (all ``OSError``; ``strerror`` says why in a few words).
    """
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(0.02 * attempt)
        data, stamp, still = _read_once(path, max_bytes)
        if still:
            return data, stamp
    raise Changed()


def read_stable(path: Path | str, max_bytes: int) -> bytes:
    """:func:`read_checked`, and if the file was modified less than :data:`SETTLE_S`
    ago, wait until then and make sure it has not changed (else read it again)."""
    for _ in range(ATTEMPTS):
        data, stamp = read_checked(path, max_bytes)
        wait = settles_at(stamp) - time.time()
        if wait <= 0:
            return data
        time.sleep(wait)
        if file_stamp(path) == stamp:
            return data
    raise Changed()


# --------------------------------------------------------------------------- finding brief files

_SUFFIXES = (".yaml", ".yml")


def iter_brief_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Brief files to read: explicit files as given, folders searched recursively for
    regular ``*.yaml``/``*.yml`` files in sorted order, hidden folders and files skipped.
    A path that does not exist yields nothing (see :func:`missing_paths`). Each file once."""
    for text, _ in brief_files_keyed(paths):
        yield Path(text)


def brief_files_keyed(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """What :func:`iter_brief_files` finds, as text, each with a key that is absolute
    with links resolved: the sync's ``files`` table is keyed by it.

    Built for re-syncing big unchanged folders, where this is most of the work: a folder
    is resolved once and its files keyed by their path inside it (resolving each file
    costs a syscall per path component), and ``scandir`` tells regular files from the
    rest without a ``stat``. Only a file that is itself a link is resolved, to read each
    file once; its key stays its path in the folder.
    """
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            base = str(path)
            prefix = "" if base == "." else base.rstrip(os.sep) + os.sep
            root = _resolved(base)
            for parts, is_link in _files_under(base):
                relative = os.path.join(*parts)
                key = os.path.join(root, relative)
                real = _resolved(prefix + relative) if is_link else key
                if real not in seen:
                    seen.add(real)
                    yield prefix + relative, key
        elif path.exists():
            key = _resolved(str(path))
            if key not in seen:
                seen.add(key)
                yield str(path), key


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())


def _files_under(folder: str) -> list[tuple[tuple[str, ...], bool]]:
    """Brief files under ``folder`` as (path parts inside it, is a link), in order of
    those parts. Links to folders are not followed (as ``os.walk``); a link to a
    regular file is a file."""
    found: list[tuple[tuple[str, ...], bool]] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            return
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, (*parts, name))
                # a pipe or device named x.yaml would block or never end
                elif name.lower().endswith(_SUFFIXES) and entry.is_file():
                    found.append(((*parts, name), entry.is_symlink()))
            except OSError:  # a link loop, a file gone meanwhile
                continue

    walk(folder, ())
    found.sort()
    return found


def missing_paths(paths: Iterable[Path]) -> list[Path]:
    """The given paths that do not exist, so callers can report them."""
    return [path for path in paths if not path.exists()]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same folder, so a
    failure (disk full, Ctrl-C) leaves whatever was there before intact. Raises
    ``OSError``; callers name the file in their own error."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
