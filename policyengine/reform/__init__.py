"""Reforms (改革方案): a YAML patch over a baseline policy.

A reform file names its baseline (a path relative to the reform file, or `bundled:NAME`) and lists
operations. They are applied, in order, to a copy of the baseline's documents before the policy is
built, so every later stage — schema, checks, admission — sees the reformed policy, and values the
reform brings keep their positions in the reform file. An operation that cannot apply (an unknown
target, a second edit of the same place) is a located error, never a silent no-op. A baseline
with errors of its own (PE001, PE002) that stop the reform is reported as itself.

`invert` gives the inverse of a reform: a reform whose baseline is the reformed policy and whose
operations give back the original baseline, exactly (`policy_data` of both is equal).

The seams: reading a reform file (`read`), checking the form of each operation (`operands`),
finding what an operation names (`targets`, through the index of declarations kept up to date as
operations apply: `index`), patching the baseline's documents (`patch`, on the nodes of `nodes`,
which remember which file each value a reform wrote stands in), loading the baseline and applying
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
