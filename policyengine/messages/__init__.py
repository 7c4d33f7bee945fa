"""User-facing text in English and Chinese: message types here, the catalogue in `catalogue`.

Importing this package loads only the types (`core`); `catalogue` assembles every table and renders.
"""

from .core import LANGS, Joined, Listed, Message, Bilingual, Quoted, Term, Text, msg

__all__ = ["LANGS", "Message", "msg", "Quoted", "Listed", "Joined", "Term", "Bilingual", "Text"]
