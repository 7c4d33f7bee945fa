"""Input files: what a path names is checked before anything opens it, and no more than
MAX_INPUT_BYTES is read of it.

Every file policyengine reads on a user's behalf — policies, rule files, reforms, configurations,
baselines, test files — comes through `read_bytes`, and every directory it searches through
`files_under`, so that a named pipe or a device never blocks a read or feeds it without end, and
nothing under a directory is skipped without a word: each problem is one located InputError.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import InputError
from .messages import Message, Term, msg

MAX_INPUT_BYTES = 32 * 1024 * 1024  # far beyond any policy (the bundled one is 75 kB); bounds memory
FILE, DIRECTORY, EITHER = "file", "directory", "either"  # what a path may name
_EXPECTED = {FILE: "loader.not_file", DIRECTORY: "loader.not_directory", EITHER: "loader.not_regular"}
_CHUNK = 1 << 20

# errno names the catalogue says in words (`cli.errno.NAME`); the system's own text for the others
_ERRNO = ("EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR", "EEXIST", "ENAMETOOLONG", "ENOENT", "EISDIR")
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISREG, "regular"),
    (stat.S_ISLNK, "symlink"),  # only from lstat: readers that refuse links (the run store) name them
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "char_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)


def os_reason(error: OSError) -> Message:
    """Why a file could not be read or written, in both languages: common causes by their errno,
    anything else with the system's own (English) text framed as such."""
    name = errno.errorcode.get(error.errno or 0, "")
    if name in _ERRNO:
        return msg(f"cli.errno.{name}")
    return msg("cli.system", reason=error.strerror or str(error) or type(error).__name__)


def kind_of(mode: int) -> Term:
    """What a file is (a directory, a named pipe, ...), as messages name it."""
    return Term("term.file", next((name for test, name in _KINDS if test(mode)), "other"))


def stat_input(
    path: str | os.PathLike[str],
    expect: str = FILE,
    error: type[InputError] = InputError,
    missing: str = "loader.no_such_path",
) -> os.stat_result:
    """The status of the input `path` names (links followed), checked to be what `expect` says
    (FILE, DIRECTORY or EITHER); else an `error`: `missing` (a catalogue key with `path`) when
    nothing is there, or what is wrong with it. Never opens the path."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise unreachable(path, exc, error, missing) from None
    except ValueError:  # a NUL in the name (a YAML string may hold one): no file is called that
        raise error.of(missing, path=str(path)) from None
    mode = status.st_mode
    regular, directory = stat.S_ISREG(mode), stat.S_ISDIR(mode)
    if (expect == FILE and not regular) or (expect == DIRECTORY and not directory) or not (regular or directory):
        raise error.of(_EXPECTED[expect], path=str(path), kind=kind_of(mode))
    return status


def unreachable(
    path: str | os.PathLike[str],
    exc: OSError,
    error: type[InputError] = InputError,
    missing: str = "loader.no_such_path",
) -> InputError:
    """The error for a path that cannot be followed to a file: a loop of links, a link to nothing,
    nothing at all, or one the system refuses."""
    name = str(path)
    if exc.errno == errno.ELOOP:
        return error.of("loader.link_loop", path=name)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return error.of("loader.dangling_link", path=name, target=os.readlink(path))
        return error.of(missing, path=name)
    return error.of("common.cannot_read", path=name, reason=os_reason(exc))


def read_bytes(
    path: str | os.PathLike[str], error: type[InputError] = InputError, missing: str = "loader.no_such_path"
) -> bytes:
    """The content of the regular file `path`, at most MAX_INPUT_BYTES; else an `error` (see
    `stat_input`). The kind is checked before the file is opened, and opened without blocking, so
    a named pipe or a device never stalls or floods the read."""
    name, limit = str(path), MAX_INPUT_BYTES
    if stat_input(path, FILE, error, missing).st_size > limit:
        raise error.of("loader.too_large", path=name, limit=limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise unreachable(path, exc, error, missing) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced by something else since it was looked at
            raise error.of("loader.not_file", path=name, kind=kind_of(mode))
        chunks, total = [], 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew since it was looked at
                raise error.of("loader.too_large", path=name, limit=limit)
        return b"".join(chunks)
    except OSError as exc:
        raise error.of("common.cannot_read", path=name, reason=os_reason(exc)) from None
    finally:
        os.close(fd)


def files_under(root: str | os.PathLike[str], wanted: Callable[[str], bool]) -> list[Path]:
    """The files under the directory `root` whose names `wanted` accepts, sorted; links followed,
    names starting with `.` (files and directories) left out. Anything that could hide a wanted
    file is an InputError naming it, never a silent skip: a directory that cannot be read, a link
    that loops or leads back to a directory it is in, a wanted name that is a link to nothing or not
    a regular file (a named pipe, a device, a socket)."""
    top = Path(root)
    found: list[Path] = []
    stack = [(top, frozenset({_identity(stat_input(top, DIRECTORY))}))]
    while stack:  # not recursive: a deep tree must not exhaust the interpreter's stack
        directory, above = stack.pop()
        try:
            with os.scandir(directory) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as exc:
            raise InputError.of("common.cannot_read", path=str(directory), reason=os_reason(exc)) from None
        for name in names:
            if name.startswith("."):
                continue
            path = directory / name
            try:
                status = os.stat(path)
            except OSError as exc:
                if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not wanted(name):
                    continue  # a link to nothing, under a name never read: it hides no policy file
                raise unreachable(path, exc) from None
            if stat.S_ISDIR(status.st_mode):
                if _identity(status) in above:
                    raise InputError.of("loader.dir_loop", path=str(path), target=os.path.realpath(path))
                stack.append((path, above | {_identity(status)}))
            elif wanted(name):
                if not stat.S_ISREG(status.st_mode):
                    raise InputError.of("loader.not_file", path=str(path), kind=kind_of(status.st_mode))
                found.append(path)
    return sorted(found)


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


__all__ = [
    "DIRECTORY",
    "EITHER",
    "FILE",
    "MAX_INPUT_BYTES",
    "files_under",
    "kind_of",
    "os_reason",
    "read_bytes",
    "stat_input",
    "unreachable",
]
