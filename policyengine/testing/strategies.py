"""Hypothesis strategies for random VALID policies, admission rules and reforms (needs `hypothesis`:
`pip install 'grid-policyengine[test]'`).

`policies()` draws a policy, as plain Python data, that matches the policy JSON Schema and whose
every reference resolves: one tier tree (one root, depth 1-5, at most 8 tiers), units, grants,
categories, items (at most 15), lists, admission procedures, a workflow, assessment regimes
(`adds_to` without cycles), duties and platform rules. Ids are unique within their kind and each
kind has its own prefix, so that a tier and a unit never share an id. Linted, a drawn policy never
has a structural error (PE001-PE005). `policy_texts()` draws the same policies as YAML text.

`rules()` draws a well-typed admission criterion in the rule language (a string: one or more
`when ... then ...` clauses, sometimes an `otherwise`); `conditions()` and `actions()` draw its parts.
A drawn rule never has a PE006 or PE007 finding.

`reforms(policy)` draws a reform document over a drawn policy: operations (grant, revoke, transfer,
set, move, remove, add and add_rules) that all apply, so the reformed policy has no structural error.

`dump(policy, root, split=...)` writes a drawn policy as one or several YAML files; `layouts()`
draws a file layout for `dump`; `to_yaml` writes any document as YAML text.

Section order within a drawn policy follows SECTION_ORDER; only the order of tiers is shuffled
(a child may be declared before its parent).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from hypothesis import strategies as st

BUILTIN_POWERS = ("personnel", "assessment", "coordination", "incentive", "enforcement",
                  "administrative", "penalty", "report", "verify")
LEVELS = ("none", "low", "partial", "high", "full")
DIMENSIONS = ("resources", "task_setting", "timing", "assessment")
ROLES = ("handle", "report", "assist", "resolve_or_report")
ITEM_KINDS = ("routine", "line", "temporary")
UNIT_KINDS = ("governance_centre", "functional_department", "workstation", "grid_team",
              "professional_grid", "committee", "other")
SECTION_ORDER = ("policy", "scale", "powers", "tiers", "units", "grants", "categories", "items", "lists",
                 "admission", "workflow", "assessments", "duties", "platform_rules", "figures", "spending")
SINGLETONS = ("policy", "scale", "workflow")
# Sections whose entries may be spread over several files without changing any finding: no check
# depends on the declaration order of their entries. (Duties do: PE305 reports the later-declared
# duty; so do regimes, lists and units, whose order shows in messages.)
SPLITTABLE = ("items", "grants", "tiers", "categories", "figures", "spending")

MAX_TIERS = 8
MAX_ITEMS = 15

# Free text: letters, digits, CJK and a little punctuation. Always prefixed with a letter by
# `_text`, so that no string a YAML 1.1 dumper leaves unquoted reads as a non-string under the
# YAML 1.2 core schema the loader uses (e.g. "0o17").
_TEXT_ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -,()'\"#:&*!%"
                  "网格社区街道区层级事项清单权责考核准入")


_TEXT = st.text(_TEXT_ALPHABET, max_size=12)
_NAME_KEYS = st.sampled_from((("zh",), ("en",), ("zh", "en")))


def _text(draw, prefix: str) -> str:
    """`prefix`, sometimes followed by drawn free text (drawn text is what makes generation slow)."""
    return f"{prefix} {draw(_TEXT)}".strip() if draw(st.integers(0, 3)) == 0 else prefix


def _name(draw, ident: str) -> dict:
    """A name {zh, en} with at least one of the two."""
    return {key: _text(draw, ident) for key in draw(_NAME_KEYS)}


_numbers = st.one_of(st.integers(0, 10_000), st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
_small = st.integers(0, 12)
_PEOPLE = st.one_of(st.integers(0, 5), st.sampled_from((0.5, 1.5)))
_COVERAGE = st.sampled_from((0, 1, 5, 5.5, 12, 40))
_HEADCOUNT = st.one_of(st.integers(0, 50), st.dictionaries(st.sampled_from(("leader", "worker", "grid_leader")),
                                                            st.integers(0, 9), max_size=2))
_date = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
                  st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 28))
_time = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 15, 30, 45, 59)))


def _maybe(draw, strategy, odds: int = 2):
    """Draw from `strategy` with probability about 1/odds, else None. (Shrinks towards a value.)"""
    return draw(strategy) if draw(st.integers(0, odds - 1)) == 0 else None


def _pick(draw, pool):
    """One element of a non-empty pool. Strategies over dynamic pools are built from cached integer
    strategies: a fresh `sampled_from(list)` per draw makes generation several times slower."""
    return pool[draw(st.integers(0, len(pool) - 1))]


def _subset(draw, pool, max_size: int | None = None) -> list:
    """A duplicate-free sub-list of `pool` in a drawn order."""
    if not pool:
        return []
    size = len(pool) if max_size is None else min(max_size, len(pool))
    indices = draw(st.lists(st.integers(0, len(pool) - 1), unique=True, max_size=size))
    return [pool[i] for i in indices]


def _flags(draw, *names: str) -> dict[str, bool]:
    """Independent yes/no choices in one draw (each a bit of one integer)."""
    bits = draw(st.integers(0, 2 ** len(names) - 1))
    return {name: bool(bits >> k & 1) for k, name in enumerate(names)}


def _put(entry: dict, key: str, value: Any) -> None:
    if value is not None:
        entry[key] = value


@st.composite
def tier_trees(draw, max_tiers: int = MAX_TIERS) -> list[dict]:
    """Tiers forming one tree: one root, depth (levels) 1-5, declared in a shuffled order."""
    depth = draw(st.integers(1, 5))
    count = 1 if depth == 1 else draw(st.integers(depth, max_tiers))
    level = [0]
    parents: list[int | None] = [None]
    for i in range(1, count):
        if i < depth:  # make sure the drawn depth is reached: a spine root -> ... -> depth-1
            parent = i - 1
        else:
            parent = _pick(draw, [j for j in range(i) if level[j] < depth - 1])
        parents.append(parent)
        level.append(level[parent] + 1)
    prefix = _pick(draw, ["t", "tier_", "T.", "_t-"])
    ids = [f"{prefix}{i}" for i in range(count)]
    tiers = []
    for i in range(count):
        tier: dict[str, Any] = {"id": ids[i], "name": _name(draw, ids[i])}
        if parents[i] is not None:
            tier["parent"] = ids[parents[i]]
        elif draw(st.booleans()):
            tier["parent"] = None  # an explicit null root
        _put(tier, "count", _maybe(draw, st.integers(0, 2000)))
        tiers.append(tier)
    order = draw(st.permutations(range(count)))
    return [tiers[i] for i in order]


def _ancestors(tiers: list[dict], tier: str) -> list[str]:
    parent = {t["id"]: t.get("parent") for t in tiers}
    chain, cur = [], parent[tier]
    while cur is not None:
        chain.append(cur)
        cur = parent[cur]
    return chain


@st.composite
def policies(draw, max_tiers: int = MAX_TIERS, max_items: int = MAX_ITEMS) -> dict[str, Any]:
    """A random valid policy: {section: list or dict}, sections in SECTION_ORDER, empty ones left out."""
    p: dict[str, Any] = {}
    meta: dict[str, Any] = {"id": _pick(draw, ["pol", "policy_1", "P.x-2", "_p"])}
    _put(meta, "name", (_name(draw, "policy") if draw(st.booleans()) else None))
    _put(meta, "version", _maybe(draw, st.one_of(st.integers(0, 9), st.sampled_from(("1.0", "draft")))))
    _put(meta, "jurisdiction", (_text(draw, "J") if draw(st.booleans()) else None))
    p["policy"] = meta
    if draw(st.booleans()):
        p["scale"] = {"levels": list(LEVELS)}  # the default scale, declared

    # -- powers ------------------------------------------------------------------------------
    custom_powers = [f"p_custom{i}" for i in range(draw(st.integers(0, 2)))]
    if custom_powers:
        p["powers"] = [{"id": pid, **({"name": _name(draw, pid)} if draw(st.booleans()) else {})}
                       for pid in custom_powers]
    powers = list(BUILTIN_POWERS) + custom_powers

    # -- tiers and units ---------------------------------------------------------------------
    tiers = draw(tier_trees(max_tiers))
    p["tiers"] = tiers
    tier_ids = [t["id"] for t in tiers]
    units: list[dict] = []
    for i in range(draw(st.integers(0, 8))):
        uid = f"u{i}"
        unit: dict[str, Any] = {"id": uid, "name": _name(draw, uid), "tier": _pick(draw, tier_ids),
                                "kind": draw(st.sampled_from(UNIT_KINDS))}
        if units and draw(st.integers(0, 3)) == 0:
            unit["sent_by"] = _pick(draw, [u["id"] for u in units])
        _put(unit, "count", _maybe(draw, st.integers(0, 2000)))
        _put(unit, "headcount", _maybe(draw, _HEADCOUNT, 3))
        _put(unit, "hours_per_person_month", _maybe(draw, st.integers(0, 200), 3))
        units.append(unit)
    if units:
        p["units"] = units
    unit_ids = [u["id"] for u in units]

    # -- grants ------------------------------------------------------------------------------
    grants: list[dict] = []
    for i in range(draw(st.integers(0, 10))):
        grant: dict[str, Any] = {}
        if draw(st.booleans()):
            grant["id"] = f"g{i}"
        if unit_ids and draw(st.booleans()):
            grant["unit"] = _pick(draw, unit_ids)
        else:
            grant["tier"] = _pick(draw, tier_ids)
        dims = _subset(draw, list(DIMENSIONS))
        if dims or draw(st.booleans()):
            grant["dimensions"] = {d: draw(st.sampled_from(LEVELS)) for d in dims}
        granted = []
        for power in _subset(draw, powers, 4):
            shape = draw(st.integers(0, 2))
            if power == "coordination" and shape:
                pg: dict[str, Any] = {"power": "coordination"}
                _put(pg, "scope", (_pick(draw, tier_ids) if draw(st.integers(0, 1)) == 0 else None))
                if unit_ids and draw(st.booleans()):
                    pg["units"] = _subset(draw, unit_ids, 3)
                granted.append(pg)
            elif shape == 2:
                granted.append({"power": power})
            else:
                granted.append(power)
        if granted or draw(st.booleans()):
            grant["powers"] = granted
        validity = _pick(draw, ["always", "always", "always", "in_force", "expired", "open_from"])
        if validity == "in_force":
            grant["valid"] = {"from": "2000-01-01", "to": "2099-12-31"}
        elif validity == "expired":
            grant["valid"] = {"from": "2001-01-01", "to": "2002-12-31"}
        elif validity == "open_from":
            grant["valid"] = {"from": "2003-06-30"}
        grants.append(grant)
    if grants:
        p["grants"] = grants

    # -- categories and items ----------------------------------------------------------------
    categories = []
    for i in range(draw(st.integers(0, 4))):
        cid = f"c{i}"
        cat: dict[str, Any] = {"id": cid, "name": _name(draw, cid), "kind": draw(st.sampled_from(ITEM_KINDS))}
        if draw(st.booleans()):
            cat["stated"] = {"items": draw(_small)}
        categories.append(cat)
    if categories:
        p["categories"] = categories
    category_ids = [c["id"] for c in categories]

    items = []
    # hypothesis favours boundary values (0 among them): drawing the count from 0..max_items left a
    # third of the policies without items; an interior value of a guard is rarer
    item_count = 0 if not max_items or draw(st.integers(0, 9)) == 5 else draw(st.integers(1, max_items))
    for i in range(item_count):
        iid = f"i{i}"
        # which optional fields the item has, in one draw (fewer draws: faster generation); shrinks
        # towards an item with none of them
        has = _flags(draw, "category", "owner", "issued_by", "responsibility", "requires", "mobilises", "cost",
                     "hours", "yuan", "funding", "money", "people", "delegated", "co_handlers")
        item: dict[str, Any] = {"id": iid, "name": _name(draw, iid), "kind": draw(st.sampled_from(ITEM_KINDS)),
                                "tier": _pick(draw, tier_ids), "role": draw(st.sampled_from(ROLES))}
        if category_ids and has["category"]:
            item["category"] = _pick(draw, category_ids)
        if unit_ids and has["owner"]:
            item["owner"] = _pick(draw, unit_ids)
        if has["issued_by"]:
            item["issued_by"] = _pick(draw, tier_ids)
        if has["responsibility"]:
            item["responsibility"] = draw(st.sampled_from(("territorial", "dual", "owner")))
        if has["requires"]:
            item["requires"] = {r: _subset(draw, powers, 4) for r in _subset(draw, list(ROLES))}
        if unit_ids and has["mobilises"]:
            item["mobilises"] = _subset(draw, unit_ids, 3)
        if has["cost"]:
            cost: dict[str, Any] = {}
            if has["hours"]:
                cost["hours_per_month"] = draw(_numbers)
            if has["yuan"]:
                cost["yuan_per_year"] = draw(_numbers)
            item["cost"] = cost
        if has["funding"]:
            funding: dict[str, Any] = {}
            if has["money"]:
                funding["money_yuan_per_year"] = draw(_numbers)
            if has["people"]:
                funding["people"] = draw(_PEOPLE)
            if has["delegated"]:
                funding["powers"] = _subset(draw, powers, 3)
            item["funding"] = funding
        if unit_ids and has["co_handlers"]:
            handlers = []
            for unit in _subset(draw, unit_ids, 3):
                handler: dict[str, Any] = {"unit": unit}
                _put(handler, "coverage", _maybe(draw, _COVERAGE))
                handlers.append(handler)
            item["co_handlers"] = handlers
        items.append(item)
    if items:
        p["items"] = items
    item_ids = [i["id"] for i in items]

    # -- lists and admission -----------------------------------------------------------------
    lists = []
    for i in range(draw(st.integers(0, 4))):
        lid = f"l{i}"
        lst: dict[str, Any] = {"id": lid, "tier": _pick(draw, tier_ids),
                               "kind": _pick(draw, ["duties", "cooperation", "returned"])}
        if draw(st.booleans()):
            lst["name"] = _name(draw, lid)
        # mostly items of the list's own tier, sometimes any item
        own = [i["id"] for i in items if i["tier"] == lst["tier"]]
        pool = own if own and draw(st.booleans()) else item_ids
        if pool and draw(st.integers(0, 3)):
            lst["items"] = _subset(draw, pool, 6)
        if category_ids and draw(st.booleans()):
            lst["categories"] = _subset(draw, category_ids, 2)
        if unit_ids and draw(st.booleans()):
            lst["compiled_by"] = _subset(draw, unit_ids, 2)
        if draw(st.booleans()):
            lst["stated"] = {"items": draw(_small), **({"approximate": True} if draw(st.booleans()) else {})}
        lists.append(lst)
    if lists:
        p["lists"] = lists
    list_ids = [lst["id"] for lst in lists]

    admissions = []
    for i in range(draw(st.integers(0, 3))):
        adm: dict[str, Any] = {"id": f"a{i}", "tier": _pick(draw, tier_ids)}
        if list_ids and draw(st.booleans()):
            adm["lists"] = _subset(draw, list_ids, 2)
        if unit_ids:
            _put(adm, "applicant", (_pick(draw, unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            _put(adm, "reviewer", (_pick(draw, unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            if draw(st.booleans()):
                adm["temporary"] = {"approval_by": _pick(draw, unit_ids), "max_term_days": draw(_small)}
        _put(adm, "lead_time_days", _maybe(draw, _small))
        _put(adm, "legal_basis_required", _maybe(draw, st.booleans()))
        admissions.append(adm)
    if admissions:
        p["admission"] = admissions

    # -- workflow ----------------------------------------------------------------------------
    if draw(st.integers(0, 3)):
        wf: dict[str, Any] = {}
        start = _pick(draw, tier_ids)
        chain = [start] + _ancestors(tiers, start)
        top = draw(st.integers(1, len(chain)))
        if draw(st.integers(0, 4)):
            wf["escalation"] = chain[:top]  # bottom-up, along parent links
        returns = []
        for _ in range(draw(st.integers(0, 2))):
            returns.append({"from": _pick(draw, tier_ids),
                            "to": "assigned_tier" if draw(st.booleans()) else _pick(draw, tier_ids),
                            "basis": _pick(draw, ["responsibility", "authority"])})
        if returns:
            wf["returns"] = returns
        if unit_ids and draw(st.booleans()):
            wf["dispatch"] = [{"from": _pick(draw, tier_ids), "to": _subset(draw, unit_ids, 3)}
                              for _ in range(draw(st.integers(1, 2)))]
        if draw(st.booleans()):
            wf["verification"] = {"deadline_hours": draw(st.integers(1, 72)), "by": _pick(draw, tier_ids)}
        p["workflow"] = wf

    # -- assessments -------------------------------------------------------------------------
    regimes = []
    if unit_ids:
        for i in range(draw(st.integers(0, 4))):
            rid = f"r{i}"
            regime: dict[str, Any] = {"id": rid, "assessor": _pick(draw, unit_ids),
                                      "assessed": _pick(draw, tier_ids + unit_ids)}
            _put(regime, "period", _maybe(draw, st.sampled_from(("ad_hoc", "day", "week", "month", "quarter", "year"))))
            if regimes and draw(st.booleans()):
                regime["adds_to"] = _pick(draw, [r["id"] for r in regimes])  # earlier only: no cycle
            quotas = []
            for _ in range(draw(st.integers(0, 2))):
                quota: dict[str, Any] = {"metric": _pick(draw, ["events_reported", "disposal_rate"]),
                                         "kind": _pick(draw, ["count", "rate"])}
                _put(quota, "min", _maybe(draw, st.integers(0, 50)))
                _put(quota, "max", _maybe(draw, st.integers(0, 50), 3))
                _put(quota, "add", _maybe(draw, st.integers(-5, 20)))
                _put(quota, "per", _maybe(draw, st.sampled_from(("worker", "unit", "tier"))))
                _put(quota, "period", _maybe(draw, st.sampled_from(("day", "week", "month", "quarter", "year"))))
                quotas.append(quota)
            if quotas:
                regime["quotas"] = quotas
            scoring = []
            for _ in range(draw(st.integers(0, 2))):
                rule: dict[str, Any] = {"when": _pick(draw, ["returned", "unqualified", "late_verification",
                                                                     "excellent_event"]),
                                        "effect": _pick(draw, ["bonus", "deduct", "score"])}
                _put(rule, "points", _maybe(draw, st.integers(-10, 10)))
                _put(rule, "direction", _maybe(draw, st.sampled_from(("higher_better", "lower_better"))))
                scoring.append(rule)
            if scoring:
                regime["scoring"] = scoring
            if draw(st.booleans()):
                ranking: dict[str, Any] = {}
                _put(ranking, "of", _maybe(draw, st.sampled_from(("worker", "unit", "tier"))))
                _put(ranking, "period", _maybe(draw, st.sampled_from(("month", "quarter", "year"))))
                consequences = []
                for _ in range(draw(st.integers(0, 3))):
                    when: dict[str, Any] = {}
                    for key in _subset(draw, ["top", "bottom", "score_at_most", "consecutive_periods"], 2):
                        when[key] = draw(st.integers(0, 5)) if key != "score_at_most" else draw(st.integers(0, 100))
                    consequence: dict[str, Any] = {"when": when, "effect": draw(st.sampled_from(
                        ("lose_performance_pay", "double_performance_pay", "dismissal", "funding", "other")))}
                    _put(consequence, "decided_by", (_pick(draw, unit_ids) if draw(st.integers(0, 2)) == 0 else None))
                    consequences.append(consequence)
                if consequences:
                    ranking["consequences"] = consequences
                regime["ranking"] = ranking
            regimes.append(regime)
    if regimes:
        p["assessments"] = regimes

    # -- platform rules and duties -----------------------------------------------------------
    rules = []
    for i in range(draw(st.integers(0, 2))):
        rule = {"id": f"pr{i}", "name": _name(draw, f"pr{i}"),
                "kind": _pick(draw, ["registration", "check_in", "report_format", "alert", "tracking", "other"])}
        _put(rule, "applies_to", (_pick(draw, tier_ids + unit_ids) if draw(st.integers(0, 1)) == 0 else None))
        _put(rule, "deadline_days", _maybe(draw, _small))
        rules.append(rule)
    rule_ids = [r["id"] for r in rules]

    duties = []
    duty_count = draw(st.integers(0, 4))
    duty_ids = [f"d{i}" for i in range(duty_count)]
    for did in duty_ids:
        duty: dict[str, Any] = {"id": did, "name": _name(draw, did),
                                "applies_to": _pick(draw, tier_ids + unit_ids)}
        _put(duty, "start", _maybe(draw, _time))
        _put(duty, "end", _maybe(draw, _time))
        if item_ids:
            _put(duty, "item", (_pick(draw, item_ids) if draw(st.integers(0, 1)) == 0 else None))
        if rule_ids:
            _put(duty, "platform_rule", (_pick(draw, rule_ids) if draw(st.integers(0, 1)) == 0 else None))
        if draw(st.booleans()):
            active: dict[str, Any] = {}
            _put(active, "from", _maybe(draw, _date))
            _put(active, "to", _maybe(draw, _date))
            duty["active"] = active
        others = [d for d in duty_ids if d != did]
        if others and draw(st.booleans()):
            duty["waived_during"] = _subset(draw, others, 2)
        _put(duty, "penalty", (_text(draw, "penalty") if draw(st.integers(0, 2)) == 0 else None))
        duties.append(duty)
    if duties:
        p["duties"] = duties
    if rules:
        p["platform_rules"] = rules

    # -- figures and spending ----------------------------------------------------------------
    figures = [{"id": f"f{i}", "value": draw(_numbers)} for i in range(draw(st.integers(0, 2)))]
    if figures:
        p["figures"] = figures
    spending = [{"year": draw(st.integers(2000, 2030)), "yuan": draw(_numbers)} for _ in range(draw(st.integers(0, 2)))]
    if spending:
        p["spending"] = spending
    return {k: p[k] for k in SECTION_ORDER if k in p}


# -- layouts and writing ---------------------------------------------------------------------------

FILE_NAMES = ("a.yaml", "b.yml", "policy.yaml", "sub/c.yaml", "sub/deeper/d.yml", "z.yaml")


@st.composite
def layouts(draw, policy: Mapping[str, Any], splittable: Iterable[str] = SPLITTABLE) -> dict[str, Any]:
    """A file layout for `dump`: section -> file name, or (for SPLITTABLE sections) a file name per entry."""
    names = draw(st.lists(st.sampled_from(FILE_NAMES), min_size=1, max_size=4, unique=True))
    splittable = set(splittable)
    layout: dict[str, Any] = {}
    for section, value in policy.items():
        if section in splittable and isinstance(value, list) and len(value) > 1 and draw(st.booleans()):
            layout[section] = [_pick(draw, names) for _ in value]
        else:
            layout[section] = _pick(draw, names)
    return layout


def _resolve_layout(policy: Mapping[str, Any], split: Any) -> dict[str, Any]:
    if split in (None, False, 1, "one"):
        return {section: "policy.yaml" for section in policy}
    if split in (True, "sections"):
        return {section: f"{SECTION_ORDER.index(section):02d}_{section}.yaml" for section in policy}
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
    return yaml.dump(document, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100)


def dump(policy: Mapping[str, Any], root: str | Path, split: Any = None,
         documents: str = "one") -> list[Path]:
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
        for name, entry in zip(where, value):
            files.setdefault(name, {}).setdefault(section, []).append(copy.deepcopy(entry))
    written = []
    for name, content in files.items():
        # the sections of one file in the canonical order
        ordered = {k: content[k] for k in SECTION_ORDER if k in content}
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
    return {k: out[k] for k in SECTION_ORDER if k in out}


def with_grant(policy: Mapping[str, Any], grant: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `policy` with one more grant (appended)."""
    out = copy.deepcopy(dict(policy))
    out.setdefault("grants", []).append(dict(grant))
    return {k: out[k] for k in SECTION_ORDER if k in out}


