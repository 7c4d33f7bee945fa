"""One stored run on disk: how a record is written, and how it is verified before it is trusted.

A record is the canonical JSON (keys sorted, no spaces, UTF-8, no NaN) of its payload — the run's
key, its run index, seed, months and version, its metrics and, when it has them, its series — plus
`digest`, a SHA-256 over RECORD_FORMAT and that canonical payload. Reading one back trusts nothing
it finds: the entry must be a regular file (not a symbolic link, a directory, a FIFO or a device:
its kind is looked at with lstat before it is opened, and it is opened without following links or
blocking), at most MAX_RECORD_BYTES long, UTF-8 JSON with no NaN or infinity and no nesting deep
enough to exhaust the parser, of exactly the record's shape (RECORD_SCHEMA), the record of this very
run (its key and run index, seed, months and version), and its digest must match. Anything else is
a `Refused` with the reason, in both languages; the caller recomputes the run.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..inputs import kind_of, os_reason
from ..messages import Message, msg
from .metrics import METRICS, RunMetrics
from .tally import MAX_DAYS

RECORD_FORMAT = 2  # 1: the records before digests (no `format`, no `digest`): never trusted
MAX_RECORD_BYTES = 4 * 1024 * 1024  # 1,200 months of series take some 400 kB
_DIGEST_DOMAIN = f"policyengine-run-record/{RECORD_FORMAT}\0".encode()
# no metric comes near 1e300 (the costs are bounded before running), and a million of them still sum to a
# finite number; an integer of 400 digits is refused here rather than overflowing a float later
_NUMBER = {"type": "number", "minimum": -1e300, "maximum": 1e300}
_COUNT = {"type": "integer", "minimum": 0, "maximum": 2**53}
_PAIR = {"genuine", "fabricated"}


def _exactly(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k in properties if k not in optional],
        "properties": properties,
    }


def _both(value: dict[str, Any]) -> dict[str, Any]:
    return _exactly(dict.fromkeys(sorted(_PAIR), value))


RECORD_SCHEMA: dict[str, Any] = _exactly(
    {
        "format": {"const": RECORD_FORMAT},
        "key": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "run": _COUNT,
        "seed": _COUNT,
        "months": _COUNT,
        "version": _COUNT,
        "metrics": _exactly(dict.fromkeys(METRICS, _NUMBER)),
        "series": _exactly(
            {
                "metrics": _exactly({name: {"type": "array", "items": _NUMBER} for name in METRICS}),
                "day_of_month": _both({"type": "array", "items": _COUNT, "minItems": MAX_DAYS, "maxItems": MAX_DAYS}),
                "last_days_share": _both(_NUMBER),
            },
            optional=("day_of_month", "last_days_share"),
        ),
        # each street's metrics (metrics.run_metrics): street name -> the metrics
        "streets": {
            "type": "object",
            "maxProperties": 100_000,
            "propertyNames": {"type": "string", "maxLength": 200},
            "additionalProperties": _exactly(dict.fromkeys(METRICS, _NUMBER)),
        },
    },
    optional=("series", "streets"),
)


@cache
def _validator() -> Any:
    import jsonschema_rs  # a dependency; compiled once

    return jsonschema_rs.validator_for(RECORD_SCHEMA)


@dataclass(frozen=True)
class Refused:
    """A record that is there but is not trusted: why (a `simulate.record.*` message), and whether
    a recomputed record can take its place (not while a directory stands there)."""

    reason: Message
    replaceable: bool = True


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def digest_of(payload: dict[str, Any]) -> str:
    """The digest of a record's payload (the record without its `digest`)."""
    return hashlib.sha256(_DIGEST_DOMAIN + _canonical(payload)).hexdigest()


def encode(key: str, metrics: dict[str, float], about: dict[str, int]) -> bytes:
    """The bytes of the record of run `key`: its payload and the payload's digest."""
    payload: dict[str, Any] = {"format": RECORD_FORMAT, "key": key, **about, "metrics": dict(metrics)}
    series = getattr(metrics, "series", None)
    if series is not None:
        payload["series"] = series
    streets = getattr(metrics, "streets", None)
    if streets is not None:
        payload["streets"] = streets
    return _canonical({**payload, "digest": digest_of(payload)})


