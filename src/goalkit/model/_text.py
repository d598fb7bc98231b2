"""Text in the document's language, with optional translations."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Text", "unwritable"]


def unwritable(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8, or ``None`` when it can: the one check of
    every text goalkit writes that it did not make itself (a JSON ``\\ud800``, a file
    name the file system could not decode, a plugin's words). Python's ``str`` holds a
    lone surrogate (U+D800-U+DFFF), which no encoding writes."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return (f"holds U+{ord(text[e.start]):04X} (a lone surrogate) at character "
                f"{e.start}, which no file can hold as UTF-8")
    return None


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
