"""The types of user-facing text: a message is a catalogue key and its parameters, rendered later.

A leaf module (standard library only). Code that has something to say builds a `Message` (or a
piece: a quoted list, a glossary term, a declared name) and never a finished sentence; the
catalogue (`policyengine.messages.catalogue`) turns it into English or Chinese when it is shown.
Parameters that are messages or pieces are rendered in the same language; any other parameter is
formatted as it is, so numbers keep their format specs (`{share:.0%}`).
"""

from __future__ import annotations

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


def shown(value: object) -> str:
    """A value as a message quotes it: its repr, cut short. A refused value may be a number of
    hundreds of digits or a list nested a hundred deep, and a message is one line."""
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


__all__ = ["LANGS", "Bilingual", "Joined", "Listed", "Message", "Quoted", "Term", "Text", "msg", "shown"]