def tier_ids(policy: Mapping[str, Any]) -> list[str]:
    return [t["id"] for t in policy["tiers"]]


def power_ids(policy: Mapping[str, Any]) -> list[str]:
    return list(BUILTIN_POWERS) + [p["id"] for p in policy.get("powers", [])]




def policy_texts(max_tiers: int = MAX_TIERS, max_items: int = MAX_ITEMS) -> st.SearchStrategy[str]:
    """A random valid policy as the YAML text of one file."""
    return policies(max_tiers, max_items).map(to_yaml)


# -- rules -----------------------------------------------------------------------------------------

# Text inside a rule's double-quoted string: no quote, no backslash, no line break.
_REASON = st.text("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-,.()网格准入事项权责", min_size=1, max_size=16)
_ATOMS = (
    lambda draw: f'item.kind {draw(st.sampled_from(("==", "!=")))} "{draw(st.sampled_from(ITEM_KINDS))}"',
    lambda draw: f'item.role == "{draw(st.sampled_from(ROLES))}"',
    lambda draw: f'item.responsibility == "{draw(st.sampled_from(("territorial", "dual", "owner", "")))}"',
    lambda draw: "item.requires <= powers(item.tier)",
    lambda draw: "item.requires <= powers(item.tier) + item.funding.powers",
    lambda draw: "item.requires - powers(item.tier) == {}",
    lambda draw: f'"{draw(st.sampled_from(BUILTIN_POWERS))}" {draw(st.sampled_from(("in", "not in")))} item.requires',
    lambda draw: f'item.cost.{draw(st.sampled_from(("hours_per_month", "yuan_per_year")))} '
                 f'{draw(st.sampled_from(("<", "<=", ">", ">=")))} {draw(st.integers(0, 10_000))}',
    lambda draw: f"count(item.{draw(st.sampled_from(('co_handlers', 'mobilises', 'requires_all')))}) "
                 f"{draw(st.sampled_from(('==', '<=', '>')))} {draw(st.integers(0, 4))}",
    lambda draw: f"item.tier.depth {draw(st.sampled_from(('>=', '<', '==')))} {draw(st.integers(0, 5))}",
    lambda draw: f"item.funding.money + item.funding.people * {draw(st.integers(1, 100_000))} >= "
                 f"{draw(st.integers(0, 10**6))}",
    lambda draw: f"all(u in item.co_handlers: u.headcount > {draw(st.integers(0, 9))})",
    lambda draw: f'any(u in units(item.tier): u.kind == "{draw(st.sampled_from(UNIT_KINDS))}")',
    lambda draw: "item.owner.tier.depth < item.tier.depth",
    lambda draw: f"on >= {draw(_date)}",
    lambda draw: f"item.valid_to < on + {draw(st.integers(1, 400))}d",
)


