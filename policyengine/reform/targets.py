"""What a reform operation names in the baseline's documents: a declaration by `SECTION/ID` or
`SECTION[N]`, a singleton (`workflow`, `policy`, `scale`) by name. A name that names nothing is an
error at the value that names it, with the nearest existing name when there is one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..ids import closest
from ..messages import Text, msg
from ..source import SourceFile
from ..span import Span
from ..yamlnodes import YMap, YSeq
from .index import Index
from .read import POSITION, SECTIONS, SINGLETONS, ReformError, section_of


def did_you_mean(name: str, known: Iterable[str]) -> Text:
    """`; did you mean 'x'?` with the closest known name, or nothing."""
    close = closest(name, known)
    return msg("common.did_you_mean", guess=close) if close else ""


class Targets:
    """Looks declarations up in the documents as they stand: each lookup sees the edits before it."""

    def __init__(self, files: list[SourceFile]):
        self.files = files
        self.index = Index(files)

    def sections(self, name: str) -> list[YSeq]:
        """The lists that hold a section, in load order."""
        return self.index.seqs.get(name, [])

    def find(self, op: YMap, target: Any, where: Span | None = None) -> YMap:
        """The declaration `target` names; an error is located at `where` (default: the op's target)."""
        at = where or op.value_span("target")
        if isinstance(target, str) and target in SINGLETONS:  # one mapping, no id
            if op.get("op") not in ("set", "unset", None):
                raise ReformError(msg("reform.singleton_op", target=target), at)
            found = self.index.singles.get(target)
            if found is None:
                raise ReformError(msg("reform.no_singleton", target=target), at)
            return found
        match = POSITION.match(target) if isinstance(target, str) else None
        if not isinstance(target, str) or ("/" not in target and match is None):
            hint = did_you_mean(target, SINGLETONS) if isinstance(target, str) else ""
            raise ReformError(msg("reform.bad_target", hint=hint), at)
        section = section_of(target)
        if section not in SECTIONS:
            hint = did_you_mean(section, SECTIONS)
            raise ReformError(msg("reform.unknown_section", section=section, known=", ".join(SECTIONS), hint=hint), at)
        if match is not None:
            position = int(match.group(2))
            place = self.index.nth(section, position)
            if place is not None and isinstance(place[0][place[1]], YMap):
                entry: YMap = place[0][place[1]]
                return entry
            count = self.index.count(section)
            raise ReformError(msg("reform.no_position", section=section, position=position, count=count), at)
        ident = target.split("/", 1)[1]
        found = self.index.first(section, ident)
        if found is None:
            hint = did_you_mean(ident, self.index.ids.get(section, {}))
            raise ReformError(msg("reform.no_entry", section=section, id=ident, hint=hint), at)
        same = self.index.in_order(section, dict(enumerate(self.index.ids[section][ident])))
        if len(same) > 1:  # a duplicate id (PE003): editing the first alone would hide the second
            first, second = (str(e.value_span("id")) for e in same[:2])
            raise ReformError(msg("reform.ambiguous", section=section, id=ident, first=first, second=second), at)
        return found
