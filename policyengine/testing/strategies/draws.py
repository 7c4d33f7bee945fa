"""What every strategy draws from: the fixed vocabularies, small value strategies, and the helpers
that draw from dynamic pools cheaply. Also the tier tree every drawn policy starts from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from hypothesis import strategies as st

from ...vocabulary import DEFAULT_LEVELS

T = TypeVar("T")
Draw = st.DrawFn  # what a composite strategy draws with

LEVELS = DEFAULT_LEVELS
ITEM_KINDS = ("routine", "line", "temporary")
UNIT_KINDS = (
    "governance_centre",
    "functional_department",
    "workstation",
    "grid_team",
    "professional_grid",
    "committee",
    "party_committee",
    "government",
    "self_governance",
    "leading_group",
    "service_centre",
    "other",
)
SECTION_ORDER = (
    "policy",
    "scale",
    "powers",
    "tiers",
    "units",
    "grants",
    "categories",
    "items",
    "lists",
    "admission",
    "workflow",
    "assessments",
    "measures",
    "duties",
    "platform_rules",
    "figures",
    "spending",
    "channels",
    "provisions",
    "approvals",
    "invariants",
    "tables",
    "simulation",
)
SINGLETONS = ("policy", "scale", "workflow")


def in_order(policy: Mapping[str, Any]) -> dict[str, Any]:
    """The policy's sections in SECTION_ORDER, then any other section in name order: a section the
    order does not know is kept, never dropped."""
    known = {k: policy[k] for k in SECTION_ORDER if k in policy}
    return {**known, **{k: policy[k] for k in sorted(policy) if k not in known}}


# Sections whose entries may be spread over several files without changing any finding: no check
# depends on the declaration order of their entries. (Duties do: PE305 reports the later-declared
# duty; so do regimes, lists and units, whose order shows in messages.)
SPLITTABLE = ("items", "grants", "tiers", "categories", "figures", "spending")

MAX_TIERS = 8
MAX_ITEMS = 15

# Free text: letters, digits, CJK and a little punctuation. Always prefixed with a letter by
# `text`, so that no string a YAML 1.1 dumper leaves unquoted reads as a non-string under the
# YAML 1.2 core schema the loader uses (e.g. "0o17").
TEXT_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -,()'\"#:&*!%网格社区街道区层级事项清单权责考核准入"
)


TEXT = st.text(TEXT_ALPHABET, max_size=12)
NAME_KEYS = st.sampled_from((("zh",), ("en",), ("zh", "en")))


def text(draw: Draw, prefix: str) -> str:
    """`prefix`, sometimes followed by drawn free text (drawn text is what makes generation slow)."""
    return f"{prefix} {draw(TEXT)}".strip() if draw(st.integers(0, 3)) == 0 else prefix


def name(draw: Draw, ident: str) -> dict[str, str]:
    """A name {zh, en} with at least one of the two."""
    return {key: text(draw, ident) for key in draw(NAME_KEYS)}


NUMBERS = st.one_of(st.integers(0, 10_000), st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
SMALL = st.integers(0, 12)
PEOPLE = st.one_of(st.integers(0, 5), st.sampled_from((0.5, 1.5)))
COVERAGE = st.sampled_from((0, 1, 5, 5.5, 12, 40))
HEADCOUNT = st.one_of(
    st.integers(0, 50),
    st.dictionaries(st.sampled_from(("leader", "worker", "grid_leader")), st.integers(0, 9), max_size=2),
)
DATE = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 28)
)
TIME = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 15, 30, 45, 59)))


def maybe(draw: Draw, strategy: st.SearchStrategy[T], odds: int = 2) -> T | None:
    """Draw from `strategy` with probability about 1/odds, else None. (Shrinks towards a value.)"""
    return draw(strategy) if draw(st.integers(0, odds - 1)) == 0 else None


def coin(draw: Draw) -> bool:
    """A yes or a no. (A function of its own: `draw(...)` is generic, and in `x and draw(...)` mypy
    would infer the draw's type from `x`.)"""
    return draw(st.booleans())


def pick(draw: Draw, pool: list[T]) -> T:
    """One element of a non-empty pool. Strategies over dynamic pools are built from cached integer
    strategies: a fresh `sampled_from(list)` per draw makes generation several times slower."""
    return pool[draw(st.integers(0, len(pool) - 1))]


def subset(draw: Draw, pool: list[T], max_size: int | None = None) -> list[T]:
    """A duplicate-free sub-list of `pool` in a drawn order."""
    if not pool:
        return []
    size = len(pool) if max_size is None else min(max_size, len(pool))
    indices = draw(st.lists(st.integers(0, len(pool) - 1), unique=True, max_size=size))
    return [pool[i] for i in indices]


def flags(draw: Draw, *names: str) -> dict[str, bool]:
    """Independent yes/no choices in one draw (each a bit of one integer)."""
    bits = draw(st.integers(0, 2 ** len(names) - 1))
    return {name: bool(bits >> k & 1) for k, name in enumerate(names)}


def put(entry: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        entry[key] = value


@st.composite
def tier_trees(draw: Draw, max_tiers: int = MAX_TIERS) -> list[dict[str, Any]]:
    """Tiers forming one tree: one root, depth (levels) 1-5, declared in a shuffled order."""
    depth = draw(st.integers(1, 5))
    count = 1 if depth == 1 else draw(st.integers(depth, max_tiers))
    level = [0]
    parents: list[int | None] = [None]
    for i in range(1, count):
        # make sure the drawn depth is reached: a spine root -> ... -> depth-1
        parent = i - 1 if i < depth else pick(draw, [j for j in range(i) if level[j] < depth - 1])
        parents.append(parent)
        level.append(level[parent] + 1)
    prefix = pick(draw, ["t", "tier_", "T.", "_t-"])
    ids = [f"{prefix}{i}" for i in range(count)]
    tiers = []
    for i in range(count):
        tier: dict[str, Any] = {"id": ids[i], "name": name(draw, ids[i])}
        parent_index = parents[i]
        if parent_index is not None:
            tier["parent"] = ids[parent_index]
        elif coin(draw):
            tier["parent"] = None  # an explicit null root
        put(tier, "count", maybe(draw, st.integers(0, 2000)))
        tiers.append(tier)
    order = draw(st.permutations(range(count)))
    return [tiers[i] for i in order]


def ancestors(tiers: list[dict[str, Any]], tier: str) -> list[str]:
    parent = {t["id"]: t.get("parent") for t in tiers}
    chain, cur = [], parent[tier]
    while cur is not None:
        chain.append(cur)
        cur = parent[cur]
    return chain
