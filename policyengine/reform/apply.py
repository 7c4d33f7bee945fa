"""A reform over its baseline: the baseline loaded (or made by another reform), the operations applied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..loader import load_paths, load_text, read_source
from ..messages import msg
from ..resources import BUNDLED_PREFIX, bundled_policies
from ..source import SourceFile
from ..span import Span
from ..yamlnodes import YMap
from .nodes import clone
from .patch import Patcher
from .read import Applied, Reform, ReformError, read_reform


def _is_reform_file(path: Path) -> bool:
    try:
        source, _ = load_text(str(path), read_source(path))
    except InputError:
        return False
    return bool(source.documents) and isinstance(source.documents[0], YMap) and "reform" in source.documents[0]


def bundled(name: str) -> str:
    """`bundled:NAME` as the path of the policy shipped with the package (the name as it is if none)."""
    found = bundled_policies().get(name.removeprefix(BUNDLED_PREFIX))
    return str(found) if found is not None else name


def baseline_files(reform: Reform, seen: tuple[str, ...] = ()) -> tuple[list[SourceFile], list[Any]]:
    """The baseline's files (fresh copies) and loader findings. A baseline may itself be a reform
    file: it stands for the policy that reform makes (so an inverse can name the reform it undoes)."""
    base = Path(reform.baseline)
    if base.suffix in (".yaml", ".yml") and base.is_file() and _is_reform_file(base):
        here = str(Path(reform.path).resolve())
        if str(base.resolve()) in (*seen, here):
            meta = reform.source.documents[0]["reform"]
            raise ReformError(msg("reform.baseline_loop"), meta.value_span("baseline"))
        inner = read_reform(base, bundled)
        files, violations = baseline_files(inner, (*seen, here))
        patcher = Patcher(files, inner)
        for op in inner.operations:
            patcher.apply(op)
        return files, violations
    loaded = load_paths([reform.baseline])
    files = [SourceFile(f.path, f.text, [clone(d) for d in f.documents]) for f in loaded.files]
    return files, list(loaded.violations)


def apply_reform(reform: Reform) -> Applied:
    """Load the baseline and return its files with the reform applied (the baseline is not changed)."""
    files, violations = baseline_files(reform)
    require_documents(reform, files)
    patcher = Patcher(files, reform)
    for op in reform.operations:
        patcher.apply(op)
    return Applied(files, violations, reform, patcher.touched)


def require_documents(reform: Reform, files: list[SourceFile]) -> None:
    """A baseline whose first file holds no mapping cannot take a reform."""
    if not files or not files[0].documents or not isinstance(files[0].documents[0], YMap):
        raise ReformError(msg("reform.baseline_empty"), Span(reform.path, 1, 1))
