"""`simulate --scheduler ADDRESS` that does not lead to a Dask scheduler is one line and exit 2, and
nothing after it: each case runs the command in a subprocess, so that whatever Dask's objects print
when they are collected or at exit (`Client.__del__`, atexit hooks, loggers) is in what is checked."""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.errors import InputError
from policyengine.simulate.scheduler import check_address

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
TIMEOUT = 1.0  # the probe's timeout in these runs (CONNECT_TIMEOUT, 5 s by default), to keep them short
# the CLI's entry point with a shorter connect timeout: what `policyengine` runs, in a process of its own
ENTRY = (
    "import sys; from policyengine.simulate import scheduler; scheduler.CONNECT_TIMEOUT = float(sys.argv[1]); "
    "sys.argv = ['policyengine', *sys.argv[2:]]; from policyengine.cli import run; run()"
)


def simulate_on(address: str, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", ENTRY, str(TIMEOUT), "simulate", H, "--months", "1", "--runs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*command, "--on", "2020-01-01", "--scheduler", address, *extra],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def one_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert (result.returncode, result.stderr, result.stdout) == (2, f"policyengine: {expected}\n", "")


@contextlib.contextmanager
def serving(handler: type[socketserver.BaseRequestHandler]):
    """A TCP server on a free port of 127.0.0.1, in a thread; yields its address."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Garbage(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        with contextlib.suppress(OSError):
            self.request.sendall(b"garbage that is no Dask frame\n" * 64)
            self.request.recv(4096)


class Silent(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        with contextlib.suppress(OSError):
            while self.request.recv(4096):
                pass


class Http(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def free_port() -> int:
    """A port nothing listens on (it was free a moment ago: connecting is refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


MALFORMED = {
    "tcp://": "--scheduler 'tcp://': expected a scheduler address such as tcp://HOST:PORT",
    "foo://bar": "--scheduler 'foo://bar': unknown scheme 'foo' (one of tcp, tls, ws, wss, ucx, inproc)",
    "::::": "--scheduler '::::': expected a scheduler address such as tcp://HOST:PORT",
    "tcp://a:b:8786": "--scheduler 'tcp://a:b:8786': expected a scheduler address such as tcp://HOST:PORT",
}


@pytest.mark.parametrize("address", list(MALFORMED))
def test_a_malformed_address_is_one_line_and_nothing_after(address):
    one_line(simulate_on(address), MALFORMED[address])


def test_nothing_listening_is_unreachable_in_one_line():
    pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    address = f"tcp://127.0.0.1:{free_port()}"
    one_line(
        simulate_on(address),
        f"--scheduler {address}: cannot reach a Dask scheduler there (connection refused: nothing listens there)",
    )
    zh = simulate_on(address, "--lang", "zh")
    one_line(zh, f"--scheduler {address}:无法连接该地址的 Dask 调度器(连接被拒绝:该端口无服务监听)")


def test_an_unknown_host_is_unreachable_in_one_line():
    pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    address = "tcp://no-such-host.invalid:8786"  # .invalid never resolves (RFC 2606)
    one_line(
        simulate_on(address),
        f"--scheduler {address}: cannot reach a Dask scheduler there (no such host: no-such-host.invalid)",
    )


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (Garbage, "it answers in another protocol"),
        (Silent, "it took the connection but did not answer as one within 1 s"),
        (Http, "it took the connection but did not answer as one within 1 s"),
    ],
    ids=["garbage", "silent", "http"],
)
def test_what_is_no_dask_scheduler_says_so_in_one_line(handler, reason):
    pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    with serving(handler) as address:
        one_line(simulate_on(address), f"--scheduler {address}: not a Dask scheduler ({reason})")


def test_a_worker_is_no_scheduler_and_a_scheduler_runs_with_nothing_on_stderr():
    distributed = pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", dashboard_address=":0"
    ) as cluster:
        worker = next(iter(cluster.scheduler_info["workers"]))
        one_line(
            simulate_on(worker),
            f"--scheduler {worker}: not a Dask scheduler (a Dask worker answers there: give its scheduler's address)",
        )
        ran = simulate_on(cluster.scheduler_address, "--format", "csv")
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.splitlines()[0] == "scenario,metric,mean,low,high"


def test_a_transport_this_dask_lacks_is_one_line():
    pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    from policyengine.simulate import scheduler

    try:
        scheduler._probe("ucx://127.0.0.1:1", TIMEOUT)
    except InputError as error:
        if "cannot connect over ucx" not in error.render("en"):
            pytest.skip("ucx is usable here")
    result = simulate_on("ucx://127.0.0.1:1")
    assert result.returncode == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "policyengine: --scheduler ucx://127.0.0.1:1: this installation of Dask cannot connect over ucx ("
    )


HOSTS = st.one_of(
    st.from_regex(r"[a-z0-9]([a-z0-9.-]{0,20}[a-z0-9])?", fullmatch=True),
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda a: f"[{a}]"),
)


@settings(max_examples=150, deadline=None)
@given(
    address=st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda s, h, p: f"{s}{h}:{p}",
            st.sampled_from(["", "tcp://", "tls://", "ws://"]),
            HOSTS,
            st.integers(-5, 70000),
        ),
    )
)
def test_an_address_is_refused_or_one_dask_can_parse(address):
    """Any text: refused in one line before Dask is touched, or an address Dask's own parser takes."""
    distributed = pytest.importorskip("distributed.comm.addressing")
    try:
        checked = check_address(address)
    except InputError as error:
        assert "\n" not in error.render("en") and error.message.key in ("simulate.scheme", "simulate.address")
        return
    scheme, location = distributed.parse_address(checked if "://" in checked else f"tcp://{checked}")
    if scheme != "inproc":
        host, port = distributed.parse_host_port(location)
        assert host and 0 < port < 65536


def test_dask_loggers_are_silenced_whenever_dask_is_imported():
    """A cluster lost mid-run made distributed.client log a line, then a traceback, before our one line:
    the silence began before Dask was imported, and importing it set its loggers' levels again; and its
    configuration gives distributed.client and tornado.application a level and a handler of their own,
    which silencing the parents alone did not reach. Each case in a process of its own, as Dask's
    handlers write to the standard error they found at import."""
    pytest.importorskip("distributed")
    names = ("distributed", "distributed.client", "distributed.comm.tcp", "tornado.application", "asyncio")
    for imported_first in (True, False):
        code = (
            "import logging\n"
            + ("import distributed\n" if imported_first else "")
            + "from policyengine.simulate.scheduler import quiet\n"
            "with quiet():\n"
            "    import distributed  # as connect() imports it, inside the silence\n"
            f"    for name in {names!r}:\n"
            "        logging.getLogger(name).error('what Dask would say')\n"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert (done.returncode, done.stderr) == (0, ""), imported_first


def test_the_silence_ends_with_the_levels_dask_set():
    pytest.importorskip("distributed")
    code = (
        "import logging, distributed\n"
        "from policyengine.simulate.scheduler import quiet\n"
        "names = ('distributed', 'distributed.client', 'tornado', 'tornado.application', 'asyncio')\n"
        "before = [logging.getLogger(n).level for n in names]\n"
        "with quiet():\n"
        "    pass\n"
        "assert [logging.getLogger(n).level for n in names] == before\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert (done.returncode, done.stderr) == (0, "")
