"""Text that is safe to print: control characters written as visible escapes. A leaf module.

A policy's strings — names, descriptions, a rule's message or reason, an id the schema refused, a
test's name, a file name — reach the text outputs inside lines of their own. A raw newline there
starts a line the output never meant (one that may read `::error` to GitHub Actions), a carriage
return or an escape sequence (ESC [ … CSI, ESC ] … BEL OSC) rewrites the reader's terminal, and a
bidirectional override makes a line read other than it is. Every text format therefore passes each
piece of a line through `printable` before it joins the lines; the GitHub format does the same with
its own escapes for CR and LF, which the Actions runner reads back.

Only what cannot be shown is touched: letters of every script, Chinese included, punctuation and
spaces pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# C0 and C1 controls and DEL; the line and paragraph separators (U+2028, U+2029), which some terminals
# and editors break lines at; the bidirectional marks, embeddings, overrides and isolates; and lone
# surrogates, which no UTF-8 stream can carry (writing one would fail, not print)
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(char: str) -> str:
    r"""One unsafe character as Python writes it in a string literal: `\n`, `\x1b`, `\u202e`."""
    code = ord(char)
    return NAMED.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def printable(text: str, special: Mapping[str, str] | None = None) -> str:
    r"""`text` with every unsafe character escaped (`\x1b]0;x\x07`, `a\nb`); `special` maps a
    character to the replacement a format wants instead (GitHub's `%0A`, or a tab kept as a tab)."""
    if UNSAFE.search(text) is None:  # nearly every string: no copy
        return text
    if special:
        return UNSAFE.sub(lambda m: special.get(m.group()) or escape(m.group()), text)
    return UNSAFE.sub(lambda m: escape(m.group()), text)


def lines(out: list[str]) -> str:
    """Lines joined into a text output, each made printable: a newline inside a line is shown, not
    obeyed, so every line of the output is one the format wrote."""
    return "".join(printable(line) + "\n" for line in out)
