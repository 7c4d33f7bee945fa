"""Where the files shipped with the package live: in a wheel under `_bundled/`, in a checkout at the root."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .messages import Listed, msg

BUNDLED_PREFIX = "bundled:"  # `bundled:NAME` names a policy shipped with the package
# pages whose Chinese version is not `NAME.zh.md` beside them: the glossary's Chinese page is named in Chinese
# (`zh/术语`), and the Chinese name shows it whatever the language asked for
TRANSLATED_AS = {"glossary": "zh/术语"}
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


def doc_pages() -> dict[str, Path]:
    """The documentation shipped with the package, by name: `rules`, `case.zh`, `checks/PE101`."""
    try:
        root = data_dir("docs")
    except FileNotFoundError:
        return {}
    return {p.relative_to(root).with_suffix("").as_posix(): p for p in sorted(root.rglob("*.md"))}


def doc_page(name: str, lang: str = "en") -> Path:
    """The page `name` names — `rules`, `docs/rules.md` and `rules.md` alike, so that a reference
    written in a message or another page can be given as it stands — in `lang` where a translation
    exists; an input error with the nearest names otherwise."""
    import difflib

    pages = doc_pages()
    key = name.strip().removeprefix("docs/").removesuffix(".md").removesuffix(".zh").upper()
    found = {k.upper(): k for k in pages}
    if key not in found and f"ZH/{key}" in found:
        key = f"ZH/{key}"
    if key not in found:
        close = difflib.get_close_matches(key, list(found), n=1)
        hint = msg("common.did_you_mean", guess=found[close[0]]) if close else msg("cli.docs_list")
        raise InputError.of("cli.no_doc", name=name, hint=hint)
    page = found[key]
    if lang == "zh" and f"{page}.zh" in pages:
        page = f"{page}.zh"
    elif lang == "zh" and TRANSLATED_AS.get(page) in pages:
        page = TRANSLATED_AS[page]
    return pages[page]


def bundled_policies() -> dict[str, Path]:
    try:
        root = data_dir("policies")
    except FileNotFoundError:
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir()}


def bundled_policy(name: str) -> str:
    """The path of the policy `bundled:NAME` (or `NAME`) names; an input error naming those there are."""
    found = bundled_policies()
    key = name.removeprefix(BUNDLED_PREFIX)
    if key not in found:
        available = Listed(tuple(found)) if found else msg("common.none")
        raise InputError.of("cli.no_bundled", name=key, available=available)
    return str(found[key])
