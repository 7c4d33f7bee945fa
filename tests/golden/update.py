"""Write the golden outputs again: `python -m tests.golden.update [NAME-PREFIX ...]`.

Run it only when an output is meant to change, and read the diff before committing it.
"""

from __future__ import annotations

import sys

from .cases import all_cases
from .run import OUT, path_of, run


def main(prefixes: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    cases = [c for c in all_cases() if not prefixes or c.name.startswith(tuple(prefixes))]
    changed = 0
    for index, case in enumerate(cases, 1):
        text = run(case)
        path = path_of(case)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
        if sys.stderr.isatty():
            print(f"\r{index}/{len(cases)} {case.name[:60]:<60}", end="", file=sys.stderr)
    if not prefixes:
        known = {path_of(c).name for c in cases}
        for stale in OUT.glob("*.txt"):
            if stale.name not in known:
                stale.unlink()
                changed += 1
    print(f"\n{changed} of {len(cases)} file(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