@st.composite
def conditions(draw, depth: int = 2) -> str:
    """A well-typed condition (type bool) about `item`, combining attribute tests with and/or/not."""
    shape = draw(st.integers(0, 5)) if depth > 0 else 0
    if shape <= 2:
        return _ATOMS[draw(st.integers(0, len(_ATOMS) - 1))](draw)
    left = draw(conditions(depth - 1))
    if shape == 3:
        return f"not ({left})"
    right = draw(conditions(depth - 1))
    return f"({left}) {'and' if shape == 4 else 'or'} ({right})"


@st.composite
def actions(draw, findings: bool = True) -> str:
    """A decision: admit, a conditional admission (devolve, transfer, term), reject with a reason, or
    (with `findings`) a custom finding PE900-PE999."""
    kind = draw(st.integers(0, 3 if findings else 2))
    if kind == 0:
        return "admit"
    if kind == 1:
        return f'reject "{draw(_REASON)}"'
    if kind == 3:
        severity = draw(st.sampled_from(("error", "warning", "info")))
        return f'finding PE{draw(st.integers(900, 999))} {severity} "{draw(_REASON)}"'
    parts = []
    for which in _subset(draw, ["devolve", "transfer", "term"]) or ["devolve"]:
        if which == "devolve":
            parts.append(draw(st.sampled_from(("devolve(item.requires - powers(item.tier))",
                                                'devolve({"penalty"})', "devolve(item.requires_all)"))))
        elif which == "transfer":
            parts.append(f"transfer(money = {draw(st.integers(0, 10**6))}, people = {draw(st.integers(0, 5))})")
        else:
            parts.append(f"term({draw(st.integers(1, 400))}{draw(st.sampled_from(('d', 'w', 'mo', 'y')))})")
    return "admit with " + ", ".join(parts)


