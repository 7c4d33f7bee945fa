"""policyengine: declare, lint, admit, simulate and reform grid-based local governance policies."""

__version__ = "0.1.0"
