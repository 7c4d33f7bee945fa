"""The imported policy written as YAML: the declarations an import adds, each section in the order
met, the items streamed (an import of any length is written without holding its items)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

import yaml

from .spools import ListSpools

# libyaml's emitter where PyYAML was built with it (the wheels are): the pure-Python one, ten times slower,
# took most of the time of a large import. Unfolded (WIDE), both write the same text (a test holds it).
WIDE = 1 << 30
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HEADER = (
    "# Imported by `policyengine import` from {files} ({mapping}); each item's `source` names its cell.\n"
    "# 由 policyengine import 从 {files} 导入({mapping});各事项的 source 注明所在单元格。\n"
)


def dump(data: Any) -> str:
    # no folding of long lines: the two emitters fold differently, and a cell's text is one line in the
    # file either way, as the table holds it
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=WIDE, default_flow_style=False)


def section(key: str, entries: Iterable[dict[str, Any]]) -> str:
    entries = list(entries)
    return f"{key}:\n{dump(entries)}" if entries else ""


def document(
    files: str,
    mapping: str,
    head: list[tuple[str, list[dict[str, Any]]]],
    items: IO[str],
    lists: list[dict[str, Any]],
    spools: ListSpools,
) -> Iterator[bytes]:
    """The file's bytes in chunks: the header comment, the sections before the items, the items
    copied from the spool they were written to as they were read, then the lists, each naming its
    items from its own spool a batch at a time."""
    yield HEADER.format(files=files, mapping=mapping).encode("utf-8")
    for key, entries in head:
        yield section(key, entries).encode("utf-8")
    items.seek(0)
    first = items.read(1 << 16)
    if first:
        yield b"items:\n"
        yield first.encode("utf-8")
        while chunk := items.read(1 << 16):
            yield chunk.encode("utf-8")
    if lists:
        yield b"lists:\n"
    for entry in lists:
        yield dump([entry]).encode("utf-8")
        if entry["id"] in spools:
            yield b"  items:\n"
            for batch in spools.batches(entry["id"]):
                yield "".join("  " + line + "\n" for line in dump(batch).splitlines()).encode("utf-8")
