"""`policyengine report`: one self-contained HTML page of a policy (docs/report.md).

`gather` collects what the page shows (model.py), `render` writes it (html.py, the SVG drawings in graph_svg.py, metrics_svg.py and pyramid.py, templates/).
"""

from __future__ import annotations

from .html import render
from .model import Report, gather

__all__ = ["Report", "gather", "render"]
