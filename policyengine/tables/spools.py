"""What an import keeps of each row while it reads the rest, so that memory stays flat however long
the table: the items' ids each list names, on disk; the ids taken, as bits in a fixed array."""

from __future__ import annotations

import hashlib
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import IO

BATCH = 1000  # ids read back from a list's spool at a time


class IdSet:
    """The ids taken, in a fixed 2 MiB of bits (a Bloom filter): memory does not grow with the table.
    It never misses an id taken; it may think a new id taken (for 100,000 ids about one chance in
    three million each, for a million one in five hundred), and that id then takes a suffix it did not
    need: an id is never taken twice, and the same table always gives the same ids."""

    BITS = 1 << 24
    PROBES = 4

    def __init__(self, ids: Iterable[str] = ()):
        self._bits = bytearray(self.BITS // 8)
        self.update(ids)

    def _probes(self, ident: str) -> list[int]:
        digest = hashlib.blake2b(ident.encode("utf-8"), digest_size=4 * self.PROBES).digest()
        return [int.from_bytes(digest[4 * i : 4 * i + 4], "big") % self.BITS for i in range(self.PROBES)]

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and all(self._bits[b >> 3] & (1 << (b & 7)) for b in self._probes(ident))

    def add(self, ident: str) -> None:
        for b in self._probes(ident):
            self._bits[b >> 3] |= 1 << (b & 7)

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
