"""Sample scores typed into a fillable workbook's trust and safety check,
for the book's picture of a filled final page (docs/src/trust-check.md): the values are made up,
typed into the real form fields by pikepdf (as a viewer would), and the
page is then rendered by poppler (pdftoppm).

    workbook build --names "Ana & Ben" --fillable -o fillable.pdf
    python3 docs/fill-progress.py fillable.pdf filled.pdf
"""

import sys

import pikepdf
from pikepdf.form import DefaultAppearanceStreamGenerator, Form

# Made-up scores, one a statement: at the start, and at the end.
START = {"ana": [2, 3, 4, 5, 3, 2, 1, 5, 4, 6], "ben": [6, 4, 5, 5, 4, 7, 3, 6, 5, 7]}
END = {"ana": [6, 6, 7, 7, 5, 6, 5, 7, 6, 8], "ben": [7, 7, 6, 8, 6, 8, 6, 8, 7, 8]}


def main(src: str, dst: str) -> None:
    pdf = pikepdf.open(src)
    form = Form(pdf, DefaultAppearanceStreamGenerator)
    values = {}
    for who in START:
        for i, (a, b) in enumerate(zip(START[who], END[who])):
            for moment in ("baseline", "baseline-copy"):
                values[f"progress.{who}.{moment}.item-{i + 1:02}"] = str(a)
            values[f"progress.{who}.final.item-{i + 1:02}"] = str(b)
        for moment in ("baseline", "baseline-copy"):
            values[f"progress.{who}.{moment}.total"] = str(sum(START[who]))
        values[f"progress.{who}.final.total"] = str(sum(END[who]))
    filled = 0
    for field in form:
        if field.fully_qualified_name in values:
            field.value = values[field.fully_qualified_name]
            filled += 1
    assert filled == len(values), f"filled {filled} of {len(values)}"
    pdf.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
