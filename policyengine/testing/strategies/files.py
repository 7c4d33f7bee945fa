"""Writing drawn policies as YAML files, in one file or spread over several; small edits of a drawn policy."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from ...vocabulary import BUILTIN_POWERS
from .draws import MAX_ITEMS, MAX_TIERS, SECTION_ORDER, SPLITTABLE, Draw, coin, in_order, pick
from .policy import policies

FILE_NAMES = ("a.yaml", "b.yml", "policy.yaml", "sub/c.yaml", "sub/deeper/d.yml", "z.yaml")


@st.composite
def layouts(draw: Draw, policy: Mapping[str, Any], splittable: Iterable[str] = SPLITTABLE) -> dict[str, Any]:
    """A file layout for `dump`: section -> file name, or (for SPLITTABLE sections) a file name per entry."""
    names = draw(st.lists(st.sampled_from(FILE_NAMES), min_size=1, max_size=4, unique=True))
    splittable = set(splittable)
    layout: dict[str, Any] = {}
    for section, value in policy.items():
        if section in splittable and isinstance(value, list) and len(value) > 1 and coin(draw):
            layout[section] = [pick(draw, names) for _ in value]
        else:
            layout[section] = pick(draw, names)
    return layout


def _resolve_layout(policy: Mapping[str, Any], split: Any) -> dict[str, Any]:
    if split in (None, False, 1, "one"):
        return dict.fromkeys(policy, "policy.yaml")
    if split in (True, "sections"):
        known = {section: n for n, section in enumerate(SECTION_ORDER)}
        return {section: f"{known.get(section, len(known)):02d}_{section}.yaml" for section in policy}
    if isinstance(split, int):  # round-robin the sections over `split` files
        return {section: f"part{n % split}.yaml" for n, section in enumerate(policy)}
    if isinstance(split, Mapping):
        missing = set(policy) - set(split)
        if missing:
            raise ValueError(f"layout has no file for {sorted(missing)}")
        return dict(split)
    raise ValueError(f"unknown split {split!r}")


# yaml.safe_dump's options, with libyaml's emitter when present: the pure-Python one is most of the
# cost of a property test example.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(document: Any) -> str:
    """yaml.safe_dump(document, sort_keys=False, allow_unicode=True), with the C emitter if available."""
    return yaml.dump(document, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def dump(policy: Mapping[str, Any], root: str | Path, split: Any = None, documents: str = "one") -> list[Path]:
    """Write `policy` under `root` as YAML; return the written files (sorted).

    split: None/"one" - one file `policy.yaml`; "sections" - one file per section; an int k - the
    sections round-robin over k files; a mapping section -> file name, or section -> [file name per
    entry] for list sections (see `layouts()`). Entries sent to the same file keep their order.
    documents: "one" - one YAML document per file; "per_section" - one document per section
    (`---`-separated), which the loader must treat alike.
    """
    root = Path(root)
    layout = _resolve_layout(policy, split)
    files: dict[str, dict[str, Any]] = {}
    for section, value in policy.items():
        where = layout[section]
        if isinstance(where, str):
            files.setdefault(where, {})[section] = copy.deepcopy(value)
            continue
        if not isinstance(value, list) or len(where) != len(value):
            raise ValueError(f"layout of {section} must name one file per entry")
        for name, entry in zip(where, value, strict=True):
            files.setdefault(name, {}).setdefault(section, []).append(copy.deepcopy(entry))
    written = []
    for name, content in files.items():
        # the sections of one file in the canonical order
        ordered = in_order(content)
        if documents == "per_section":
            text = "".join("---\n" + to_yaml({k: v}) for k, v in ordered.items())
        else:
            text = to_yaml(ordered)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return sorted(written)


def item_ids(policy: Mapping[str, Any]) -> list[str]:
    return [i["id"] for i in policy.get("items", [])]


def without_item(policy: Mapping[str, Any], item_id: str) -> dict[str, Any]:
    """A copy of `policy` without the item and every reference to it (lists' `items`, duties' `item`)."""
    out = copy.deepcopy(dict(policy))
    out["items"] = [i for i in out.get("items", []) if i["id"] != item_id]
    if not out["items"]:
        del out["items"]
    for lst in out.get("lists", []):
        if "items" in lst:
            lst["items"] = [i for i in lst["items"] if i != item_id]
    for duty in out.get("duties", []):
        if duty.get("item") == item_id:
            del duty["item"]
    return in_order(out)


def with_grant(policy: Mapping[str, Any], grant: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `policy` with one more grant (appended)."""
    out = copy.deepcopy(dict(policy))
    out.setdefault("grants", []).append(dict(grant))
    return in_order(out)


def tier_ids(policy: Mapping[str, Any]) -> list[str]:
    return [t["id"] for t in policy["tiers"]]


def power_ids(policy: Mapping[str, Any]) -> list[str]:
    return list(BUILTIN_POWERS) + [p["id"] for p in policy.get("powers", [])]


def policy_texts(max_tiers: int = MAX_TIERS, max_items: int = MAX_ITEMS) -> st.SearchStrategy[str]:
    """A random valid policy as the YAML text of one file."""
    return policies(max_tiers, max_items).map(to_yaml)


# -- rules -----------------------------------------------------------------------------------------
