"""The one catalogue of user-facing text, and the function that renders a message in a language.

Every table is a mapping of keys to `(English, Chinese)` templates in `str.format` syntax. The tables
of the domains are the modules beside this one; the messages of each check are in its own module
under `policyengine.checks`, under its code (`PE101.missing`). A key is looked up whole: there is no
fallback from one language to the other, and a test holds that every key has both and that their
placeholders agree.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..checks import CATALOGUE
from . import cli, common, config, formats, loader, reform, report, rules, schema, simulate, testing, why
from .core import Bilingual, Joined, Listed, Message, Quoted, Term, Text

Table = Mapping[str, tuple[str, str]]

# the domain tables, each under its prefix (`loader.empty_file`)
DOMAINS: dict[str, Table] = {
    "cli": cli.MESSAGES,
    "config": config.MESSAGES,
    "formats": formats.MESSAGES,
    "loader": loader.MESSAGES,
    "reform": reform.MESSAGES,
    "report": report.MESSAGES,
    "rules": rules.MESSAGES,
    "schema": schema.MESSAGES,
    "simulate": simulate.MESSAGES,
    "testing": testing.MESSAGES,
    "why": why.MESSAGES,
}


def _assemble() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = dict(common.MESSAGES)  # unprefixed: `sep.list`, `term.role.handle`
    for prefix, entries in DOMAINS.items():
        table.update({f"{prefix}.{key}": value for key, value in entries.items()})
    for code, check in CATALOGUE.items():
        table.update({f"{code}.{key}": value for key, value in check.messages.items()})
    return table


TABLE: dict[str, tuple[str, str]] = _assemble()
_INDEX = {"en": 0, "zh": 1}


def template(key: str, lang: str) -> str:
    """The template of `key` in `lang` (`en` or `zh`)."""
    return TABLE[key][_INDEX[lang]]


def labels(prefix: str, lang: str) -> dict[str, str]:
    """Every template under `prefix.` in `lang`, by the rest of its key: what a page template formats
    itself (`labels("report.label", "zh")["title"]`)."""
    start = prefix + "."
    return {key[len(start) :]: template(key, lang) for key in TABLE if key.startswith(start)}


def term(group: str, value: str, lang: str) -> str:
    """`GROUP.VALUE` in `lang`, or the value itself when the catalogue has no such entry."""
    return render(Term(group, value), lang)


def text(key: str, lang: str, /, **params: object) -> str:
    """`text("formats.summary", "zh", n=3)`: a message rendered at once."""
    return render(Message(key, params), lang)


def render(value: Text, lang: str) -> str:
    """A message or a piece in `lang`; a plain string as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, Message):
        params = {name: _param(v, lang) for name, v in value.params.items()}
        return template(value.key, lang).format(**params)
    if isinstance(value, Quoted):
        quote = template("punct.quote", lang)
        return template("sep.list", lang).join(quote.format(value=v) for v in value.values)
    if isinstance(value, Listed):
        return template("sep.list", lang).join(value.values)
    if isinstance(value, Joined):
        return template(value.sep, lang).join(render(part, lang) for part in value.parts)
    if isinstance(value, Term):
        key = f"{value.group}.{value.value}"
        return template(key, lang) if key in TABLE else value.value
    if isinstance(value, Bilingual):
        first, second = (value.zh, value.en) if lang == "zh" else (value.en, value.zh)
        return first or second or ""
    raise TypeError(f"not a message: {value!r}")


_PIECES = (Message, Quoted, Listed, Joined, Term, Bilingual)


def _param(value: object, lang: str) -> object:
    return render(value, lang) if isinstance(value, _PIECES) else value


__all__ = ["TABLE", "labels", "render", "template", "term", "text"]