def read(path: Path, key: str, about: dict[str, int]) -> RunMetrics | Refused | None:
    """The run stored at `path` when it verifies as run `key` (with the run index, seed, months and
    version of `about`); None when nothing is there; otherwise why it is refused."""
    raw = _read_bytes(path)
    if raw is None or isinstance(raw, Refused):
        return raw
    data = _parse(raw)
    if isinstance(data, Message):  # no JSON value is one
        return Refused(data)
    if isinstance(data, dict) and "digest" not in data and "format" not in data and "key" in data:
        return Refused(msg("simulate.record.old_format"))
    wrong = _shape(data)
    if wrong is not None:
        return Refused(wrong)
    if data["key"] != key or any(data[k] != v or type(data[k]) is not type(v) for k, v in about.items()):
        return Refused(msg("simulate.record.other_run"))
    payload = {k: v for k, v in data.items() if k != "digest"}
    if digest_of(payload) != data["digest"]:
        return Refused(msg("simulate.record.digest"))
    series = data.get("series")
    if series is not None and any(len(v) != data["months"] for v in series["metrics"].values()):
        return Refused(msg("simulate.record.shape", where="/series/metrics"))
    out = RunMetrics({name: data["metrics"][name] for name in METRICS})
    out.series = series
    out.streets = data.get("streets")
    return out


def _read_bytes(path: Path) -> bytes | Refused | None:
    """The file's bytes, looking at what it is before opening it: a FIFO or a device would block or
    never end, a link would lead anywhere."""
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return Refused(_unreadable(error))
    if not stat.S_ISREG(before.st_mode):
        # a directory is kept (it may hold anything); a link or a special file is replaced by the record
        return Refused(msg("simulate.record.not_file", kind=kind_of(before.st_mode)), not stat.S_ISDIR(before.st_mode))
    if before.st_size > MAX_RECORD_BYTES:
        return Refused(msg("simulate.record.too_large", limit=MAX_RECORD_BYTES))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as error:  # replaced by a link since lstat: ELOOP
        return Refused(_unreadable(error))
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) or not stat.S_ISREG(now.st_mode):
            return Refused(msg("simulate.record.changed"))
        chunks, size = [], 0
        while size <= MAX_RECORD_BYTES:
            chunk = os.read(fd, MAX_RECORD_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return Refused(_unreadable(error))
    finally:
        os.close(fd)
    if size > MAX_RECORD_BYTES:  # it grew since lstat
        return Refused(msg("simulate.record.too_large", limit=MAX_RECORD_BYTES))
    return b"".join(chunks)


def _unreadable(error: OSError) -> Message:
    if error.errno == errno.ELOOP:  # opened without following links: a link put there since lstat
        return msg("simulate.record.not_file", kind=kind_of(stat.S_IFLNK))
    return msg("simulate.record.unreadable", reason=os_reason(error))


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise _NotFinite(text)
    return value


def _not_a_number(text: str) -> float:
    raise _NotFinite(text)  # NaN, Infinity, -Infinity: not JSON, though Python's json reads them


def _parse(raw: bytes) -> Any:
    """The JSON value in `raw`, or why there is none (a Message)."""
    if not raw:
        return msg("simulate.record.empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return msg("simulate.record.not_utf8", offset=error.start)
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_not_a_number)
    except _NotFinite:
        return msg("simulate.record.not_finite")
    except RecursionError:  # the C parser stops at the interpreter's depth limit: nothing is exhausted
        return msg("simulate.record.too_deep")
    except ValueError:  # not JSON; an integer of more digits than int() reads
        return msg("simulate.record.not_json")


def _shape(data: Any) -> Message | None:
    """Why `data` is not shaped as a record: the JSON pointer of the first value that is not."""
    validator = _validator()
    try:
        if validator.is_valid(data):
            return None
        error = next(iter(validator.iter_errors(data)))
    except ValueError:  # a string with a lone surrogate (JSON's "\\udcff") is no UTF-8 to validate
        return msg("simulate.record.shape", where="/")
    where = "".join(f"/{part}" for part in error.instance_path) or "/"
    return msg("simulate.record.shape", where=where)


__all__ = ["MAX_RECORD_BYTES", "RECORD_FORMAT", "Refused", "digest_of", "encode", "read"]
