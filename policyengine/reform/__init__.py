"""Reforms (改革方案): a YAML patch over a baseline policy.

A reform file names its baseline (a path relative to the reform file, or `bundled:NAME`) and lists
operations. They are applied, in order, to a copy of the baseline's documents before the policy is
built, so every later stage — schema, checks, admission — sees the reformed policy, and values the
reform brings keep their positions in the reform file. An operation that cannot apply (an unknown
target, a second edit of the same place) is a located error, never a silent no-op.

`invert` gives the inverse of a reform: a reform whose baseline is the reformed policy and whose
operations give back the original baseline, exactly (`policy_data` of both is equal).

The seams: reading a reform file (`read`), finding what an operation names (`targets`), patching
the baseline's documents (`patch`, on the nodes of `nodes`), loading the baseline and applying
(`apply`), inverting (`invert`), writing YAML (`dump`).
"""

from .apply import apply_reform
from .canonical import canonical, policy_data
from .dump import to_yaml
from .invert import inverse_operations, invert
from .read import OPS, SECTIONS, SINGLETONS, Applied, Reform, ReformError, read_reform

__all__ = [
    "OPS",
    "SECTIONS",
    "SINGLETONS",
    "Applied",
    "Reform",
    "ReformError",
    "apply_reform",
    "canonical",
    "inverse_operations",
    "invert",
    "policy_data",
    "read_reform",
    "to_yaml",
]
