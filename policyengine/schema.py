"""JSON Schema validation of loaded documents -> PE002 violations located at the offending node."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any, TypeAlias, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import extend

from .diagnostics import Subject, Violation
from .ids import ID_PATTERN, is_id, python_pattern
from .messages import Joined, Listed, Message, Quoted, Term, msg, shown
from .resources import policy_schema
from .span import Span
from .statedness import MARKERS
from .vocabulary import SECTION_KINDS
from .yamlnodes import YMap, key_span, span_of

# a step from a document to a node: a key, an index, or ("key", name) to point at the key itself
Step: TypeAlias = str | int | tuple[str, str]


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(python_pattern(pattern))


def _pattern(_validator: Validator, pattern: str, instance: Any, _schema: Any) -> Iterator[ValidationError]:
    """The `pattern` keyword as ECMA-262 reads it (`\\p{L}` in an id), not as bare `re` would."""
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=1)
def validator() -> Validator:
    checker: Any = extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return cast(Validator, checker(policy_schema()))


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[Any], bool] | None:
    """jsonschema-rs answers 'valid?' a hundred times faster; jsonschema then explains what is not."""
    try:
        import jsonschema_rs
    except ImportError:  # optional accelerator: the pure-Python path gives the same findings
        return None
    return jsonschema_rs.validator_for(policy_schema()).is_valid


def _subject(document: Any, path: list[Step]) -> Subject:
    """The declaration an error sits in: the section entry's id when it has one."""
    if len(path) >= 2 and isinstance(document, dict):
        section = document.get(path[0])
        if isinstance(section, list) and isinstance(path[1], int) and path[1] < len(section):
            entry = section[path[1]]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                return Subject(SECTION_KINDS.get(str(path[0]), str(path[0])), entry["id"])
    return Subject("section", str(path[0])) if path else Subject("document", "")


def _describe(error: ValidationError, where: Message | str) -> tuple[Message, list[Step]]:
    """What is wrong, and the path to point at."""
    path: list[Step] = list(error.absolute_path)
    kind = error.validator
    # the keyword's value and the schema it is in: JSON data (`Unset` only on an error made by hand)
    value: Any = error.validator_value
    schema: Any = error.schema
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = (
            msg("common.did_you_mean", guess=close[0])
            if close
            else msg("schema.one_of", allowed=Listed(tuple(allowed)))
        )
        return msg("schema.unknown_key", key=key, where=where, hint=hint), [*path, ("key", key)]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return msg("schema.missing_key", where=where, key=missing), path
    if kind == "enum":
        options = Listed(tuple(map(str, value)))
        close = difflib.get_close_matches(str(error.instance), [str(v) for v in value], n=1)
        if close:
            return msg("schema.not_one_of_guess", value=shown(error.instance), options=options, guess=close[0]), path
        return msg("schema.not_one_of", value=shown(error.instance), options=options), path
    if kind == "type":
        return msg("schema.wrong_type", value=shown(error.instance), expected=_in_words(_types(error))), path
    if kind == "pattern":
        if value == ID_PATTERN:
            guess = "".join(str(error.instance).split())
            if guess != error.instance and is_id(guess):
                return msg("schema.bad_id_guess", value=shown(error.instance), guess=guess), path
            return msg("schema.bad_id", value=shown(error.instance)), path
        if value.startswith("^([01]"):
            return msg("schema.bad_time", value=shown(error.instance)), path
        return msg("schema.bad_pattern", value=shown(error.instance), pattern=value), path
    if kind in ("minimum", "exclusiveMinimum"):
        return msg("schema.below_minimum", value=shown(error.instance), minimum=value), path
    if kind in ("maximum", "exclusiveMaximum"):
        return msg("schema.above_maximum", value=shown(error.instance), maximum=value), path
    if kind == "uniqueItems":
        return msg("schema.repeated"), path
    sized = {"minItems": "schema.too_few_items", "maxItems": "schema.too_many_items", "minLength": "schema.too_short"}
    if kind in sized and isinstance(error.instance, list | str):
        bound = "maximum" if kind == "maxItems" else "minimum"
        return msg(sized[kind], count=len(error.instance), **{bound: value}), path
    if kind == "minProperties" and isinstance(error.instance, dict):
        return msg("schema.too_few_keys", count=len(error.instance), minimum=value), path
    if kind in ("oneOf", "anyOf") and "required" in str(value):
        groups = [tuple(b.get("required", ())) for b in value if isinstance(b, dict)]
        if groups == [("unit",), ("tier",)]:
            return msg("schema.unit_or_tier", where=where), path
        return msg("schema.exactly_one", where=where, keys=Quoted(tuple(" + ".join(g) for g in groups))), path
    if kind == "not" and isinstance(error.instance, dict):
        together = [b.get("required", ()) for b in value.get("anyOf", [value])]
        keys = next((k for k in together if all(x in error.instance for x in k)), together[0])
        return msg("schema.not_together", where=where, keys=Quoted(tuple(keys))), path
    if kind in ("oneOf", "anyOf") and _wrong_shape(error, len(error.absolute_path)):
        return msg("schema.wrong_type", value=shown(error.instance), expected=_in_words(_types(error))), path
    return msg("schema.other", message=error.message), path


def _where(path: list[Step]) -> Message | str:
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return text or msg("schema.the_document")


def _branches(error: ValidationError) -> list[list[ValidationError]]:
    """The errors of each alternative of a oneOf or anyOf, by alternative."""
    found: dict[Any, list[ValidationError]] = {}
    for e in error.context:
        found.setdefault(e.relative_schema_path[0] if e.relative_schema_path else None, []).append(e)
    return list(found.values())


