"""The project's exception types. A leaf module."""

from __future__ import annotations

from .span import Span


class PolicyEngineError(Exception):
    """Root of every error policyengine raises on purpose."""


class InputError(PolicyEngineError):
    """Input that cannot be read at all (not UTF-8, empty, no policy, too large): exit 2.

    Carries a bilingual one-line message and, where known, the position.
    """

    def __init__(self, en: str, zh: str, span: Span | None = None):
        self.en, self.zh, self.span = en, zh, span
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        text = self.zh if lang == "zh" else self.en
        return f"{self.span}: {text}" if self.span else text


class ConfigError(InputError):
    """A configuration or command-line value that is not valid: exit 2."""
