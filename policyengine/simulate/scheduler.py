"""Reaching a Dask scheduler (`--scheduler ADDRESS`), so that every way of not reaching one is one line.

Three steps, each failure an InputError before any run:

1. the address's form (`check_address`), without Dask: `[SCHEME://]HOST:PORT`;
2. a probe, within CONNECT_TIMEOUT seconds in all: something accepts a connection at HOST:PORT
   (else "cannot reach": refused, no such host, no answer in time), and answers Dask's handshake
   and an `identity` request as a scheduler (else "not a Dask scheduler": an HTTP server, a
   listener that says something else or nothing, a Dask worker). Dask's own client would wait for
   a handshake forever, or read a length out of garbage and run out of memory;
3. the client itself, which closes quietly if it fails half-way (its `__del__` would otherwise wait
   twice the timeout and print a traceback after our line).

Dask's loggers are silenced meanwhile: what they would say is in the one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError
from ..messages import Listed, Message, msg

if TYPE_CHECKING:  # dask is an optional extra
    from distributed import Client
    from distributed.comm.core import Comm

CONNECT_TIMEOUT = 5.0  # seconds for the probe in all, and for the client's own connection
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")
_SOCKETS = ("tcp", "tls", "ws", "wss")  # schemes over a TCP socket: HOST:PORT can be tried directly
_HOST = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?")  # a name or an IPv4 address
_LOGGERS = ("distributed", "tornado", "asyncio")
T = TypeVar("T")


def check_address(address: str) -> str:
    """`address` when it is a scheduler address (`[SCHEME://]HOST:PORT`, the scheme tcp by
    default; HOST a name, an IPv4 address or a bracketed IPv6 one); otherwise a one-line
    InputError — before any Dask client is made."""
    text = address.strip()
    scheme, sep, location = text.partition("://")
    if not sep:
        scheme, location = "tcp", text
    if scheme not in SCHEMES:
        raise InputError.of("simulate.scheme", address=address, scheme=scheme, schemes=Listed(SCHEMES))
    if scheme == "inproc":
        if location and not any(c.isspace() for c in location):
            return text
    elif _host_port(location) is not None:
        return text
    raise InputError.of("simulate.address", address=address)


def _host_port(location: str) -> tuple[str, int] | None:
    host, colon, port = location.rpartition(":")
    if not (colon and port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return None
    if host.startswith("[") and host.endswith("]"):
        import ipaddress

        try:
            return str(ipaddress.IPv6Address(host[1:-1])), int(port)
        except ValueError:
            return None
    return (host, int(port)) if host.isascii() and _HOST.fullmatch(host) else None


def connect(address: str) -> Client:
    """A Dask client on the scheduler at `address`; a one-line InputError when the address is not
    one, the `dask` extra is missing, nothing answers there, or what answers is no Dask scheduler."""
    address = check_address(address)
    try:
        from distributed import Client
    except ImportError:
        raise InputError.of("simulate.dask_missing") from None
    timeout = CONNECT_TIMEOUT
    with quiet():
        _probe(address, timeout)

    class _Client(Client):  # distributed's Client is unannotated: the ignores below
        made = False

        def __del__(self) -> None:  # a client that failed half-way: closing it would wait, then print
            if self.made:
                with contextlib.suppress(Exception):
                    super().__del__()  # type: ignore[no-untyped-call]

    try:
        with quiet():
            client = _Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except Exception as error:  # it answered the probe, then not the client
        raise InputError.of("simulate.unreachable", address=address, reason=_system(error)) from None
    client.made = True
    return client


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Dask's, tornado's and asyncio's loggers say nothing meanwhile (a dangling stream closed, a
    connection retried): every failure is our one line."""
    # Dask configures its loggers when it is imported, setting their levels: imported first, or it would
    # undo the silence as soon as the client is made. Its configuration gives some children
    # (distributed.client, tornado.application) a level and a handler of their own: those are silenced
    # too, not only the parents.
    with contextlib.suppress(ImportError):  # without the extra, `connect` says so in one line
        import distributed  # noqa: F401
    names = [n for n in list(logging.root.manager.loggerDict) if n.split(".", 1)[0] in _LOGGERS]
    saved = [(logger, logger.level) for logger in map(logging.getLogger, {*_LOGGERS, *names})]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def _probe(address: str, timeout: float) -> None:
    """Raise the InputError that says what is at `address`, unless it is a Dask scheduler."""
    from distributed.comm.registry import get_backend
    from distributed.security import Security

    scheme, _, location = address.partition("://") if "://" in address else ("tcp", "", address)
    try:
        connector = get_backend(scheme).get_connector()  # type: ignore[no-untyped-call]
        args = Security().get_connection_args("client")  # type: ignore[no-untyped-call]  # TLS as dask's configuration says
    except Exception as error:  # ucx: only with its own package
        raise InputError.of("simulate.transport", address=address, scheme=scheme, reason=_system(error)) from None
    late: Message | None = msg("simulate.scheduler.no_answer", timeout=timeout)
    reach = _host_port(location) if scheme in _SOCKETS else None
    if reach is not None:
        nothing: Message | None = _within(timeout, lambda: _reach(*reach, timeout), late)
        if nothing is not None:
            raise InputError.of("simulate.unreachable", address=address, reason=nothing)
    silent: tuple[str, Message] | None = ("simulate.unreachable", msg("simulate.scheduler.no_answer", timeout=timeout))
    found = _within(timeout, lambda: asyncio.run(_identity(connector, location, args, timeout)), silent)
    if found is not None:
        key, reason = found
        raise InputError.of(key, address=address, reason=reason)