def _wrong_shape(error: ValidationError, depth: int) -> bool:
    """An alternative the value does not even have the shape of: a type refused at the value's own
    level (a fraction where an integer stands, a mapping where a number may), or alternatives that
    all are."""
    if len(error.absolute_path) != depth:
        return False
    if error.validator == "type":
        return True
    return (
        error.validator in ("oneOf", "anyOf")
        and bool(error.context)
        and all(any(_wrong_shape(e, depth) for e in branch) for branch in _branches(error))
    )


def _in_words(types: list[str]) -> Joined:
    """The JSON Schema's type names said in the message's language (“列表或字符串”)."""
    return Joined(tuple(Term("schema.type", t) for t in types), "sep.or")


def _types(error: ValidationError) -> list[str]:
    """The types the alternatives of a wrong-shape error would take, in the schema's order."""
    if error.validator == "type":
        value: Any = error.validator_value  # the keyword's value: a type or a list of them
        return [value] if isinstance(value, str) else list(value)
    return list(dict.fromkeys(t for e in error.context for t in _types(e)))


def _first(errors: list[ValidationError]) -> ValidationError:
    """The error to report of several: the highest in the document (more is wrong there), and at one
    node its type before its range (a fraction below an integer's minimum is not an integer)."""
    return min(errors, key=lambda e: (len(e.absolute_path), e.validator != "type"))


MARKER = {"$ref": "#/$defs/unstated"}


def _marked(error: ValidationError) -> ValidationError | None:
    """Of a value that may also be `unstated`/`unknown`: its value's own error, as if the marker
    were no alternative — unless it is a misspelt marker, whose error says which it may be."""
    schema: Any = error.schema
    if error.validator != "anyOf" or MARKER not in schema.get("anyOf", ()):
        return None
    marker = schema["anyOf"].index(MARKER)
    if isinstance(error.instance, str) and difflib.get_close_matches(error.instance, MARKERS, n=1):
        wanted = marker
    else:
        wanted = 1 - marker if len(schema["anyOf"]) == 2 else -1
    found = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == wanted]
    return _first(found) if found else None


def _leaf(error: ValidationError) -> ValidationError:
    """The most telling error under alternatives: in an alternative the value has the shape of."""
    while error.context:
        marked = _marked(error)
        if marked is not None:
            error = marked
            continue
        if error.validator in ("oneOf", "anyOf") and all(e.validator == "required" for e in error.context):
            break
        depth = len(error.absolute_path)
        shaped = [e for branch in _branches(error) if not any(_wrong_shape(x, depth) for x in branch) for e in branch]
        if not shaped:  # the value has none of the shapes: said at its own level, by type
            break
        error = _first(shaped)
    return error


def validate(document: Any, default: Span) -> tuple[list[Violation], set[tuple[str, int | None]]]:
    """PE002 violations, and the (section, index) entries they make unusable."""
    violations: list[Violation] = []
    invalid: set[tuple[str, int | None]] = set()
    for violation, path in _iter(document, default):
        violations.append(violation)
        if path:
            section = str(path[0])
            index = path[1] if len(path) > 1 and isinstance(path[1], int) and section in SECTION_KINDS else None
            invalid.add((section, index))
    return violations, invalid


def _iter(document: Any, default: Span) -> Iterator[tuple[Violation, list[Step]]]:
    if not isinstance(document, dict):
        found = (
            msg("schema.found_list")
            if isinstance(document, list)
            else msg("schema.found_null")
            if document is None
            else msg("schema.found_scalar", value=shown(document))
        )
        yield (
            Violation(
                "PE002", "mapping", getattr(document, "span", default), Subject("document", ""), {"found": found}
            ),
            [],
        )
        return
    fast = _fast_check()
    try:
        if fast is not None and fast(document):
            return
    except (OverflowError, ValueError):  # a number the accelerator cannot hold: the exact path judges it
        pass
    for problem, span, path in _explained(validator(), document, default):
        yield Violation("PE002", "schema", span, _subject(document, path), {"message": problem}), path


def located_problems(schema: dict[str, Any], document: Any, default: Span) -> list[tuple[Message, Span]]:
    """Every way `document` breaks `schema` (a file that is not a policy: an import mapping), each
    said as PE002 says it of a policy and located at the offending node."""
    try:  # the accelerator answers 'valid?' at once; the pure-Python path explains what is not
        import jsonschema_rs

        if jsonschema_rs.validator_for(schema).is_valid(document):
            return []
    except (ImportError, OverflowError, ValueError):
        pass
    checker: Any = extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return [(problem, span) for problem, span, _ in _explained(checker(schema), document, default)]


def _explained(checker: Validator, document: Any, default: Span) -> Iterator[tuple[Message, Span, list[Step]]]:
    errors = sorted(checker.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    for error in errors:
        if tuple(error.absolute_path) in mistyped and error.validator != "type":
            continue  # a value of the wrong type: its range or pattern is beside the point
        error = _leaf(error)
        problem, path = _describe(error, _where(list(error.absolute_path)))
        if path and isinstance(path[-1], tuple):  # point at an unknown key itself
            container = span_of(document, path[:-1], default)
            node: Any = document
            for step in path[:-1]:
                node = node[step]
            span = key_span(node, path[-1][1]) if isinstance(node, YMap) else container
            path = path[:-1]
        else:
            span = span_of(document, path, default)
        yield problem, span, path
