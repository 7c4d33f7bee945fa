"""The types of user-facing text: a message is a catalogue key and its parameters, rendered later.

A leaf module (standard library only). Code that has something to say builds a `Message` (or a
piece: a quoted list, a glossary term, a declared name) and never a finished sentence; the
catalogue (`policyengine.messages.catalogue`) turns it into English or Chinese when it is shown.
Parameters that are messages or pieces are rendered in the same language; any other parameter is
formatted as it is, so numbers keep their format specs (`{share:.0%}`).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters: text that is not yet in a language."""

    key: str
    params: Mapping[str, object]


def msg(key: str, /, **params: object) -> Message:
    """`msg("loader.empty_file", path=p)`: the message `key` with its parameters."""
    return Message(key, params)


@dataclass(frozen=True)
class Quoted:
    """Values each quoted and listed: `'a', 'b'` in English, `“a”、“b”` in Chinese."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Listed:
    """Values listed without quotes: `a, b` in English, `a、b` in Chinese (or with the separator the
    catalogue gives under `sep`)."""

    values: tuple[str, ...]
    sep: str = "sep.list"


@dataclass(frozen=True)
class Joined:
    """Parts rendered and joined with the separator the catalogue gives under `sep`."""

    parts: tuple[Text, ...]
    sep: str = "sep.list"


@dataclass(frozen=True)
class Term:
    """A word of the vocabulary: the catalogue's `GROUP.VALUE` (`Term("term.role", "handle")`), or the
    value itself where the catalogue has no entry for it."""

    group: str
    value: str


@dataclass(frozen=True)
class Bilingual:
    """A text that comes in both languages (a declared name, a reform part described twice): the
    Chinese one in Chinese (else the English), the English one in English (else the Chinese)."""

    en: str | None
    zh: str | None


Text = Message | Quoted | Listed | Joined | Term | Bilingual | str

SHOWN = 40  # the most characters of a value a message quotes


def written(value: object, *, toml: bool = False) -> str:
    """A value as the user wrote it in YAML (with `toml`, in TOML): `null`, `true`, `2024-01-01`,
    `.inf`, a string in quotes, `[1, {a: 2}]` — never Python's spelling of it (`None`, `True`,
    `datetime.date(2024, 1, 1)`, `inf`), which names nothing the user typed."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else "-inf" if value < 0 else "inf"
        return text if toml else text.replace("inf", ".inf").replace("nan", ".nan")
    if isinstance(value, (datetime.date, datetime.time)):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, Mapping):
        pair = " = " if toml else ": "
        return "{" + ", ".join(f"{written(k, toml=toml)}{pair}{written(v, toml=toml)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(written(v, toml=toml) for v in value) + "]"
    if isinstance(value, str):
        return repr(str(value))  # quoted, as YAML and TOML may quote a string; escapes shown
    if isinstance(value, (int, float)):
        return repr(value.real)  # a subclass (a value that keeps its position) as its plain number
    return repr(value)


def shown(value: object, *, toml: bool = False) -> str:
    """A value as a message quotes it: as it was written (`written`), cut short. A refused value may
    be a number of hundreds of digits or a list nested a hundred deep, and a message is one line."""
    return cut(written(value, toml=toml))


def cut(text: str) -> str:
    """A text cut to at most SHOWN characters, its end marked."""
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


__all__ = [
    "LANGS",
    "Bilingual",
    "Joined",
    "Listed",
    "Message",
    "Quoted",
    "Term",
    "Text",
    "cut",
    "msg",
    "shown",
    "written",
]
