"""Writing an output file whole or not at all. A leaf module (standard library only).

Every file policyengine writes goes through here: the bytes go to a new file beside the target,
are flushed to the disk, and only then take the target's name (`os.replace`, atomic on POSIX and
Windows). A full disk, a signal or any error before that leaves the old file as it was and no
temporary file behind. The new file keeps the old one's permission bits; a new file gets the
usual ones (0666 less the umask). A symbolic link is written through: the file it names is
replaced, the link stays. A target that is not a regular file (`/dev/null`, `/dev/stdout`, a
named pipe) cannot be replaced and is written into directly.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100  # names tried for the temporary file before giving up (each is random)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """`text` as the whole content of `path`, atomically (see the module's docstring)."""
    write_bytes(path, text.encode(encoding))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """`data` as the whole content of `path`, atomically. Raises OSError (its `filename` set to
    `path`) when it cannot; the old file is then untouched."""
    write_chunks(path, (data,))


def write_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """The chunks, in order, as the whole content of `path`, atomically: an output too large to hold
    in memory is made while it is written. An exception while the chunks are made leaves the old file
    untouched, as an error while writing does."""
    try:
        _write(Path(path), chunks)
    except OSError as error:
        if error.filename is None:  # os.write and os.fsync name no file: say which one failed
            error.filename = str(path)
        raise


def _write(path: Path, data: Iterable[bytes]) -> None:
    try:
        # through the path itself: /dev/stdout on a pipe is a link whose target (`pipe:[N]`) is no path
        old: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        old = None
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if old is not None and not stat.S_ISREG(old.st_mode):
        _write_into(path, b"".join(data))  # a device or a pipe: there is nothing to replace
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if old is not None and not os.access(target, os.W_OK):
        # a file its owner made read-only stays so, as it would with a plain write
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    fd, tmp = _create_beside(target)
    try:
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
        for chunk in data:
            _write_all(fd, chunk)
        os.fsync(fd)  # the bytes on the disk before the name moves, or a crash could leave it empty
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:  # an interrupt too: never leave the temporary file behind
        if fd >= 0:
            os.close(fd)
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(target.parent)


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty file in the target's directory (so that `os.replace` stays on one file system),
    hidden and named after the target, and its descriptor. Created with mode 0666, less the umask."""
    for _ in range(_ATTEMPTS):
        tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_into(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _sync_directory(directory: Path) -> None:
    """Make the new name durable. Best effort: some systems cannot open or sync a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = ["write_bytes", "write_chunks", "write_text"]
