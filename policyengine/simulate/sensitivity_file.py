"""A saved sensitivity result (`simulate --sensitivity --out DIR` writes DIR/sensitivity.json), read
back by `report --sensitivity-from FILE` — verified before it is trusted.

The result carries `digest`: a SHA-256 over DIGEST_DOMAIN and the canonical JSON (keys sorted, no
spaces, UTF-8) of everything else in it. Reading one back checks, in order: a regular file of at most
`inputs.MAX_INPUT_BYTES` (inputs.read_bytes), UTF-8 JSON with no NaN or infinity, not nested past
the parser, a sensitivity result's shape (SCHEMA), its digest, and that its parts agree (as many
effects per metric as sample points, each share the count of same-sign points over them). Any
failure is one located line naming the file and the reason, exit 2.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import cache
from typing import Any

from ..errors import InputError
from ..inputs import read_bytes
from ..messages import Message, msg
from ..span import Span

DIGEST_DOMAIN = b"policyengine-sensitivity/1\0"
_NUMBER = {"type": "number"}
_NAME = {"type": "string", "minLength": 1, "maxLength": 200}
_INDEX_ROW = {
    "type": "object",
    "required": ["parameter"],
    "properties": {"parameter": _NAME},
    "additionalProperties": _NUMBER,
}
_RANKED = {"type": "array", "items": _INDEX_ROW}
_EFFECT = {
    "type": "object",
    "required": ["declared", "sign", "same_sign", "share", "low", "high", "indices", "points"],
    "additionalProperties": False,
    "properties": {
        "declared": _NUMBER,
        "sign": {"enum": [-1, 0, 1]},
        "same_sign": {"type": "integer", "minimum": 0},
        "share": {"type": "number", "minimum": 0, "maximum": 1},
        "low": _NUMBER,
        "high": _NUMBER,
        "indices": _RANKED,
        "points": {"type": "array", "items": _NUMBER},
    },
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "version",
        "kind",
        "method",
        "samples",
        "points",
        "runs",
        "months",
        "seed",
        "parameters",
        "scenarios",
        "indices",
        "effects",
        "digest",
    ],
    "properties": {
        "version": {"const": 1},
        "kind": {"const": "sensitivity"},
        "method": {"enum": ["morris", "sobol"]},
        "samples": {"type": "integer", "minimum": 1},
        "points": {"type": "integer", "minimum": 1},
        "runs": {"type": "integer", "minimum": 1},
        "months": {"type": "integer", "minimum": 1},
        "seed": {"type": "integer", "minimum": 0},
        "parameters": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "low", "high"],
                "properties": {"name": _NAME, "low": _NUMBER, "high": _NUMBER},
            },
        },
        "scenarios": {"type": "array", "minItems": 1, "items": _NAME},
        "scenario_names": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"en": {"type": ["string", "null"]}, "zh": {"type": ["string", "null"]}},
            },
        },
        "indices": {"type": "object", "additionalProperties": _RANKED},
        "effects": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": _EFFECT}},
        "digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
}


def digest_of(result: dict[str, Any]) -> str:
    """The SHA-256 of a result without its `digest`: what makes an edited file tell."""
    body = {k: v for k, v in result.items() if k != "digest"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(DIGEST_DOMAIN + canonical.encode("utf-8")).hexdigest()


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise _NotFinite(text)
    return value


def _refuse(text: str) -> float:
    raise _NotFinite(text)  # NaN, Infinity: not JSON, though Python's json reads them


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(SCHEMA)


def read_saved(path: str) -> dict[str, Any]:
    """The verified result in `path`; else one located InputError saying why it is not trusted."""
    raw = read_bytes(path)
    data = _parse(raw)
    if isinstance(data, Message):
        raise InputError.of("assumptions.saved_bad", Span(path, 1, 1), reason=data)
    why = _why_not(data)
    if why is not None:
        raise InputError.of("assumptions.saved_bad", Span(path, 1, 1), reason=why)
    return dict(data)


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"), parse_float=_finite, parse_constant=_refuse)
    except UnicodeDecodeError:
        return msg("assumptions.saved.not_utf8")
    except _NotFinite:
        return msg("assumptions.saved.not_finite")
    except RecursionError:
        return msg("assumptions.saved.too_deep")
    except ValueError:
        return msg("assumptions.saved.not_json")


def _why_not(data: Any) -> Message | None:
    validator = _validator()
    try:
        error = next(iter(validator.iter_errors(data)), None)
    except ValueError:  # a lone surrogate is no UTF-8 to validate
        return msg("assumptions.saved.shape", where="/")
    if error is not None:
        return msg("assumptions.saved.shape", where="".join(f"/{p}" for p in error.absolute_path) or "/")
    if data["digest"] != digest_of(data):
        return msg("assumptions.saved.digest")
    for reform in data["effects"]:
        for effect in data["effects"][reform].values():
            points = effect["points"]
            if len(points) != data["points"] or effect["same_sign"] > len(points):
                return msg("assumptions.saved.inconsistent", reform=reform)
            if not math.isclose(effect["share"], effect["same_sign"] / len(points)):
                return msg("assumptions.saved.inconsistent", reform=reform)
    return None


__all__ = ["SCHEMA", "digest_of", "read_saved"]
