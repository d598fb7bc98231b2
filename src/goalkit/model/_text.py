"""Text in the document's language, with optional translations."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Text"]


@frozen
class Text:
    """A piece of text with optional Swedish and English forms.

    ``default`` is what a goal file gives as a plain string; ``sv`` and ``en`` are what it
    gives as a table. :meth:`get` falls back to whatever is there, so a report always has
    something to show.
    """

    default: str | None = None
    sv: str | None = None
    en: str | None = None

    def get(self, lang: str = "sv") -> str:
        """Return the text in ``lang`` (``"sv"`` or ``"en"``), falling back sensibly."""
        order = (self.sv, self.en) if lang == "sv" else (self.en, self.sv)
        for candidate in (*order, self.default):
            if candidate is not None:
                return candidate
        return ""

    def __str__(self) -> str:
        return self.get()
