"""SARIF 2.1.0: findings for GitHub code scanning and other SARIF viewers.

One run: the tool with every check of the catalogue as a rule (and each custom PE9xx code that
reports something), then one result per finding with its region and a fingerprint that survives
edits which shift lines. The output holds no time and no random id: the same input gives the same
bytes (the current directory, against which relative paths are written, is part of the input).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..checks import CATALOGUE
from ..diagnostics import Finding, Severity
from ..fingerprint import fingerprints
from ..messages.catalogue import text
from ..result import LintResult
from . import regions
from .regions import Root
from .text import Style

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "policyengine/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FAMILY = {"PE0": "structure", "PE1": "authority", "PE2": "admission", "PE3": "assessment", "PE9": "custom"}
LANGUAGE = {"en": "en-US", "zh": "zh-CN"}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
MARKUP = re.compile(r"`|\*\*")

Json = dict[str, Any]  # a SARIF object: its shape is the SARIF schema's, not a Python type's


def render(result: LintResult, lang: str = "en", style: Style | None = None, root: Root = None) -> str:
    """`root` is the directory relative paths are written against (%SRCROOT%): the current one by default."""
    return json.dumps(document(result, lang, root), ensure_ascii=False, indent=2) + "\n"


def document(result: LintResult, lang: str = "en", root: Root = None) -> Json:
    rules = _rules(result.findings, lang)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts = [_location(f.path, root) for f in result.files]
    artifact_index = {f.path: i for i, f in enumerate(result.files)}
    texts = {f.path: regions.source_lines(f.text) for f in result.files}
    results = [
        _result(f, fp, index[f.code], texts, artifact_index, root)
        for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "policyengine",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": LANGUAGE.get(lang, "en-US"),
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": regions.root_uri(root)}},
                "artifacts": [{"location": location} for location in artifacts],
                "results": results,
                "language": LANGUAGE.get(lang, "en-US"),
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _location(file: str, root: Root) -> Json:
    uri, base = regions.uri(file, root)
    return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}


def _result(
    f: Finding,
    fingerprint: str,
    rule_index: int,
    texts: dict[str, list[str]],
    artifact_index: dict[str, int],
    root: Root,
) -> Json:
    out: Json = {"ruleId": f.code, "ruleIndex": rule_index, "level": LEVEL[f.severity], "message": {"text": f.message}}
    if f.span.file:
        artifact = _location(f.span.file, root)
        if f.span.file in artifact_index:
            artifact["index"] = artifact_index[f.span.file]
        physical: Json = {"artifactLocation": artifact}
        if f.span.line > 0:
            column = max(f.span.column, 1)
            line, end = regions.region(texts, f.span.file, f.span.line, column, f.code)
            physical["region"] = {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end}
        out["locations"] = [{"physicalLocation": physical}]
    out["partialFingerprints"] = {FINGERPRINT: fingerprint}
    out["properties"] = {
        "subject": {"kind": f.subject.kind, "id": f.subject.id},
        **({"cell": f.cell} if f.cell else {}),
    }
    return out


def _rules(findings: list[Finding], lang: str) -> list[Json]:
    rules = [_catalogue_rule(code, lang) for code in CATALOGUE]
    custom: dict[str, Finding] = {}
    for f in findings:
        if f.code not in CATALOGUE and f.code not in custom:
            custom[f.code] = f
    rules.extend(_custom_rule(custom[code], lang) for code in sorted(custom))
    return rules


def _catalogue_rule(code: str, lang: str) -> Json:
    c = CATALOGUE[code]
    doc = c.doc_zh if lang == "zh" else c.doc
    title = f"{c.code} {c.name} — {c.zh}"
    finds = _paragraph(doc, HEADINGS[lang][0]) if doc else ""
    why = _paragraph(doc, HEADINGS[lang][1]) if doc else ""
    short = _first_sentence(finds, lang) if finds else f"{c.name} ({c.zh})"
    full = "\n\n".join(p for p in (finds, why) if p) or title
    page = doc if doc else f"# {title}\n"
    return {
        "id": c.code,
        "name": c.name,
        "shortDescription": {"text": _plain(short), "markdown": short},
        "fullDescription": {"text": _plain(full), "markdown": full},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": LEVEL[c.severity]},
        "properties": {"tags": ["policy", FAMILY.get(code[:3], "other")], "zh": c.zh, "thresholds": dict(c.thresholds)},
    }


def _custom_rule(f: Finding, lang: str) -> Json:
    short = text("formats.sarif.custom_short", lang, name=f.name)
    full = text("formats.sarif.custom_full", lang, code=f.code, name=f.name)
    page = text("formats.sarif.custom_page", lang, code=f.code, name=f.name, full=full)
    return {
        "id": f.code,
        "name": f.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": _plain(full), "markdown": full},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
        "properties": {"tags": ["policy", "custom"]},
    }


# the headings of a check's page whose text the rule's descriptions are made of, per language
HEADINGS = {"en": ("What it finds", "Why it matters"), "zh": ("检查内容", "为何重要")}


def _paragraph(doc: str, heading: str) -> str:
    """The paragraphs of one section of a check's page."""
    parts = doc.split(f"## {heading}\n", 1)
    if len(parts) < 2:
        return ""
    body = parts[1].split("\n## ", 1)[0]
    return "\n\n".join(p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip())


@dataclass(frozen=True)
class _Sentences:
    """How a language writes sentences, as far as cutting off the first one needs."""

    flatten: Callable[[str], str]  # a paragraph's lines made one
    ends: str  # the characters that can end a sentence
    spaced: bool  # an end counts only before a space or the end (not in "e.g." or "1.5")
    stop: str  # what the cut sentence ends with
    colon: bool  # a long sentence is cut at its first colon


SENTENCES = {
    "en": _Sentences(lambda text: " ".join(text.split()), ".", True, ".", True),
    "zh": _Sentences(lambda text: re.sub(r"\s*\n\s*", "", text), "。;;::", False, "。", False),
}


def _first_sentence(text: str, lang: str) -> str:
    """The first sentence, cut outside backquotes and brackets; a long one is cut at its first colon
    where the language does that."""
    rules = SENTENCES[lang]
    text = rules.flatten(text)
    depth, code, colon = 0, False, None
    for i, ch in enumerate(text):
        if ch == "`":
            code = not code
        elif code:
            continue
        elif ch in "((":
            depth += 1
        elif ch in "))":
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif ch in rules.ends and (
            not rules.spaced
            or (
                (i + 1 == len(text) or text[i + 1] == " ")
                and not text[:i].endswith(("e.g", "i.e"))
                and not text[i - 1 : i].isdigit()
            )
        ):
            return _cut_long(text[:i], colon) + rules.stop
        elif rules.colon and ch == ":" and colon is None:
            colon = i
    return _cut_long(text.rstrip("."), colon) + rules.stop


def _cut_long(sentence: str, colon: int | None) -> str:
    return sentence[:colon] if len(sentence) > 160 and colon is not None and colon < len(sentence) else sentence


def _plain(markdown: str) -> str:
    return MARKUP.sub("", markdown)
