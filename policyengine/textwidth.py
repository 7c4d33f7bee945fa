"""How wide text is in a terminal, and padding by that width. A leaf module.

A Chinese character takes two columns of a terminal and `len` counts it as one, so a table padded
with `str.ljust` drifts one column to the left for every Chinese character in a cell. Every text
output that lines cells up in columns (the simulator's tables, `admit`, `diff`, the listings, the
caret under a finding) pads by `display_width` instead.

The widths are those of a terminal following Unicode's East Asian Width property (as `wcwidth`
does): Wide and Fullwidth characters take two columns; combining marks, the zero-width characters
and controls none; every other character one — the Ambiguous ones (`·`, `—`) included, as a
terminal outside a CJK locale shows them. The standard library's `unicodedata` holds all of it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

Align = Literal["left", "right"]

# Characters that take no column though no Unicode category says so: the zero-width space, joiners
# and marks, the word joiner and invisible operators, the byte order mark; and the Hangul medial
# vowels and final consonants, which join the syllable before them
_ZERO = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
_HANGUL_JOINING = range(0x1160, 0x1200)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The columns one character takes: 0, 1 or 2."""
    if char in _ZERO or ord(char) in _HANGUL_JOINING:
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cc") or (category == "Cf" and char != "\u00ad"):
        return 0  # combining and enclosing marks, controls, format characters (a soft hyphen shows)
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The columns `text` takes in a terminal: `display_width("城管·治安类") == 11`."""
    if text.isascii():  # nearly every cell: one column a character, but for the controls
        return sum(1 for c in text if " " <= c < "\x7f")
    return sum(char_width(c) for c in text)


def pad(text: str, width: int, align: Align = "left") -> str:
    """`text` with spaces after it (`left`) or before it (`right`) up to `width` columns; text at
    least that wide is returned as it is."""
    spaces = " " * max(width - display_width(text), 0)
    return text + spaces if align == "left" else spaces + text


def widths(rows: Sequence[Sequence[str]]) -> list[int]:
    """The display width of each column's widest cell (rows as long as the first)."""
    return [max((display_width(r[i]) for r in rows), default=0) for i in range(len(rows[0]) if rows else 0)]
