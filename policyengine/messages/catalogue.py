"""The one catalogue of user-facing text, and the function that renders a message in a language.

Every table is a mapping of keys to `(English, Chinese)` templates in `str.format` syntax. The tables
of the domains are the modules beside this one; the messages of each check are in its own module
under `policyengine.checks`, under its code (`PE101.missing`). A key is looked up whole: there is no
fallback from one language to the other, and a test holds that every key has both and that their
placeholders agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from ..checks import CATALOGUE
from . import (
    cli,
    common,
    config,
    formats,
    loader,
    parties,
    reform,
    report,
    rules,
    schema,
    simulate,
    tables,
    testing,
    verify,
    why,
)
from .assumptions import MESSAGES as ASSUMPTIONS_MESSAGES
from .core import LANGS, Bilingual, Joined, Listed, Message, Quoted, Term, Text, written

Table = Mapping[str, tuple[str, str]]

# the domain tables, each under its prefix (`loader.empty_file`)
DOMAINS: dict[str, Table] = {
    "cli": cli.MESSAGES,
    "config": config.MESSAGES,
    "formats": formats.MESSAGES,
    "loader": loader.MESSAGES,
    "parties": parties.MESSAGES,
    "reform": reform.MESSAGES,
    "report": report.MESSAGES,
    "rules": rules.MESSAGES,
    "schema": schema.MESSAGES,
    "assumptions": ASSUMPTIONS_MESSAGES,
    "simulate": simulate.MESSAGES,
    "tables": tables.MESSAGES,
    "testing": testing.MESSAGES,
    "verify": verify.MESSAGES,
    "why": why.MESSAGES,
}


def _assemble() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = dict(common.MESSAGES)  # unprefixed: `sep.list`, `term.role.handle`
    table.update(tables.TERMS)
    for prefix, entries in DOMAINS.items():
        table.update({f"{prefix}.{key}": value for key, value in entries.items()})
    for code, check in CATALOGUE.items():
        table.update({f"{code}.{key}": value for key, value in check.messages.items()})
    return table


TABLE: dict[str, tuple[str, str]] = _assemble()
_INDEX = {lang: i for i, lang in enumerate(LANGS)}  # a table entry is (English, Chinese)


def template(key: str, lang: str) -> str:
    """The template of `key` in `lang` (`en` or `zh`)."""
    return TABLE[key][_INDEX[lang]]


def labels(prefix: str, lang: str) -> dict[str, str]:
    """Every template under `prefix.` in `lang`, by the rest of its key: what a page template formats
    itself (`labels("report.label", "zh")["title"]`)."""
    start = prefix + "."
    return {key[len(start) :]: template(key, lang) for key in TABLE if key.startswith(start)}


def term(group: str, value: str, lang: str) -> str:
    """`GROUP.VALUE` in `lang`, or the value itself when the catalogue has no such entry."""
    return render(Term(group, value), lang)


def text(key: str, lang: str, /, **params: object) -> str:
    """`text("formats.summary", "zh", n=3)`: a message rendered at once."""
    return render(Message(key, params), lang)


def render(value: Text, lang: str) -> str:
    """A message or a piece in `lang`; a plain string as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, Message):
        params = {name: _param(v, lang) for name, v in value.params.items()}
        return template(value.key, lang).format(**params)
    if isinstance(value, Quoted):
        quote = template("punct.quote", lang)
        return template("sep.list", lang).join(quote.format(value=v) for v in value.values)
    if isinstance(value, Listed):
        return template(value.sep, lang).join(value.values)
    if isinstance(value, Joined):
        return template(value.sep, lang).join(render(part, lang) for part in value.parts)
    if isinstance(value, Term):
        key = f"{value.group}.{value.value}"
        return template(key, lang) if key in TABLE else value.value
    if isinstance(value, Bilingual):
        first, second = (value.zh, value.en) if lang == "zh" else (value.en, value.zh)
        return first or second or ""
    raise TypeError(f"not a message: {value!r}")


_PIECES = (Message, Quoted, Listed, Joined, Term, Bilingual)


class _Number:
    """A number as a template formats it, except that `:g` never switches to an exponent: `{money:g}`
    of 1234567 reads 1234567, not 1.23457e+06, the way budgets and costs are written."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        if spec == "g":
            return plain_number(self.value)
        return format(self.value, spec)

    def __str__(self) -> str:  # `{x!s}`
        return str(self.value)

    def __repr__(self) -> str:  # `{x!r}`: as written (`.inf`, not `inf`)
        return written(self.value)


class _Written:
    """A value of the user's data (null, a boolean, a date, a list, a mapping) as the user wrote it,
    by `{x}` and `{x!r}` alike: a template never shows Python's `None`, `True` or `datetime.date(…)`."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return format(written(self.value), spec)

    def __str__(self) -> str:
        return written(self.value)

    def __repr__(self) -> str:
        return written(self.value)


def plain_number(value: float) -> str:
    """`:g` below a million (a whole number without its `.0`, six significant digits otherwise); from a
    million up, every digit of a whole number and two decimals at most of any other."""
    if abs(value) < 1e6 or value != value or value in (float("inf"), float("-inf")):
        return format(value, "g")
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _param(value: object, lang: str) -> object:
    if isinstance(value, _PIECES):
        return render(value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _Number(value)
    if value is None or isinstance(value, (bool, datetime.date, datetime.time, list, tuple, Mapping)):
        return _Written(value)
    return value


__all__ = ["TABLE", "labels", "plain_number", "render", "template", "term", "text"]
