"""Finished runs on disk, so that an interrupted simulation or sweep resumes without redoing them.

Each record is one run of one scenario at one sweep point: the run's metrics, in
`DIR/runs/<key>.json`, written atomically (a temporary file in the same directory, then a rename)
the moment the run finishes. The key is a SHA-256 of everything that determines the run:

- the world — what the policy, with the reform (or the part of it) applied, at the date `--on`,
  with the parameters (declared, overridden and the sweep point's), gives the simulator: every
  array and number of `World`;
- the root seed and the run's index (its seed is the root's child number `run`), and the months;
- the simulator's own code (engine.py, tally.py, timing.py and metrics.py), so that a changed
  model recomputes, and the code that derives a run's seeds from the root seed (`seeds.streams`,
  `seeds.run_scenario`), so that a change to how seeds are derived never reads records drawn with
  the old ones.

A key that matches means the same computation: the record is loaded, not recomputed, once it
verifies (records.py: what the file is, its size, JSON, shape and digest); a record that does not
is recomputed and replaced, with a notice. Anything else (an edited policy, another seed, one more
month) is another key. Nothing is ever overwritten wrongly, and stale records are simply not read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import inspect
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..messages import Message, msg
from ..messages.catalogue import render
from . import engine, metrics, records, seeds, tally, timing
from .metrics import RunMetrics
from .world import World

RECORDS = "runs"
FORMAT = 1  # of the key: the same runs keep their keys whatever the record's own format (records.py)


def _code_digest() -> bytes:
    h = hashlib.sha256()
    for module in (engine, tally, timing, metrics):
        h.update(Path(str(module.__file__)).read_bytes())
    for function in (seeds.streams, seeds.run_scenario):  # how a run's seeds are derived and used
        h.update(b"\0" + inspect.getsource(function).encode())
    return h.digest()


_CODE: bytes | None = None


def _canon(value: Any, out: list[bytes]) -> None:
    """A byte serialisation that depends only on the value (not on hash seeds or object ids)."""
    if isinstance(value, np.ndarray):
        out.append(f"nd:{value.dtype.str}:{value.shape}:".encode())
        out.append(np.ascontiguousarray(value).tobytes())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out.append(f"dc:{type(value).__name__}(".encode())
        for f in dataclasses.fields(value):
            out.append(f"{f.name}=".encode())
            _canon(getattr(value, f.name), out)
        out.append(b")")
    elif isinstance(value, dict):
        out.append(b"{")
        for k in sorted(value, key=repr):
            _canon(k, out)
            out.append(b":")
            _canon(value[k], out)
        out.append(b"}")
    elif isinstance(value, (frozenset, set)):
        out.append(b"set[")
        for v in sorted(value, key=repr):
            _canon(v, out)
        out.append(b"]")
    elif isinstance(value, (list, tuple)):
        out.append(b"[")
        for v in value:
            _canon(v, out)
            out.append(b",")
        out.append(b"]")
    else:
        out.append(f"{type(value).__name__}:{value!r};".encode())


def world_digest(world: World) -> str:
    parts: list[bytes] = []
    _canon(world, parts)
    return hashlib.sha256(b"".join(parts)).hexdigest()


def record_key(world_hash: str, months: int, seed: int, run: int) -> str:
    global _CODE
    if _CODE is None:
        _CODE = _code_digest()
    h = hashlib.sha256(f"policyengine-simulate-record/{FORMAT}\0".encode())
    h.update(_CODE)
    h.update(f"{world_hash}\0months={months}\0seed={seed}\0run={run}".encode())
    return h.hexdigest()


class RunStore:
    """Records under `directory/runs/`; counts what it loaded and what it wrote, and tells `notify`
    (by default a `StoreWarning`) of every record it found but did not trust: that run is recomputed."""

    def __init__(self, directory: str | os.PathLike[str], notify: Callable[[Message], None] | None = None) -> None:
        self.dir = Path(directory) / RECORDS
        self.loaded = 0
        self.written = 0
        self.refused: list[Message] = []
        self.notify = notify
        self._blocked: set[str] = set()  # keys whose place a directory holds: recomputed, not stored

    def open(self) -> None:
        """Make `runs/` before any record is read: something else in its place is an OSError naming it
        (FileExistsError), once, rather than a refused record for every run."""
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def load(self, key: str, about: dict[str, int]) -> RunMetrics | None:
        """The stored run `key` (run index, seed, months and version as in `about`) when its record is
        there and verifies (records.py); None otherwise, with a notice when a record was there."""
        found = records.read(self.path(key), key, about)
        if isinstance(found, records.Refused):
            notice = msg(
                "simulate.record.refused" if found.replaceable else "simulate.record.refused_kept",
                path=str(self.path(key)),
                reason=found.reason,
            )
            self.refused.append(notice)
            if not found.replaceable:
                self._blocked.add(key)
            if self.notify is not None:
                self.notify(notice)
            else:
                warnings.warn(StoreWarning(render(notice, "en")), stacklevel=2)
            return None
        if found is not None:
            self.loaded += 1
        return found

    def save(self, key: str, metrics: dict[str, float], about: dict[str, int]) -> None:
        """The run's metrics, and its series (month by month, day of month) when it carries them, as a
        verifiable record (records.py); written atomically. An OSError names the record."""
        if key in self._blocked:
            return
        target = self.path(key)
        data = records.encode(key, metrics, about)
        self.dir.mkdir(parents=True, exist_ok=True)  # an OSError here names runs/ itself
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=self.dir)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException as error:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            if isinstance(error, OSError):  # the record it was writing, not the temporary file
                raise OSError(error.errno, error.strerror, str(target)) from None
            raise
        self.written += 1


class StoreWarning(UserWarning):
    """A stored record that did not verify and was recomputed (when no `notify` is given)."""


__all__ = ["RunStore", "StoreWarning", "record_key", "world_digest"]
