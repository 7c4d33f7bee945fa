"""The responsibility graph as GraphML, DOT or JSON — deterministic: nodes and edges sorted."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx


def _scalar(value: Any) -> Any:
    if isinstance(value, (tuple, list, set, frozenset)):
        return ",".join(sorted(map(str, value)))
    return value


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in sorted(attrs.items()) if v is not None and v != () and v != ""}


def _sorted_edges(g: nx.MultiDiGraph[str]) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(
        ((u, v, _clean(d)) for u, v, d in g.edges(data=True)),
        key=lambda e: (e[0], e[1], json.dumps(e[2], sort_keys=True, default=str)),
    )


def canonical(g: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in sorted(g.nodes):
        out.add_node(n, **_clean(g.nodes[n]))
    for u, v, d in _sorted_edges(g):
        out.add_edge(u, v, **d)
    return out


def to_json(g: nx.MultiDiGraph[str]) -> str:
    data = {
        "version": 1,
        "directed": True,
        "nodes": [{**_clean(g.nodes[n]), "id": n} for n in sorted(g.nodes)],
        "edges": [{"source": u, "target": v, **d} for u, v, d in _sorted_edges(g)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_graphml(g: nx.MultiDiGraph[str]) -> str:
    buffer = io.BytesIO()
    # the standard library's writer, always: `write_graphml` picks lxml when it is installed (python-docx
    # brings it), which lays the same graph out differently
    nx.write_graphml_xml(canonical(g), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


SHAPES = {
    "tier": "box3d",
    "unit": "box",
    "item": "note",
    "power": "diamond",
    "list": "folder",
    "assessment": "hexagon",
    "duty": "component",
    "category": "tab",
    "admission": "septagon",
}


def to_dot(g: nx.MultiDiGraph[str]) -> str:
    lines = ["digraph policy {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for n in sorted(g.nodes):
        kind = g.nodes[n].get("kind", n.split(":", 1)[0])
        lines.append(f"  {_dot_id(n)} [shape={SHAPES.get(kind, 'ellipse')}];")
    for u, v, d in _sorted_edges(g):
        label = d.get("kind", "")
        extra = d.get("role") or d.get("scope") or d.get("level") or ""
        if extra:
            label = f"{label} ({extra})"
        lines.append(f"  {_dot_id(u)} -> {_dot_id(v)} [label={_dot_id(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMATS = {"json": to_json, "graphml": to_graphml, "dot": to_dot}
