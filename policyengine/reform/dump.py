"""Reform files written back as YAML the loader reads as written."""

from __future__ import annotations

from typing import Any

import yaml

from ..yamlnodes import resolve_plain


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """YAML that the loader reads back as written: a string that the YAML 1.2 core schema would read
    as something else ("0o17", "true") is quoted; text of several lines is a literal block."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value.strip("\n") else "'" if resolve_plain(value) != "tag:yaml.org,2002:str" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
