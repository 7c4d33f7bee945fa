"""The form of each reform operation: its kind, the keys it takes and the type of each value.

Every operation is checked here before it applies, so an operand of the wrong type (`money: lots`,
`tier: [grid]`, a list of powers holding a number) is an error at that value in the reform file,
never an exception while the operation runs. Whether the names it gives exist is checked when it
applies (`targets.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..messages import msg
from ..yamlnodes import YMap, YSeq
from .read import COMMON, OPERANDS, OPS, REQUIRED, ReformError, shown
from .targets import did_you_mean


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _is_path(value: Any) -> bool:
    return isinstance(value, str) and all(value.split("."))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_position(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_holder(value: Any) -> bool:
    return (
        isinstance(value, YMap)
        and len(value) == 1
        and next(iter(value)) in ("unit", "tier")
        and _is_id(*value.values())
    )


def _is_placement(value: Any) -> bool:
    if isinstance(value, YMap):
        return set(value) <= {"list", "at"} and _is_id(value.get("list")) and _is_position(value.get("at", 0))
    return _is_id(value)


def _is_power(value: Any) -> bool:
    return _is_id(value) or (isinstance(value, YMap) and _is_id(value.get("power")))


# a kind of operand: the test of its value and what the message says it must be (`reform.expect.*`)
SCALARS: dict[str, Callable[[Any], bool]] = {
    "any": lambda value: True,
    "id": _is_id,
    "path": _is_path,
    "target": _is_text,  # its form is checked where it is looked up, with a message of its own
    "section": _is_text,  # likewise
    "number": _is_number,
    "position": _is_position,
    "mapping": lambda value: isinstance(value, YMap),
    "holder": _is_holder,
    "text": _is_text,
    "source": lambda value: isinstance(value, (str, YMap)),
}
NOTES = {"note": "text", "source": "source"}  # what any operation may carry besides its operands
# a list operand: the kind of each of its entries
LISTS = {
    "ids": ("id", _is_id),
    "placements": ("placement", _is_placement),
    "powers": ("power", _is_power),
    "rules": ("rule", _is_text),
}


def check(op: YMap) -> str:
    """The operation's kind, once its keys and the type of every value are right."""
    kind = op.get("op")
    if not isinstance(kind, str) or kind not in OPS:
        hint = did_you_mean(kind, OPS) if isinstance(kind, str) else ""
        raise ReformError(
            msg("reform.unknown_op", kind=shown(kind), known=", ".join(OPS), hint=hint), op.value_span("op")
        )
    allowed = OPERANDS[kind]
    unknown = sorted(k for k in op if k not in allowed and k not in COMMON)
    if unknown:
        keys = sorted({*allowed, *COMMON})
        raise ReformError(
            msg(
                "reform.op_unknown_key",
                key=unknown[0],
                kind=kind,
                allowed=", ".join(keys),
                hint=did_you_mean(unknown[0], keys),
            ),
            op.key_span(unknown[0]),
        )
    for key in REQUIRED[kind]:
        if key not in op:
            raise ReformError(
                msg("reform.operand_missing", op=kind, key=key, expected=msg(f"reform.expect.{allowed[key]}")), op.span
            )
    for key, form in {**allowed, **NOTES}.items():
        if key in op:
            _check_value(op, kind, key, form)
    if kind == "transfer" and not {"money", "people", "powers"} & set(op):
        raise ReformError(msg("reform.transfer_needs"), op.span)
    return kind


def _check_value(op: YMap, kind: str, key: str, form: str) -> None:
    value = op[key]
    if form in LISTS:
        entry_form, test = LISTS[form]
        if not isinstance(value, YSeq):
            raise ReformError(
                msg("reform.operand", op=kind, key=key, expected=msg(f"reform.expect.{form}"), got=shown(value)),
                op.value_span(key),
            )
        for k, entry in enumerate(value):
            if not test(entry):
                raise ReformError(
                    msg(
                        "reform.operand_entry",
                        op=kind,
                        key=key,
                        expected=msg(f"reform.expect.{entry_form}"),
                        got=shown(entry),
                    ),
                    value.item_span(k),
                )
    elif not SCALARS[form](value):
        raise ReformError(
            msg("reform.operand", op=kind, key=key, expected=msg(f"reform.expect.{form}"), got=shown(value)),
            op.value_span(key),
        )
