"""Run one golden case in this process, the way a user runs the command, and record what it printed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main

from .cases import ROOT, Case

OUT = Path(__file__).resolve().parent / "out"


def run(case: Case) -> str:
    """The exit status, standard output, standard error and captured files of the case, as one text;
    the temporary directory is written `{tmp}` and the repository `{root}`, so the text is the same
    on every machine."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in case.files.items():
            path = Path(tmp) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        argv = [a.replace("{tmp}", tmp) for a in case.argv]
        env = {"GITHUB_ACTIONS": None, "SOURCE_DATE_EPOCH": None, "NO_COLOR": None, **case.env}
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            result = CliRunner().invoke(main, argv, env=env)
        finally:
            os.chdir(cwd)
        status, stderr = result.exit_code, result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            # as the entry point reports a bug in policyengine itself
            error = result.exception
            status, stderr = 3, stderr + f"policyengine: internal error: {type(error).__name__}: {error}\n"
        parts = [
            f"$ policyengine {' '.join(case.argv)}\n",
            f"exit {status}\n",
            "--- stdout\n",
            result.stdout,
            "--- stderr\n",
            stderr,
        ]
        for name in case.capture:
            path = Path(tmp) / name
            parts += [f"--- file {name}\n", path.read_text(encoding="utf-8") if path.exists() else "(not written)\n"]
        text = "".join(parts)
        text = text.replace(os.path.realpath(tmp), "{tmp}").replace(tmp, "{tmp}")
        return text.replace(str(ROOT), "{root}")


def path_of(case: Case) -> Path:
    return OUT / f"{case.name}.txt"
