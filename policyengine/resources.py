"""Where the files shipped with the package live: in a wheel under `_bundled/`, in a checkout at the root."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_HERE / "_bundled" / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


@cache
def policy_schema() -> dict[str, Any]:
    with open(data_dir("schemas") / "policy.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
        return schema


def bundled_policies() -> dict[str, Path]:
    try:
        root = data_dir("policies")
    except FileNotFoundError:
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir()}