@st.composite
def rules(draw, max_clauses: int = 3, findings: bool = True) -> str:
    """A well-typed admission criterion: 1-`max_clauses` `when COND then ACTION` clauses, one per line,
    sometimes ending with `otherwise ACTION`. Put it in an admission procedure's `criteria`."""
    clauses = [f"when {draw(conditions())} then {draw(actions(findings))}"
               for _ in range(draw(st.integers(1, max_clauses)))]
    if draw(st.booleans()):
        clauses.append(f"otherwise {draw(actions(findings))}")
    return "\n".join(clauses)


# -- reforms ---------------------------------------------------------------------------------------

def _holders(policy: Mapping[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(holder kind, id) -> the powers its grants name, in declared order."""
    held: dict[tuple[str, str], list[str]] = {}
    for grant in policy.get("grants", []):
        kind = "unit" if "unit" in grant else "tier"
        names = held.setdefault((kind, grant[kind]), [])
        for power in grant.get("powers", []):
            name = power if isinstance(power, str) else power["power"]
            if name not in names:
                names.append(name)
    return {k: v for k, v in held.items() if v}


@st.composite
def reforms(draw, baseline: Mapping[str, Any], path: str = "baseline", max_operations: int = 6) -> dict[str, Any]:
    """A reform document over `baseline` (a policy drawn by `policies()`), whose baseline is `path`
    (relative to where the reform file will be written). Every operation applies: each declaration
    is edited at most once, revoked powers are held, targets exist. Write it with `to_yaml`."""
    tiers = tier_ids(baseline)
    powers = power_ids(baseline)
    units = [u["id"] for u in baseline.get("units", [])]
    items = item_ids(baseline)
    procedures = [a["id"] for a in baseline.get("admission", [])]
    held = _holders(baseline)
    untouched_items = list(items)
    untouched_procedures = list(procedures)
    revocable = sorted(held)
    operations: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, max_operations))):
        kind = draw(st.sampled_from(("grant", "revoke", "transfer", "set", "move", "remove", "add", "add_rules")))
        if kind == "grant":
            holder = ("unit", _pick(draw, units)) if units and draw(st.booleans()) else ("tier", _pick(draw, tiers))
            operations.append({"op": "grant", "to": {holder[0]: holder[1]},
                               "powers": _subset(draw, powers, 3) or [_pick(draw, powers)]})
        elif kind == "revoke" and revocable:
            holder = revocable.pop(draw(st.integers(0, len(revocable) - 1)))
            operations.append({"op": "revoke", "from": {holder[0]: holder[1]},
                               "powers": _subset(draw, held[holder], 2) or [held[holder][0]]})
        elif kind in ("transfer", "set", "move", "remove") and untouched_items:
            item = untouched_items.pop(draw(st.integers(0, len(untouched_items) - 1)))
            target = f"items/{item}"
            if kind == "transfer":
                op: dict[str, Any] = {"op": "transfer", "target": target}
                _put(op, "money", _maybe(draw, st.integers(0, 10**6)))
                _put(op, "people", _maybe(draw, _PEOPLE))
                if draw(st.booleans()):
                    op["powers"] = _subset(draw, powers, 2)
                operations.append(op)
            elif kind == "set":
                field_name = draw(st.sampled_from(("role", "kind", "cost.hours_per_month", "cost.yuan_per_year")))
                value = (draw(st.sampled_from(ROLES)) if field_name == "role" else
                         draw(st.sampled_from(ITEM_KINDS)) if field_name == "kind" else draw(st.integers(0, 10_000)))
                operations.append({"op": "set", "target": target, "path": field_name, "value": value})
            elif kind == "move":
                operations.append({"op": "move", "target": target, "tier": _pick(draw, tiers)})
            else:
                operations.append({"op": "remove", "target": target})
        elif kind == "add_rules" and untouched_procedures:
            procedure = untouched_procedures.pop(draw(st.integers(0, len(untouched_procedures) - 1)))
            operations.append({"op": "add_rules", "target": f"admission/{procedure}",
                               "criteria": draw(st.lists(rules(2), min_size=1, max_size=2))})
        else:
            gate: dict[str, Any] = {"id": f"reform_gate{n}", "tier": _pick(draw, tiers)}
            if units and draw(st.booleans()):
                gate["reviewer"] = _pick(draw, units)
            gate["criteria"] = draw(st.lists(rules(2), min_size=1, max_size=2))
            operations.append({"op": "add", "section": "admission", "value": gate})
    meta: dict[str, Any] = {"id": "drawn_reform", "baseline": path}
    if draw(st.booleans()):
        meta["name"] = _name(draw, "reform")
    return {"reform": meta, "operations": operations}


__all__ = ["policies", "policy_texts", "rules", "conditions", "actions", "reforms", "tier_trees", "layouts",
           "dump", "to_yaml", "without_item", "with_grant", "item_ids", "tier_ids", "power_ids",
           "BUILTIN_POWERS", "SECTION_ORDER", "SPLITTABLE"]
