"""Where the runs run: in this process, on local processes (`--workers`), or on a Dask distributed
cluster (`--scheduler ADDRESS`, the `dask` extra). Every backend calls the same pure function on the
same arguments and hands each result back under its job's key, so the result does not depend on the
backend; the caller orders the results by key.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError
from .scheduler import CONNECT_TIMEOUT, check_address, connect, quiet

if TYPE_CHECKING:  # dask is an optional extra, imported only when a scheduler is given
    from distributed import Future

K = TypeVar("K")  # a job's key
R = TypeVar("R")  # what a job's function returns
Job = tuple[K, Callable[..., R], tuple[Any, ...]]  # (key, function, arguments)


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


def _dask(jobs: Sequence[Job[K, R]], on_result: Callable[[K, R], None], address: str) -> None:
    with quiet():  # a lost cluster is our one line, not Dask's log besides
        _on_cluster(jobs, on_result, address)


def _on_cluster(jobs: Sequence[Job[K, R]], on_result: Callable[[K, R], None], address: str) -> None:
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
        # closed here, not by __del__ at exit; a cluster already lost cannot fail our line with its own
        with contextlib.suppress(Exception):
            client.close(timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]


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
