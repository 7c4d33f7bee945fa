"""The project's exception types. A leaf but for the message catalogue, which renders their text."""

from __future__ import annotations

from typing import Self

from .messages.catalogue import render
from .messages.core import Message, msg
from .span import Span


class PolicyEngineError(Exception):
    """Root of every error policyengine raises on purpose."""


class InputError(PolicyEngineError):
    """Input that cannot be read at all (not UTF-8, empty, no policy, too large): exit 2.

    Carries its message (a catalogue key and parameters, shown in either language) and, where
    known, the position.
    """

    def __init__(self, message: Message, span: Span | None = None):
        self.message, self.span = message, span
        super().__init__(self.render("en"))

    @classmethod
    def of(cls, key: str, span: Span | None = None, /, **params: object) -> Self:
        """`InputError.of("loader.empty_file", span, path=p)`."""
        return cls(msg(key, **params), span)

    def text(self, lang: str = "en") -> str:
        """The message alone, without the position."""
        return render(self.message, lang)

    def render(self, lang: str = "en") -> str:
        text = self.text(lang)
        return f"{self.span}: {text}" if self.span else text


class ConfigError(InputError):
    """A configuration or command-line value that is not valid: exit 2."""
