"""QR codes of personal links printed on paper (questionnaire links, account activation): SVG made
by segno, embedded as a data URI so the PDF needs no file and no network."""

import segno


def svg_data_uri(text: str, *, scale: int = 3) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=2)
