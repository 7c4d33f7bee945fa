"""User-facing text in English and Chinese: message types here, the catalogue in `catalogue`.

Importing this package loads only the types (`core`); `catalogue` assembles every table and renders.
"""

from .core import LANGS, Bilingual, Joined, Listed, Message, Quoted, Term, Text, cut, msg, shown, written

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
