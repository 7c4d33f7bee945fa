"""Schema errors: located at the offending node, with the message a user can act on."""

from __future__ import annotations

import pytest

from policyengine.resources import policy_schema

from .util import lint_files, located


def messages(result, code="PE002"):
    return [f.message for f in result.findings if f.code == code]


def test_a_value_branch_beats_a_type_branch(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: d, name: {en: D}}
        units:
          - {id: u, name: {en: U}, tier: d, kind: other, headcount: -1}
        """
        },
    )
    assert located(result) == [("PE002", "p.yaml", 4, 61)]
    assert messages(result) == ["-1 is below the minimum 0"]


def test_enum_typo_suggests_the_value(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: d, name: {en: D}}
        items:
          - {id: x, name: {en: X}, kind: line, tier: d, role: handel}
        """
        },
    )
    assert located(result) == [("PE002", "p.yaml", 4, 55)]
    assert messages(result) == [
        "'handel' is not one of: handle, report, assist, resolve_or_report; did you mean 'handle'?"
    ]


def test_unknown_parent_is_pe004_only(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: district, name: {en: District}}
          - {id: street, name: {en: Street}, parent: distrct}
        """
        },
    )
    assert located(result) == [("PE004", "p.yaml", 3, 46)]
    assert messages(result, "PE004") == ["unknown tier 'distrct' (did you mean 'district'?)"]


def test_grant_needs_exactly_one_holder(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: d, name: {en: D}}
        grants:
          - {powers: [report]}
        """
        },
    )
    assert located(result) == [("PE002", "p.yaml", 4, 5)]
    assert messages(result) == ["grants[0] needs exactly one of the keys 'unit' or 'tier'"]


def test_time_of_day_must_be_quoted(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: d, name: {en: D}}
        duties:
          - {id: c, name: {en: C}, applies_to: d, end: 8:30}
        """
        },
    )
    assert located(result) == [("PE002", "p.yaml", 4, 48)]
    assert messages(result) == ["'8:30' is not a time of day HH:MM (quote it: \"08:30\")"]


def test_every_error_in_a_document_is_reported(tmp_path):
    result = lint_files(
        tmp_path,
        {
            "p.yaml": """
        tiers:
          - {id: d, name: {en: D}, colour: red}
          - {id: 9s, name: {en: S}, parent: d}
        """
        },
    )
    assert located(result) == [("PE002", "p.yaml", 2, 28), ("PE002", "p.yaml", 3, 10)]


def test_what_a_document_is_instead_of_a_mapping_is_said_in_chinese_too(tmp_path):
    """The words the PE002 messages put in for the document itself were English in the Chinese text
    ("文档必须是由各部分组成的映射,而不是a list", "the document 中有未知的键")."""
    cases = {
        "- a\n": ("a document must be a mapping of sections, not a list", "文档必须是由各部分组成的映射,而不是列表"),
        "---\n": ("a document must be a mapping of sections, not null", "文档必须是由各部分组成的映射,而不是空值"),
        "x\n": (
            "a document must be a mapping of sections, not a scalar ('x')",
            "文档必须是由各部分组成的映射,而不是标量('x')",
        ),
        "tierz: []\n": (
            "unknown key 'tierz' in the document; did you mean 'tiers'?",
            "文档 中有未知的键“tierz”;是否想写“tiers”?",
        ),
    }
    for n, (text, said) in enumerate(cases.items()):
        got = tuple(
            messages(lint_files(tmp_path / str(n) / lang, {"p.yaml": text}, lang=lang))[0] for lang in ("en", "zh")
        )
        assert got == said


# == Every key is described: an editor shows its meaning on completion and hover ======================


def undescribed(schema: dict) -> list[str]:
    """The JSON pointers of the properties with no `description`, on themselves or on their `$ref` target."""
    defs = schema.get("$defs", {})
    found: list[str] = []

    def described(node: dict) -> bool:
        ref = node.get("$ref", "")
        target = defs.get(ref.removeprefix("#/$defs/"), {}) if ref.startswith("#/$defs/") else {}
        return "description" in node or "description" in target

    def walk(node: object, pointer: str) -> None:
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            at = f"{pointer}/properties/{key.replace('~', '~0').replace('/', '~1')}"
            if isinstance(sub, dict) and not described(sub):
                found.append(at)
            walk(sub, at)
        for key in ("items", "additionalProperties"):
            walk(node.get(key), f"{pointer}/{key}")
        for key in ("prefixItems", "anyOf", "oneOf", "allOf"):
            for i, sub in enumerate(node.get(key, [])):
                walk(sub, f"{pointer}/{key}/{i}")
        for key, sub in node.get("$defs", {}).items():
            walk(sub, f"{pointer}/$defs/{key}")

    walk(schema, "")
    return found


def assert_every_key_described(schema: dict) -> None:
    missing = undescribed(schema)
    if missing:
        raise AssertionError(f"{len(missing)} properties without a description:\n" + "\n".join(missing))


def test_every_key_of_the_schema_has_a_description():
    assert_every_key_described(policy_schema())


def test_a_key_without_a_description_is_named_by_its_pointer():
    schema = {
        "properties": {
            "policy": {
                "type": "object",
                "description": "Metadata.",
                "properties": {"name": {"$ref": "#/$defs/name"}, "version": {"type": "string"}},
            },
            "units": {
                "type": "array",
                "description": "Units.",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"description": "Kind.", "anyOf": [{"properties": {"note": {"type": "string"}}}]},
                        "a/b": {"type": "string"},
                    },
                },
            },
        },
        "$defs": {"name": {"type": "object", "description": "A name.", "properties": {"zh": {"type": "string"}}}},
    }
    assert undescribed(schema) == [
        "/properties/policy/properties/version",
        "/properties/units/items/properties/kind/anyOf/0/properties/note",
        "/properties/units/items/properties/a~1b",
        "/$defs/name/properties/zh",
    ]
    with pytest.raises(
        AssertionError, match=r"4 properties without a description:\n/properties/policy/properties/version\n"
    ):
        assert_every_key_described(schema)
    schema["properties"]["policy"]["properties"]["version"]["description"] = "The version."
    assert "/properties/policy/properties/version" not in undescribed(schema)
