"""Ids: what one may be made of — letters and digits of any script (汉字 included), '_', '.' and
'-' — and which declared id a misspelt one was meant to be.

The published schema says it as `^[\\p{L}_][\\p{L}\\p{N}_.-]*$`: the way JSON Schema (ECMA-262 with
Unicode property escapes), editors and jsonschema-rs read a pattern. Python's `re` knows no `\\p{..}`
and its `\\w` is not ECMA's (Python's is Unicode, ECMA's is ASCII), so the Python validator reads a
pattern through `python_pattern`, which spells each property out as the code points the standard
library's Unicode database gives it: the two engines then judge an id alike.

What an id must not contain stays out: white space, quotes, slashes (a reform target is
`section/id`), brackets, colons and the like, which graph, SARIF and rule outputs carry verbatim.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import cache

ID_PATTERN = r"^[\p{L}_][\p{L}\p{N}_.-]*$"

# the general-category prefix each supported property escape stands for
_PROPERTIES = {"L": "L", "N": "N", "Letter": "L", "Number": "N"}
_ESCAPE = re.compile(r"\\p\{([A-Za-z]+)\}")


def is_id_char(char: str, first: bool = False) -> bool:
    """Whether `char` may stand in an id (first: at its start)."""
    category = unicodedata.category(char)
    if char == "_" or category.startswith("L"):
        return True
    return not first and (char in ".-" or category.startswith("N"))


def is_id(text: str) -> bool:
    """The schema's id rule, in Python: what `ID_PATTERN` accepts."""
    return bool(text) and all(is_id_char(c, i == 0) for i, c in enumerate(text))


@cache
def _ranges(prefix: str) -> str:
    """The code points of a general category, as the inside of a Python character class."""
    parts: list[str] = []
    start = previous = -2
    for code in range(sys.maxunicode + 1):
        if not unicodedata.category(chr(code)).startswith(prefix):
            continue
        if code != previous + 1:
            if start >= 0:
                parts.append(_span(start, previous))
            start = code
        previous = code
    if start >= 0:
        parts.append(_span(start, previous))
    return "".join(parts)


def _span(first: int, last: int) -> str:
    low = re.escape(chr(first))
    return low if first == last else f"{low}-{re.escape(chr(last))}"


def python_pattern(pattern: str) -> str:
    """`pattern` as Python's `re` reads what ECMA-262 means by it: each `\\p{L}` / `\\p{N}` spelt out
    (inside a character class as its ranges, outside one as a class of its own) and `$` as `\\Z`;
    other escapes untouched."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        found = _ESCAPE.match(pattern, i)
        if found and found.group(1) in _PROPERTIES:
            ranges = _ranges(_PROPERTIES[found.group(1)])
            out.append(ranges if in_class else f"[{ranges}]")
            i = found.end()
            continue
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "$" and not in_class:  # ECMA's `$` is the end of the text; Python's allows a "\n" after it
            out.append(r"\Z")
            i += 1
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def closest(name: str, known: Iterable[str]) -> str | None:
    """The declared id `name` was most likely meant to be, if any is close.

    difflib's ratio suits words spelt in letters, where a typo leaves most of a word intact. One
    Chinese character carries what a whole word does, so a two-character id with one character
    wrong (`网络` for `网格`) scores 0.5 and would never be suggested at difflib's usual 0.6:
    between wide-character ids 0.5 is close enough. White space typed inside an id (`网 格`) is
    looked through first."""
    names = [str(k) for k in known]
    squeezed = "".join(name.split())
    if squeezed != name and squeezed in names:
        return squeezed
    close = difflib.get_close_matches(name, names, n=1)
    if not close and _wide(name):
        close = difflib.get_close_matches(name, [n for n in names if _wide(n)], n=1, cutoff=0.5)
    return close[0] if close else None
