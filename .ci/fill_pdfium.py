"""Fill a fillable workbook with PDFium (the engine of Chrome and Edge), as a
person would: focus each text field and type its letters one by one, click
a checkbox and a radio button, then save with FPDF_SaveAsCopy (a full
rewrite: PDFium's FPDF_INCREMENTAL writes none of the form's changes, so a
viewer built on PDFium saves whole files).

usage: fill_pdfium.py BLANK.pdf TYPED.json OUT.pdf [--render DIR]

With --render, the filled pages are rendered by PDFium and the typed areas
cropped to PNG files in DIR (for the issue note)."""

import ctypes
import json
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as c


def field_name(form, annot):
    n = c.FPDFAnnot_GetFormFieldName(form, annot, None, 0)
    buf = (c.FPDF_WCHAR * (n // 2))()
    c.FPDFAnnot_GetFormFieldName(form, annot, buf, n)
    return bytes(buf)[: n - 2].decode("utf-16-le")


def widgets(pdf, form):
    """(page index, name, rect) of every widget, and the loaded pages."""
    found = []
    pages = []
    for i in range(len(pdf)):
        page = pdf[i]
        pages.append(page)
        for k in range(c.FPDFPage_GetAnnotCount(page.raw)):
            annot = c.FPDFPage_GetAnnot(page.raw, k)
            if c.FPDFAnnot_GetSubtype(annot) != c.FPDF_ANNOT_WIDGET:
                c.FPDFPage_CloseAnnot(annot)
                continue
            rect = c.FS_RECTF()
            c.FPDFAnnot_GetRect(annot, rect)
            found.append((i, field_name(form, annot), (rect.left, rect.bottom, rect.right, rect.top), k))
            c.FPDFPage_CloseAnnot(annot)
    return found, pages


def click(form, page, rect):
    x = (rect[0] + rect[2]) / 2
    y = (rect[1] + rect[3]) / 2
    c.FORM_OnMouseMove(form, page.raw, 0, x, y)
    c.FORM_OnLButtonDown(form, page.raw, 0, x, y)
    c.FORM_OnLButtonUp(form, page.raw, 0, x, y)


def type_text(form, page, text):
    for unit in range(0, len(text.encode("utf-16-le")), 2):
        code = int.from_bytes(text.encode("utf-16-le")[unit : unit + 2], "little")
        # A line break is the Enter key: a carriage return.
        c.FORM_OnChar(form, page.raw, 13 if code == 10 else code, 0)


def main():
    blank, typed_file, out = sys.argv[1:4]
    render = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--render" else None
    typed = json.load(open(typed_file, encoding="utf-8"))
    pdf = pdfium.PdfDocument(blank)
    pdf.init_forms()
    form = pdf.formenv.raw
    found, pages = widgets(pdf, form)
    names = {name for _, name, _, _ in found}
    crops = {}

    for name, lines in typed["text"].items():
        per_line = [f"{name}.line-{n + 1}" for n in range(len(lines))]
        if all(p in names for p in per_line):
            targets = list(zip(per_line, lines))
        elif name in names:
            targets = [(name, "\n".join(lines))]
        else:
            sys.exit(f"PDFium: no field {name}")
        for target, text in targets:
            i, _, rect, _ = next(w for w in found if w[1] == target)
            click(form, pages[i], rect)
            type_text(form, pages[i], text)
            c.FORM_ForceToKillFocus(form)
            crops.setdefault(name, []).append((i, rect))

    for name in typed["check"]:
        i, _, rect, _ = next(w for w in found if w[1] == name)
        click(form, pages[i], rect)
        c.FORM_ForceToKillFocus(form)
    for name, value in typed["choice"].items():
        # Radio buttons: the options in order 0 to 5, left to right.
        options = sorted((w for w in found if w[1] == name), key=lambda w: w[2][0])
        i, _, rect, _ = options[int(value)]
        click(form, pages[i], rect)
        c.FORM_ForceToKillFocus(form)

    if render:
        for name, places in crops.items():
            i = places[0][0]
            page = pages[i]
            scale = 2
            image = page.render(scale=scale, may_draw_forms=True).to_pil()
            h = page.get_height()
            x0 = min(r[0] for _, r in places) - 6
            x1 = max(r[2] for _, r in places) + 6
            y0 = min(r[1] for _, r in places) - 6
            y1 = max(r[3] for _, r in places) + 6
            box = (int(x0 * scale), int((h - y1) * scale), int(x1 * scale), int((h - y0) * scale))
            image.crop(box).save(f"{render}/pdfium-{name}.png")

    pdf.save(out, flags=0)
    print(f"PDFium: typed into {len(crops)} text areas, ticked, chose, saved {out}")


if __name__ == "__main__":
    main()
