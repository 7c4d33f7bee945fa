"""Where the runs run: in this process, on local processes (`--workers`), or on a Dask distributed
cluster (`--scheduler ADDRESS`, the `dask` extra). Every backend calls the same pure function on the
same arguments and hands each result back under its job's key, so the result does not depend on the
backend; the caller orders the results by key.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError
from ..messages import Listed

if TYPE_CHECKING:  # dask is an optional extra, imported only when a scheduler is given
    from distributed import Client, Future

K = TypeVar("K")  # a job's key
R = TypeVar("R")  # what a job's function returns
Job = tuple[K, Callable[..., R], tuple[Any, ...]]  # (key, function, arguments)
CONNECT_TIMEOUT = "10s"


def execute(
    jobs: Sequence[Job[K, R]], on_result: Callable[[K, R], None], workers: int = 1, scheduler: str | None = None
) -> None:
    """Run every job and call `on_result(key, value)` in this process as each one finishes."""
    if not jobs:
        return
    if scheduler is not None:
        _dask(jobs, on_result, scheduler)
    elif workers == 1 or len(jobs) == 1:
        for key, fn, args in jobs:
            on_result(key, fn(*args))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs), os.cpu_count() or workers)) as pool:
            futures = {pool.submit(fn, *args): key for key, fn, args in jobs}
            for future in as_completed(futures):
                on_result(futures[future], future.result())


SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")


def check_address(address: str) -> str:
    """`address` when it is a scheduler address (`[SCHEME://]HOST:PORT`, the scheme tcp by
    default); otherwise a one-line InputError — before any Dask client is made."""
    text = address.strip()
    scheme, sep, location = text.partition("://")
    if not sep:
        scheme, location = "tcp", text
    if scheme not in SCHEMES:
        raise InputError.of("simulate.scheme", address=address, scheme=scheme, schemes=Listed(SCHEMES))
    if scheme == "inproc":
        if location:
            return text
    else:
        host, colon, port = location.rpartition(":")
        host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        if colon and host and port.isdigit() and 0 < int(port) < 65536:
            return text
    raise InputError.of("simulate.address", address=address)


def connect(address: str) -> Client:
    """A Dask client on the scheduler at `address`; a one-line InputError when the address is not
    one, the `dask` extra is missing or the scheduler cannot be reached."""
    address = check_address(address)
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError.of("simulate.dask_missing") from None
    try:
        # distributed leaves Client.__init__ unannotated
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError.of("simulate.unreachable", address=address, reason=reason) from None


def _dask(jobs: Sequence[Job[K, R]], on_result: Callable[[K, R], None], address: str) -> None:
    client = connect(address)
    from dask.distributed import as_completed as dask_completed

    try:
        # arguments shared by many jobs (a scenario's world) go to the cluster once
        shared: dict[int, Any] = {}
        for _, _, args in jobs:
            for a in args:
                if _large(a) and id(a) not in shared:
                    shared[id(a)] = a
        scattered: dict[int, Future[Any]] = {}
        try:
            if shared:
                # distributed leaves Client.scatter unannotated: it gives a future per value, in order
                handles = client.scatter(list(shared.values()), broadcast=False)  # type: ignore[no-untyped-call]
                scattered = dict(zip(shared, handles, strict=True))
        except Exception as error:
            raise _cluster_error(error, address) from None
        futures: dict[Future[R], K] = {}
        for key, fn, args in jobs:
            future = client.submit(fn, *(scattered.get(id(a), a) for a in args), pure=False)
            futures[future] = key
        # distributed leaves as_completed.__init__ unannotated
        for future in dask_completed(list(futures), loop=client.loop):  # type: ignore[no-untyped-call]
            on_result(futures[future], _result(future, address))
            future.release()
    finally:
        client.close()  # type: ignore[no-untyped-call]  # distributed leaves Client.close unannotated


def _result(future: Future[R], address: str) -> R:
    try:
        return future.result()
    except Exception as error:
        raise _cluster_error(error, address) from None


def _cluster_error(error: Exception, address: str) -> Exception:
    """A worker that cannot import policyengine, or a cluster lost on the way, as a one-line
    InputError (runs already finished are stored under --out: a rerun resumes); anything else the
    cluster raised as one bilingual line too, keeping its type and first line of text."""
    text = str(error)
    if (
        isinstance(error, ImportError)
        or "No module named 'policyengine" in text
        or "deserialization of the task graph" in text
    ):
        return InputError.of("simulate.cluster_import", address=address)
    if isinstance(error, OSError):
        return InputError.of("simulate.cluster_lost", address=address, error=str(error))
    if isinstance(error, (InputError, MemoryError, KeyboardInterrupt)):
        return error
    # anything else the cluster raised (a worker killed, a task lost): one line, framed in both languages
    reason = (str(error).splitlines() or [""])[0] or type(error).__name__
    return InputError.of("simulate.cluster_failed", address=address, kind=type(error).__name__, reason=reason)


def _large(value: object) -> bool:
    return hasattr(value, "__dataclass_fields__")


__all__ = ["check_address", "connect", "execute"]
