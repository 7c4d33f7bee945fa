"""What an import keeps of each row while it reads the rest, so that memory stays flat however long
the table: the items' ids each list names, on disk; the ids taken, as 8-byte digests."""

from __future__ import annotations

import hashlib
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import IO

BATCH = 1000  # ids read back from a list's spool at a time


class IdSet:
    """The ids taken, each held as an 8-byte digest rather than as its text. Two ids with one digest
    (about one chance in 10¹⁴ for a million ids) make the second take a suffix it did not need: an
    id is never taken twice, and the same table always gives the same ids."""

    def __init__(self, ids: Iterable[str] = ()):
        self._seen: set[int] = set()
        self.update(ids)

    @staticmethod
    def _key(ident: str) -> int:
        return int.from_bytes(hashlib.blake2b(ident.encode("utf-8"), digest_size=8).digest(), "big")

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self._key(ident) in self._seen

    def add(self, ident: str) -> None:
        self._seen.add(self._key(ident))

    def update(self, ids: Iterable[str]) -> None:
        for ident in ids:
            self.add(ident)


class ListSpools:
    """Each list's item ids, one per line in a temporary file of its own, in the order met."""

    def __init__(self, stack: ExitStack):
        self._stack = stack
        self._files: dict[str, IO[str]] = {}

    def add(self, key: str, ident: str) -> None:
        spool = self._files.get(key)
        if spool is None:
            # closed with the import's other spools, when the stack it joins closes
            made = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            spool = self._files[key] = self._stack.enter_context(made)
        spool.write(ident + "\n")  # an id holds no line break (the id pattern allows none)

    def __contains__(self, key: object) -> bool:
        return key in self._files

    def batches(self, key: str) -> Iterator[list[str]]:
        spool = self._files[key]
        spool.seek(0)
        lines = (line.rstrip("\n") for line in spool)
        while batch := list(itertools.islice(lines, BATCH)):
            yield batch
