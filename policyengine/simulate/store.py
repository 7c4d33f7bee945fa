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

A key that matches means the same computation: the record is loaded, not recomputed; anything else
(an edited policy, another seed, one more month) is another key. Nothing is ever overwritten
wrongly, and stale records are simply not read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import inspect
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from . import engine, metrics, seeds, tally, timing
from .metrics import RunMetrics
from .world import World

RECORDS = "runs"
FORMAT = 1


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
    """Records under `directory/runs/`; counts what it loaded and what it wrote."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.dir = Path(directory) / RECORDS
        self.loaded = 0
        self.written = 0

    def load(self, key: str) -> RunMetrics | None:
        path = self.dir / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("metrics"), dict):
            return None
        self.loaded += 1
        out = RunMetrics(data["metrics"])
        out.series = data.get("series")
        return out

    def save(self, key: str, metrics: dict[str, float], about: dict[str, Any]) -> None:
        """The run's metrics, and its series (month by month, day of month) when it carries them."""
        self.dir.mkdir(parents=True, exist_ok=True)
        record: dict[str, Any] = {"key": key, **about, "metrics": dict(metrics)}
        series = getattr(metrics, "series", None)
        if series is not None:
            record["series"] = series
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=self.dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.dir / f"{key}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.written += 1


__all__ = ["RunStore", "record_key", "world_digest"]
