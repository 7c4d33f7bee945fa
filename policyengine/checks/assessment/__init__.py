"""PE301-PE305: assessment regimes and platform rules that invite gaming (变通)."""
