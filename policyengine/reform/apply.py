"""A reform over its baseline: the baseline loaded (or made by another reform), the operations applied.

A baseline with errors of its own is reported as itself. When it does not load as written (a YAML
syntax error, PE001), or when the reform cannot apply to it and it has structural errors (PE001,
PE002: a document that is not a mapping, a section of the wrong type), no operation applies: the
result is the baseline, whose lint reports those errors at their positions in the baseline. A
reform's own error would otherwise point at the reform for what is wrong in the baseline.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Violation
from ..errors import InputError
from ..loader import load_paths, load_text, read_source
from ..messages import msg
from ..resources import BUNDLED_PREFIX, bundled_policies
from ..schema import validate
from ..source import SourceFile
from ..span import Span
from ..yamlnodes import YMap
from .nodes import clone
from .patch import Patcher
from .read import Applied, Reform, ReformError, read_reform

BROKEN = ("PE001", "PE002")  # the baseline's own errors that explain a reform failing to apply


def is_reform_file(path: Path) -> bool:
    try:
        source, _ = load_text(str(path), read_source(path))
    except InputError:
        return False
    return bool(source.documents) and isinstance(source.documents[0], YMap) and "reform" in source.documents[0]


def bundled(name: str) -> str:
    """`bundled:NAME` as the path of the policy shipped with the package (the name as it is if none)."""
    found = bundled_policies().get(name.removeprefix(BUNDLED_PREFIX))
    return str(found) if found is not None else name


def baseline_of(reform: Reform, seen: tuple[str, ...] = ()) -> Applied:
    """The baseline's files (fresh copies) and loader findings, as an `Applied` whose `sound` says
    whether a reform may apply to it. A baseline may itself be a reform file: it stands for the
    policy that reform makes (so an inverse can name the reform it undoes)."""
    base = Path(reform.baseline)
    if base.suffix in (".yaml", ".yml") and base.is_file() and is_reform_file(base):
        here = str(Path(reform.path).resolve())
        if str(base.resolve()) in (*seen, here):
            meta = reform.source.documents[0]["reform"]
            raise ReformError(msg("reform.baseline_loop"), meta.value_span("baseline"))
        return _apply(read_reform(base, bundled), (*seen, here))
    loaded = load_paths([reform.baseline])
    files = [SourceFile(f.path, f.text, [clone(d) for d in f.documents]) for f in loaded.files]
    violations = list(loaded.violations)
    return Applied(files, violations, reform, sound=not any(v.code == "PE001" for v in violations))


def problems(base: Applied) -> list[Violation]:
    """The baseline's own structural errors (PE001, PE002), in file order: what the loader refused
    and what the schema refuses in each document."""
    found = [v for v in base.violations if v.code in BROKEN]
    for source in base.files:
        for document in source.documents:
            found.extend(validate(document, Span(source.path, 1, 1))[0])
    return found


def baseline_problem(reform: Reform) -> ReformError | None:
    """The baseline's first own structural error as a ReformError at its position in the baseline,
    if it has one: what to report instead of an error the reform meets because of it."""
    found = problems(baseline_of(reform))
    if not found:
        return None
    return ReformError(msg("reform.baseline_broken", code=found[0].code, problem=found[0].message()), found[0].span)


def apply_reform(reform: Reform) -> Applied:
    """Load the baseline and return its files with the reform applied (the baseline is not changed),
    or the baseline itself when it has errors of its own that stop the reform (`sound` is False)."""
    return _apply(reform, ())


def _apply(reform: Reform, seen: tuple[str, ...]) -> Applied:
    base = baseline_of(reform, seen)
    if not base.sound:
        return Applied(base.files, base.violations, reform, sound=False)
    try:
        require_documents(reform, base.files)
        patcher = Patcher(base.files, reform)
        for op in reform.operations:
            patcher.apply(op)
    except ReformError:
        fresh = baseline_of(reform, seen)  # the operations before the error changed the copy
        if not problems(fresh):
            raise
        return Applied(fresh.files, fresh.violations, reform, sound=False)
    return Applied(base.files, base.violations, reform, patcher.touched)


def require_documents(reform: Reform, files: list[SourceFile]) -> None:
    """A baseline whose first file holds no mapping cannot take a reform (its schema errors say why)."""
    if not files or not files[0].documents or not isinstance(files[0].documents[0], YMap):
        raise ReformError(msg("reform.baseline_empty"), Span(reform.path, 1, 1))
