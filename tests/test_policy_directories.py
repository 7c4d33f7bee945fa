"""What a policy directory holds is read, or named in one line with exit 2: an entry that could hide a
policy file (an unreadable directory, a looping or broken link, a named pipe, a socket or a device
called like a policy file) is never skipped in silence."""

from __future__ import annotations

import os
import socket
import stat
import sys
import tempfile
import threading
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.errors import InputError
from policyengine.inputs import files_under

from .util import write_policy

POLICY = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    """,
    "sub/q.yaml": """
    units:
      - {id: office, name: {en: Office}, tier: grid, kind: committee}
    """,
}


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _loop(path: Path) -> None:
    path.symlink_to(path.name + ".other")
    path.with_name(path.name + ".other").symlink_to(path.name)


def _up(path: Path) -> None:
    path.symlink_to("..")


# kind -> (entry under the policy's sub/, how it is made, the message after "{path}: ")
ENTRIES = {
    "fifo": ("x.yaml", _fifo, "a named pipe (FIFO), not a regular file"),
    "socket": ("x.rules", _socket, "a socket, not a regular file"),
    "device": ("x.yml", _device, "a character device, not a regular file"),
    "dangling link": ("x.yaml", _dangling, "a symbolic link to nowhere.yaml, which does not exist"),
    "link loop": ("loop", _loop, "a loop of symbolic links"),
    "link to a directory above": ("up", _up, "a symbolic link to {root}, a directory it is in (a loop)"),
}


def lint(*args: str):
    """`policyengine lint`, in a thread: a read that blocks fails the test instead of hanging it."""
    box = []
    worker = threading.Thread(target=lambda: box.append(CliRunner().invoke(main, ["lint", *args])), daemon=True)
    worker.start()
    worker.join(20)  # a guard against a hang, not a measure of speed
    assert box, f"policyengine lint {' '.join(args)} did not return"
    return box[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(ENTRIES))
def test_an_entry_that_could_hide_a_policy_file_is_one_line_naming_it(tmp_path, kind, lang):
    root = write_policy(tmp_path / "p", POLICY)
    name, make, message = ENTRIES[kind]
    make(root / "sub" / name)
    result = lint(str(root), "--isolated", "--lang", lang)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    if lang == "en":
        assert result.stderr == f"policyengine: {root / 'sub' / name}: {message.format(root=root)}\n"
    else:
        assert result.stderr.startswith(f"policyengine: {root / 'sub' / name}:")


def test_the_messages_in_chinese(tmp_path):
    root = write_policy(tmp_path / "p", POLICY)
    _fifo(root / "sub" / "x.yaml")
    assert (
        lint(str(root), "--lang", "zh").stderr
        == f"policyengine: {root / 'sub' / 'x.yaml'}:为命名管道(FIFO),不是普通文件\n"
    )


def test_an_unreadable_subdirectory_is_one_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads anywhere (the same error, made by the system, is the next test)")
    root = write_policy(tmp_path / "p", POLICY)
    (root / "sub").chmod(0)
    try:
        result = lint(str(root))
    finally:
        (root / "sub").chmod(0o700)
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: {root / 'sub'}: cannot read: permission denied\n"


def test_a_directory_the_system_refuses_to_list_is_one_line(tmp_path):
    root = write_policy(tmp_path / "p", POLICY)
    real = os.scandir

    def scandir(path):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    with mock.patch.object(os, "scandir", scandir):
        en, zh = lint(str(root)), lint(str(root), "--lang", "zh")
    assert en.exit_code == 2 and en.stderr == f"policyengine: {root / 'sub'}: cannot read: permission denied\n"
    assert zh.exit_code == 2 and zh.stderr == f"policyengine: {root / 'sub'}:无法读取:权限不足\n"


def test_a_linked_directory_is_read_like_any_other(tmp_path):
    root = write_policy(tmp_path / "p", {"p.yaml": POLICY["p.yaml"]})
    write_policy(tmp_path / "shared", {"q.yaml": POLICY["sub/q.yaml"]})
    assert lint(str(root), "--isolated").output == "No findings in 1 file(s).\n"
    (root / "sub").symlink_to(tmp_path / "shared")
    assert lint(str(root), "--isolated").output == "No findings in 2 file(s).\n"


@pytest.mark.parametrize(
    "name, make",
    [
        ("notes", _dangling),  # a broken link named like no policy file
        ("notes.fifo", _fifo),  # a pipe named like no policy file
        (".x.yaml", _fifo),  # hidden
        (".cache", _up),  # hidden
    ],
)
def test_entries_that_hide_no_policy_file_are_passed_over(tmp_path, name, make):
    root = write_policy(tmp_path / "p", POLICY)
    make(root / "sub" / name)
    result = lint(str(root), "--isolated")
    assert result.exit_code == 0 and result.output == "No findings in 2 file(s).\n"


def test_a_pipe_named_like_a_test_file_is_one_line(tmp_path):
    (tmp_path / "t").mkdir()
    _fifo(tmp_path / "t" / "x.pe-test.yaml")
    result = CliRunner().invoke(main, ["test", str(tmp_path / "t")])
    assert result.exit_code == 2
    assert (
        result.stderr == f"policyengine: {tmp_path / 't' / 'x.pe-test.yaml'}: a named pipe (FIFO), not a regular file\n"
    )


# -- the walk, on trees of any shape ----------------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "c.yaml", "d.rules", "e.txt", "f.yaml"])
TREES = st.recursive(
    st.just("file"),
    lambda children: st.dictionaries(NAMES, children, max_size=4),
    max_leaves=20,
)


def _make(directory: Path, tree: dict, depth: int = 0) -> list[Path]:
    """Write `tree` ({name: "file" or a subtree}); the wanted files it holds."""
    found = []
    for name, node in tree.items():
        path = directory / name
        if node == "file":
            path.write_text("x: 1\n", encoding="utf-8")
            found += [path] if name.endswith((".yaml", ".rules")) else []
        else:
            path.mkdir()
            found += _make(path, node, depth + 1)
    return found


def _wanted(name: str) -> bool:
    return name.endswith((".yaml", ".rules"))


@given(tree=st.dictionaries(NAMES, TREES, max_size=4), spoil=st.none() | st.sampled_from(["fifo", "dangling"]))
def test_the_walk_finds_every_wanted_file_or_names_what_hides_one(tree, spoil):
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        expected = sorted(_make(root, tree))
        directories = [root, *sorted(p for p in root.rglob("*") if p.is_dir())]
        if spoil is None:
            assert files_under(root, _wanted) == expected
            return
        bad = directories[-1] / "z.yaml"  # the deepest-sorted directory: wherever the tree puts it
        (_fifo if spoil == "fifo" else _dangling)(bad)
        with pytest.raises(InputError) as caught:
            files_under(root, _wanted)
        assert caught.value.message.params["path"] == str(bad)


def test_a_tree_deeper_than_the_interpreter_recurses_is_walked(tmp_path):
    depth = sys.getrecursionlimit() + 100
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(depth):  # relative to the last directory: no path is looked up whole
            os.mkdir("d", dir_fd=fd)
            fd, above = os.open("d", os.O_RDONLY, dir_fd=fd), fd
            os.close(above)
        os.close(os.open("p.yaml", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
        assert files_under(tmp_path, _wanted) == [tmp_path.joinpath(*["d"] * depth, "p.yaml")]
        os.unlink("p.yaml", dir_fd=fd)
        for _ in range(depth):  # shutil.rmtree would recurse as deep
            fd, below = os.open("..", os.O_RDONLY, dir_fd=fd), fd
            os.close(below)
            os.rmdir("d", dir_fd=fd)
    finally:
        os.close(fd)


def test_a_pipe_is_never_opened(tmp_path):
    """Reading a named pipe would block until a writer came: the kind is looked at first."""
    _fifo(tmp_path / "x.yaml")
    opened = []
    real = os.open

    def spy(path, *args, **kwargs):
        if os.path.exists(path) and stat.S_ISFIFO(os.stat(path).st_mode):
            opened.append(str(path))
        return real(path, *args, **kwargs)

    with mock.patch.object(os, "open", spy):
        result = lint(str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and opened == []
