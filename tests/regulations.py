"""The corpus of real documents in `examples/regulations/`: each directory's README table of provisions,
its stored lint and admit outputs, and the corpus table that adds them up.

`python -m tests.regulations` writes the stored outputs and the corpus table again; the tests
(tests/test_regulations.py) fail when either is stale or a README's count disagrees with its table.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "regulations"
ON = "2026-12-01"  # every stored output judges the same day, so it does not depend on when it runs
RATINGS = ("native", "workaround", "cannot")
SUMMARY = re.compile(
    r"^\*\*Native (\d+) · workaround (\d+) · cannot (\d+) · total (\d+)\*\*$",
    re.M,
)
MARKERS = ("<!-- generated: corpus -->", "<!-- end generated: corpus -->")
# the one-line figure the project's READMEs give, kept in step with the corpus table
FIGURE_MARKERS = ("<!-- generated: corpus figure -->", "<!-- end generated: corpus figure -->")
FIGURE_READMES = (ROOT / "README.md", ROOT / "README.zh.md")
LANGS = ("en", "zh")
COMMANDS = ("lint", "admit")


@dataclass(frozen=True)
class Document:
    path: Path
    title: str
    fields: dict[str, str]  # the README's header table: "level 层级" -> value
    ratings: tuple[str, ...]  # one per provision row, in order
    stated: tuple[int, int, int, int] | None  # the README's summary line: native, workaround, cannot, total
    rows: tuple[tuple[str, ...], ...] = ()  # the provision rows' cells: #, article, provision, construct, rating

    @property
    def name(self) -> str:
        return self.path.name

    def counted(self) -> tuple[int, int, int, int]:
        counts = tuple(self.ratings.count(r) for r in RATINGS)
        return (counts[0], counts[1], counts[2], len(self.ratings))

    def field(self, prefix: str) -> str:
        return next((v for k, v in self.fields.items() if k.startswith(prefix)), "")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read(path: Path) -> Document:
    text = (path / "README.md").read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    fields: dict[str, str] = {}
    ratings: list[str] = []
    rows: list[tuple[str, ...]] = []
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = _cells(line)
        if not section and len(cells) == 2 and cells[0]:
            fields[cells[0]] = cells[1]
        elif section.startswith("## Provisions") and len(cells) == 5 and cells[0].isdigit():
            ratings.append(cells[4])
            rows.append(tuple(cells))
    found = SUMMARY.search(text)
    stated = tuple(int(g) for g in found.groups()) if found else None
    return Document(path, title, fields, tuple(ratings), stated, tuple(rows))  # type: ignore[arg-type]


def documents() -> list[Document]:
    return [read(p) for p in sorted(CORPUS.iterdir()) if (p / "README.md").is_file()]


def run(args: list[str]) -> tuple[int, str]:
    """A command run as a user runs it from the repository's root; its exit status and its text."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1", "GITHUB_ACTIONS": None})
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def command(doc: Document, name: str, lang: str) -> list[str]:
    where = str(doc.path.relative_to(ROOT))
    extra = ["--no-color"] if name == "lint" else []
    return [name, where, "--lang", lang, "--on", ON, *extra]


def outputs(doc: Document) -> dict[str, tuple[int, str]]:
    """`lint.en.txt` -> (exit status, the file's text) for each command and language."""
    stored = {}
    for name in COMMANDS:
        for lang in LANGS:
            args = command(doc, name, lang)
            status, text = run(args)
            stored[f"{name}.{lang}.txt"] = (status, f"$ policyengine {' '.join(args)}\nexit {status}\n{text}")
    return stored


def corpus_table(docs: list[Document]) -> str:
    rows = [
        "| document 文件 | level 层级 | year 年份 | native | workaround | cannot | total |",
        "|---|---|---|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0]
    for doc in docs:
        counts = doc.counted()
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        cells = [f"[{doc.title}]({doc.name}/README.md)", doc.field("level"), doc.field("year"), *map(str, counts)]
        rows.append("| " + " | ".join(cells) + " |")
    share = f"{100 * totals[0] / totals[3]:.1f}" if totals[3] else "0.0"
    rows.append(
        f"| **all {len(docs)} documents 合计** | | | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** | **{totals[3]}** |"
    )
    rows.append("")
    rows.append(
        f"**Native: {totals[0]} of {totals[3]} provisions ({share}%) · 可原生表达的条款:{totals[3]} 条中 {totals[0]} 条({share}%)**"
    )
    return "\n".join(rows)


def corpus_figure(docs: list[Document]) -> str:
    """The corpus in one line, in English and Chinese, for the project's READMEs."""
    native = sum(d.counted()[0] for d in docs)
    total = sum(d.counted()[3] for d in docs)
    share = f"{100 * native / total:.1f}" if total else "0.0"
    return (
        f"{len(docs)} documents, {total} provisions: {native} ({share}%) said natively · "
        f"{len(docs)} 份文件、{total} 条条款:可原生表达 {native} 条({share}%)"
    )


GAPS = CORPUS / "gaps.md"
GAPS_HEAD = """# What the format cannot say yet · 格式尚不能原生表达的条款

Every provision of the corpus rated *workaround* or *cannot*, by document, as the documents' READMEs
rate them; each document's README says, under Notes, what the format would need for it. Generated by
`python -m tests.regulations`; a test fails when it is stale.

语料中评为“变通表达”或“无法表达”的全部条款,按文件列出;所需的格式扩展见各文件 README 的说明部分。
本文件由 `python -m tests.regulations` 生成,过期时测试失败。
"""


def gaps_text(docs: list[Document]) -> str:
    """The corpus's provisions not said natively, one table per document."""
    parts = [GAPS_HEAD]
    for doc in docs:
        rows = [r for r in doc.rows if r[4] != "native"]
        if not rows:
            continue
        parts.append(f"## [{doc.title}]({doc.name}/README.md)\n")
        parts.append("| # | article 条款 | provision 内容 | construct 写法 | rating 评级 |")
        parts.append("|---|---|---|---|---|")
        parts.extend("| " + " | ".join(r) + " |" for r in rows)
        parts.append("")
    return "\n".join(parts)


def with_table(readme: str, table: str, markers: tuple[str, str] = MARKERS) -> str:
    start, end = markers
    head, _, rest = readme.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{table}\n{end}{tail}"


def main() -> int:
    docs = documents()
    for doc in docs:
        for name, (_, text) in outputs(doc).items():
            (doc.path / name).write_text(text, encoding="utf-8")
    for readme in (CORPUS / "README.md", CORPUS / "README.zh.md"):
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), corpus_table(docs)), encoding="utf-8")
    GAPS.write_text(gaps_text(docs), encoding="utf-8")
    for readme in FIGURE_READMES:
        text = with_table(readme.read_text(encoding="utf-8"), corpus_figure(docs), FIGURE_MARKERS)
        readme.write_text(text, encoding="utf-8")
    print(f"{len(docs)} document(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