def _within(timeout: float, step: Callable[[], T], late: T) -> T:
    """`step()` in a thread of its own, given up for `late` after `timeout` seconds and a little: a
    name lookup (getaddrinfo) takes no timeout, and the caller may run an event loop of its own."""
    outcome: list[T] = []

    def run() -> None:
        with contextlib.suppress(BaseException):  # each step says what failed; nothing else may print
            outcome.append(step())

    thread = threading.Thread(target=run, name="policyengine-scheduler-probe", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    return outcome[0] if outcome else late


def _reach(host: str, port: int, timeout: float) -> Message | None:
    """None when something accepts a TCP connection at host:port; otherwise why nothing does."""
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except socket.gaierror:
        return msg("simulate.scheduler.no_host", host=host)
    except ConnectionRefusedError:
        return msg("simulate.scheduler.refused")
    except TimeoutError:
        return msg("simulate.scheduler.no_answer", timeout=timeout)
    except OSError as error:
        return msg("cli.system", reason=error.strerror or _first_line(error))
    return None


async def _identity(connector: Any, location: str, args: dict[str, Any], timeout: float) -> tuple[str, Message] | None:
    """None when what answers at `location` does Dask's handshake and says it is a Scheduler;
    otherwise the message key (unreachable, or not a scheduler) and the reason."""
    comm: Comm | None = None
    try:
        async with asyncio.timeout(timeout):
            comm = await connector.connect(location, deserialize=True, **args)
            comm.local_info = {**comm.handshake_info(), "address": comm.local_address}
            await comm.write(comm.handshake_info())
            remote = await comm.read()
            if not isinstance(remote, dict):
                return "simulate.not_scheduler", msg("simulate.scheduler.garbled")
            comm.remote_info = {**remote, "address": comm.peer_address}
            comm.handshake_options = comm.handshake_configuration(comm.local_info, comm.remote_info)
            await comm.write({"op": "identity", "reply": True})
            answer = await comm.read()
    except TimeoutError:
        if comm is None:
            return "simulate.unreachable", msg("simulate.scheduler.no_answer", timeout=timeout)
        return "simulate.not_scheduler", msg("simulate.scheduler.silent", timeout=timeout)
    except Exception as error:  # bytes that are no Dask message: a length out of garbage, a MemoryError, ...
        if comm is None:  # no connection: an inproc address of no cluster in this process, ...
            return "simulate.unreachable", _system(error)
        closed = isinstance(error, (OSError, asyncio.IncompleteReadError))
        return "simulate.not_scheduler", msg("simulate.scheduler.closed" if closed else "simulate.scheduler.garbled")
    finally:
        if comm is not None:
            comm.abort()  # type: ignore[no-untyped-call]
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind == "Scheduler":
        return None
    if kind in ("Worker", "Nanny"):
        return "simulate.not_scheduler", msg(f"simulate.scheduler.{str(kind).lower()}")
    return "simulate.not_scheduler", msg("simulate.scheduler.garbled")


def _system(error: BaseException) -> Message:
    return msg("cli.system", reason=_first_line(error))


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [""])[0] or type(error).__name__


__all__ = ["CONNECT_TIMEOUT", "SCHEMES", "check_address", "connect", "quiet"]
