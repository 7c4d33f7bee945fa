"""`policyengine verify`: what a policy's admission rules guarantee for every item a department could
submit, proved with the z3 solver, or refuted with an item that shows it.

Only `results` is free of the solver: the formatters read it; everything else needs `z3-solver` (the
extra `verify`) and is imported by the command once it has checked that z3 is there.
"""
