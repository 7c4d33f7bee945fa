"""What a check is: its code, names, default severity, thresholds, messages, documentation, the
function that finds it and the one that explains a finding.

Each check is one module of this package that ends with `CHECK = Check(...)`; the registry
(`policyengine.checks`) lists them. This module imports no pipeline stage, and neither do the check
modules at import time, so the catalogue of codes (for `explain`, SARIF, the message catalogue and
the generated docs) is read without loading the linter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..diagnostics import Severity, Violation

if TYPE_CHECKING:
    from .context import Context

Step = dict[str, Any]  # one step of the chain behind a finding (`why`): see policyengine/checks/steps.py
Find = Callable[["Context"], Iterable[Violation]]
Explain = Callable[["Context", Violation], list[Step]]
Threshold = float | int | tuple[str, ...]


@dataclass(frozen=True)
class Check:
    code: str  # stable and public: PE0xx structure, PE1xx authority, PE2xx admission, PE3xx assessment
    name: str  # after the bad pattern it finds, not after its fix
    zh: str  # the Chinese name
    severity: Severity  # the default; the configuration may change it (never for PE001-PE005)
    summary: str  # what it finds, in a few words: the README's table
    finds: str  # what it finds, in a sentence: the index of docs/checks.md
    per: str  # one finding per ...
    at: str  # ... pointing at ...
    reads: str  # ... and the fields it reads
    doc: str  # the page `explain CODE` prints: what it finds, why it matters, example and fix, thresholds, case
    doc_zh: str  # the same page in Chinese, for `explain CODE --lang zh` and docs/checks/PEnnn.zh.md
    finds_zh: str  # `finds` in Chinese: the index of docs/checks.zh.md
    per_zh: str  # `per` in Chinese
    at_zh: str  # `at` in Chinese
    reads_zh: str  # `reads` in Chinese (field names stay as written in a policy)
    messages: Mapping[str, tuple[str, str]]  # key -> (English, Chinese) template: `PE101.missing`
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)  # name -> default
    # a list threshold's closed vocabulary, name -> the words it accepts: a misspelt word would match
    # nothing and turn the check off without a word, so the configuration refuses it
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    uses: tuple[str, ...] = ()  # thresholds of other checks it reads: `PE101.max_co_handler_coverage`
    find: Find | None = None  # None: reported while the policy is read, by `found_by`
    found_by: str = ""  # the stage that reports a code without `find`: loader, schema, build, rules, suppressions
    explain: Explain | None = None  # the steps behind one of its findings, from the facts it used


__all__ = ["Check", "Explain", "Find", "Step", "Threshold"]
