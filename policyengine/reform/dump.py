"""Reform files written back as YAML the loader reads as written."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.representer import SafeRepresenter

from ..yamlnodes import resolve_plain

try:  # libyaml's emitter when PyYAML was built with it, else the pure-Python one: the same YAML
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - exercised only without libyaml
    # the stubs see two unrelated classes; both have the representer API `_Dumper` relies on
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """YAML that the loader reads back as written: a string that the YAML 1.2 core schema would read
    as something else ("0o17", "true") is quoted; text of several lines is a literal block."""


def _represent_str(dumper: SafeRepresenter, value: str) -> ScalarNode:
    style = "|" if "\n" in value.strip("\n") else "'" if resolve_plain(value) != "tag:yaml.org,2002:str" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
