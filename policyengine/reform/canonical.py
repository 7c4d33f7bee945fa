"""What a policy declares, independent of how its files split it: for comparing a policy with the
one a reform and its inverse give back."""

from __future__ import annotations

import json
from typing import Any

from ..source import SourceFile


def plain(value: Any) -> Any:
    """Loaded data as plain dicts and lists (positions dropped)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def policy_data(files: list[SourceFile]) -> dict[str, list[Any]]:
    """What a policy declares, independent of how it is split over files and documents: for each
    section, its entries (a singleton's values) in load order, as plain data; empty sections left
    out. Two policies with equal `canonical` text declare the same thing in the same order."""
    out: dict[str, list[Any]] = {}
    for source in files:
        for document in source.documents:
            if not isinstance(document, dict):
                out.setdefault("", []).append(plain(document))
                continue
            for key, value in document.items():
                section = out.setdefault(str(key), [])
                section.extend(plain(value)) if isinstance(value, list) else section.append(plain(value))
    return {k: v for k, v in out.items() if v}


def canonical(files: list[SourceFile]) -> str:
    """`policy_data` as JSON text: key order ignored, types kept (`1`, `1.0` and `true` differ)."""

    def keyed(value: Any) -> Any:
        if isinstance(value, dict):
            return {f"{type(k).__name__}:{k}": keyed(v) for k, v in value.items()}
        return [keyed(v) for v in value] if isinstance(value, list) else value

    return json.dumps(keyed(policy_data(files)), sort_keys=True, ensure_ascii=False)
