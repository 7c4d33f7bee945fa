"""The event simulator (docs/simulation.md): what a policy implies (`world`), the month loop
(`engine`), measurement (`metrics`), the case's figures (`calibration`) and runs from one seed
(`runs.simulate`)."""

from .metrics import METRICS
from .runs import simulate

__all__ = ["METRICS", "simulate"]
