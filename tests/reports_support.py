"""Helpers the report tests share."""

from __future__ import annotations

import io

import openpyxl


def text_of(body: str | bytes) -> str:
    """Everything a reader can see in a rendered report (every cell of a workbook)."""
    if isinstance(body, str):
        return body
    wb = openpyxl.load_workbook(io.BytesIO(body))
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)
