"""`policyengine.atomic`: an output file is replaced whole or not at all, and nothing is left behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyengine import atomic

REAL_WRITE, REAL_FSYNC, REAL_REPLACE = os.write, os.fsync, os.replace


def _no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@contextmanager
def disk_full_after(budget: int):
    """The disk takes `budget` more bytes (partial writes, as a real one does), then ENOSPC."""
    left = [budget]

    def write(fd: int, data: bytes) -> int:
        if left[0] <= 0:
            _no_space()
        written = REAL_WRITE(fd, bytes(data[: left[0]]))
        left[0] -= written
        return written

    with mock.patch.object(os, "write", write):
        yield


def _entries(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


def test_a_new_file_is_written_with_the_usual_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "new.txt", "héllo\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").read_bytes() == "héllo\n".encode()
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert _entries(tmp_path) == {"new.txt"}


def test_a_replaced_file_keeps_its_permission_bits(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _entries(tmp_path) == {"out.json"}


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real.txt").write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    atomic.write_bytes(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_bytes() == b"new"
    assert _entries(tmp_path) == {"real.txt", "link.txt"}


def test_a_directory_in_the_way_is_refused_and_nothing_is_left(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        atomic.write_bytes(tmp_path / "d", b"x")
    assert caught.value.errno == errno.EISDIR and caught.value.filename == str(tmp_path / "d")
    assert _entries(tmp_path) == {"d"} and _entries(tmp_path / "d") == set()


def test_a_read_only_file_stays_as_it_is(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    target = tmp_path / "ro.txt"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(PermissionError):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and _entries(tmp_path) == {"ro.txt"}


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic.write_bytes(fifo, b"through the pipe")
    reader.join(20)  # a guard against hanging, not a measure of speed
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert _entries(tmp_path) == {"pipe"}


def test_an_error_names_the_file(tmp_path):
    target = tmp_path / "f.txt"
    with disk_full_after(0), pytest.raises(OSError) as caught:
        atomic.write_text(target, "x")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert _entries(tmp_path) == set()


@given(
    old=st.none() | st.binary(max_size=2000),
    new=st.binary(max_size=2000),
    where=st.sampled_from(["write", "fsync", "replace", "nowhere"]),
    budget=st.integers(min_value=0, max_value=2000),
)
def test_a_failure_anywhere_leaves_the_old_file_and_nothing_else(old, new, where, budget):
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        target = directory / "out.bin"
        if old is not None:
            target.write_bytes(old)
        patches = {
            "write": disk_full_after(budget if budget < len(new) else 0),
            "fsync": mock.patch.object(os, "fsync", _no_space),
            "replace": mock.patch.object(os, "replace", _no_space),
        }
        if where == "nowhere" or (where == "write" and not new):  # nothing to write: nothing fails
            atomic.write_bytes(target, new)
            assert target.read_bytes() == new and _entries(directory) == {"out.bin"}
            return
        with patches[where], pytest.raises(OSError) as caught:
            atomic.write_bytes(target, new)
        assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
        assert _entries(directory) == ({"out.bin"} if old is not None else set())
        if old is not None:
            assert target.read_bytes() == old


def test_an_interrupt_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    with mock.patch.object(os, "fsync", interrupted), pytest.raises(KeyboardInterrupt):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and _entries(tmp_path) == {"out.txt"}
