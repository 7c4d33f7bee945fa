"""Baselines: the findings a team has accepted for now, so that lint reports only new ones.

A baseline is a JSON file of fingerprints (see fingerprint.py). A fingerprint leaves out file
positions, so an edit elsewhere that shifts lines does not turn old findings into new ones. Counts
matter: a baseline holding one PE101 on an item lets one through, and a second one is new.
Structural errors (PE001-PE005) are never held: they stop the checks.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .config import STRUCTURAL
from .diagnostics import Finding
from .errors import InputError
from .fingerprint import base, fingerprints
from .inputs import read_bytes
from .messages import msg
from .span import Span

# a baseline nests three levels; the configuration's bounds (100 deep) serve it as well
from .tomltext import MAX_DEPTH, MAX_DIGITS, first_excess, span_at

VERSION = 1
# what the guard must see past: strings (whose brackets and digits are text), brackets, runs of digits;
# possessive, so that a long string keeps no backtracking state
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[{]|[\]}]|[0-9]++')


@dataclass(frozen=True)
class Baseline:
    path: str
    counts: Counter[str]  # base fingerprint -> how many findings it holds

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """The findings the baseline does not hold, and how many it held."""
        left = Counter(self.counts)
        new, known = [], 0
        for f in findings:
            key = base(f)
            if f.code not in STRUCTURAL and left[key] > 0:
                left[key] -= 1
                known += 1
            else:
                new.append(f)
        return new, known


def render(findings: list[Finding]) -> str:
    """The baseline file for `findings`: sorted, one entry per finding, readable in a review. Never a
    structural error: a policy that could not be read as written was not checked, and a baseline
    must not let it pass."""
    findings = [f for f in findings if f.code not in STRUCTURAL]
    entries = [
        {
            "fingerprint": fp,
            "code": f.code,
            "subject": f"{f.subject.kind}:{f.subject.id}",
            "message": f.identity or f.message,
        }
        for fp, f in zip(fingerprints(findings), findings, strict=True)
    ]
    entries.sort(key=lambda e: (e["code"], e["subject"], e["fingerprint"]))
    doc = {"version": VERSION, "tool": "policyengine", "findings": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read(path: str | Path) -> Baseline:
    where = str(path)
    try:
        text = read_bytes(path, missing="config.no_baseline").decode("utf-8")  # checked what it is, bounded
    except UnicodeDecodeError:
        raise InputError.of("config.not_utf8", path=where) from None
    _guard(text, where)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.of("config.baseline_json", Span(where, exc.lineno, exc.colno), problem=exc.msg) from None
    except RecursionError:  # past the guard's bound only if the interpreter's stack is smaller still
        problem = msg("config.nested_too_deep", depth=MAX_DEPTH)
        raise InputError.of("config.baseline_json", Span(where, 1, 1), problem=problem) from None
    if not isinstance(doc, dict) or doc.get("tool") != "policyengine" or not isinstance(doc.get("findings"), list):
        raise InputError.of("config.not_baseline", path=where)
    if doc.get("version") != VERSION:
        raise InputError.of("config.baseline_version", path=where, version=doc.get("version"), expected=VERSION)
    counts: Counter[str] = Counter()
    for n, entry in enumerate(doc["findings"]):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or ":" not in fp:
            raise InputError.of("config.no_fingerprint", path=where, n=n)
        counts[fp.rsplit(":", 1)[0]] += 1
    return Baseline(where, counts)


def _guard(text: str, where: str) -> None:
    """Nesting past MAX_DEPTH and integers longer than Python reads, at their place, before the JSON
    parser meets them as an internal error (RecursionError, ValueError)."""
    found = first_excess(_TOKENS, text)
    if found is not None:
        what, offset = found
        problem = (
            msg("config.nested_too_deep", depth=MAX_DEPTH)
            if what == "depth"
            else msg("config.number_too_long", digits=MAX_DIGITS)
        )
        raise InputError.of("config.baseline_json", span_at(where, text, offset), problem=problem)
