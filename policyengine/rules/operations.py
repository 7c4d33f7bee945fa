"""What the rule language's operators do to values: null-safe, and total.

An operation never raises. Null in gives null out, and so does a result the language cannot hold:
a date before year 1 or after year 9999, a number beyond what a float holds (about 1.8e308), a
division by zero, a calendar date the policy wrote wrongly. Null then means "cannot judge", as for
any absent value: an ordering with it is false, and a condition on it does not hold.
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable
from typing import Any

from ..dates import days_between, plus_days

Operation = Callable[[Any, Any], Any]

_LARGEST = int(sys.float_info.max)  # an integer past it has no float, and breaks float arithmetic


def representable(value: Any) -> bool:
    """Whether a rule may hold `value`: not an infinite or undefined float, nor an integer no float
    can hold (adding it to a float, or dividing it, would raise)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return -_LARGEST <= value <= _LARGEST
    return True


def total(op: Operation) -> Operation:
    """`op` made null-safe and total: null for a null operand, an error, or a result out of range."""

    def run(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        try:
            value = op(a, b)
        except (ArithmeticError, ValueError):  # OverflowError, ZeroDivisionError; a bad calendar date
            return None
        return value if representable(value) else None

    return run


def _date_minus(d: str, days: float) -> str | None:
    return plus_days(d, -days)


def _divide(a: Any, b: Any) -> Any:
    return a / b if b else None


# (operator, left type, right type) -> (result type, operation)
ARITHMETIC: dict[tuple[str, str, str], tuple[str, Operation]] = {
    ("+", "number", "number"): ("number", total(operator.add)),
    ("-", "number", "number"): ("number", total(operator.sub)),
    ("*", "number", "number"): ("number", total(operator.mul)),
    ("/", "number", "number"): ("number", total(_divide)),
    ("+", "duration", "duration"): ("duration", total(operator.add)),
    ("-", "duration", "duration"): ("duration", total(operator.sub)),
    ("*", "duration", "number"): ("duration", total(operator.mul)),
    ("+", "date", "duration"): ("date", total(plus_days)),
    ("-", "date", "duration"): ("date", total(_date_minus)),
    ("-", "date", "date"): ("duration", total(days_between)),
}
SET_OPERATIONS: dict[str, Operation] = {"+": total(operator.or_), "-": total(operator.sub)}


def none(a: Any, b: Any) -> None:
    """The operation of an ill-typed step: the rule is reported and never runs, but stays total."""
    return None
