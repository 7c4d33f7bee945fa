"""Commands that live in their own modules; `policyengine.cli` registers them on the group."""
