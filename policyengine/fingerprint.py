"""Fingerprints: what identifies a finding across edits, for baselines and SARIF.

A fingerprint is made of the code, the subject (kind and id) and the English message with every
position and number left out, so that an unrelated edit which shifts lines does not change it, and neither
does `--lang` or moving the file. Findings that would share one get an occurrence number, in the
order of their positions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import PurePath

from .checks import CATALOGUE
from .diagnostics import Finding, Violation
from .messages.catalogue import render

# message fields that hold a position (PE003's "first at line 12", "first defined at a.yaml:3:5")
POSITIONAL = ("line", "first")


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def identity(v: Violation) -> str:
    """The English message of a violation with its positions and numbers blanked: a count in a
    message ("carries 1010 items") changes when an unrelated item is added, the finding does not."""
    if v.code not in CATALOGUE:  # a custom check's message is the rule's own text
        return _NUMBER.sub("#", str(v.params.get("message", "")))
    text = render(v.message(**{k: "#" for k in POSITIONAL if k in v.params}), "en")
    return _NUMBER.sub("#", text)


def base(f: Finding) -> str:
    subject = PurePath(f.subject.id).name if f.subject.kind == "file" else f.subject.id
    text = "\0".join((f.code, f.subject.kind, subject, f.identity or f.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding, `HASH:N` where N counts earlier findings with the same hash."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        h = base(f)
        n = seen.get(h, 0)
        seen[h] = n + 1
        out.append(f"{h}:{n}")
    return out
