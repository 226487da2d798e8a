"""Reads a tagged PDF the way a screen reader does, with pikepdf (not the
lopdf that wrote part of it): the structure tree in order, each element with
the text of its marked content, decoded through the fonts' ToUnicode maps.

`announcements(path)` gives a flat list of what would be read aloud, in
order, as (kind, text) pairs: ("H2", "Ana’s apology"), ("P", "..."),
("Table", summary), ("TH", "Day"), ("TD", ""), ("Form", tooltip),
("Figure", alt), ("Lbl", "•") ... Artifacts never appear: they are not in
the tree. Run it on a file to print that list.
"""
import re
import sys

import pikepdf

# Elements whose text is read as one unit; what is below them is theirs.
LEAVES = {"H1", "H2", "H3", "H4", "H5", "H6", "P", "TH", "TD", "Lbl", "Caption", "Link"}


def _cmap(font):
    """A font's ToUnicode map as {code: text}, and its code width in bytes."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    table = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return table, width
    data = tu.read_bytes().decode("latin-1")

    def utf16(h):
        return bytes.fromhex(h).decode("utf-16-be", "replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    table[lo + i] = utf16(dst)
            else:
                start = bytes.fromhex(rest[1:-1])
                for i in range(hi - lo + 1):
                    last = int.from_bytes(start[-2:], "big") + i
                    table[lo + i] = (start[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", "replace")
    return table, width


def _decode(raw, font):
    table, width = font
    out = []
    for i in range(0, len(raw) - width + 1, width):
        out.append(table.get(int.from_bytes(raw[i:i + width], "big"), ""))
    return "".join(out)


def _marked_text(pdf):
    """{(page index, MCID): text} for every marked-content sequence."""
    texts = {}
    for index, page in enumerate(pdf.pages):
        fonts = {}
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            fonts[name] = _cmap(font)
        stack = []  # (mcid or None, actual text or None)
        font = ({}, 1)
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = actual = None
                if isinstance(props, pikepdf.Dictionary):
                    mcid = int(props["/MCID"]) if "/MCID" in props else None
                    if "/ActualText" in props:
                        actual = str(props["/ActualText"])
                outer = next((m for m, _ in reversed(stack) if m is not None), None)
                stack.append((mcid, actual))
                if actual is not None and outer is not None:
                    texts[(index, outer)] = texts.get((index, outer), "") + actual
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf":
                font = fonts.get(str(operands[0]), ({}, 1))
            elif op in ("Tj", "TJ", "'", '"'):
                if any(a is not None for _, a in stack):
                    continue  # the ActualText stands for these glyphs
                mcid = next((m for m, _ in reversed(stack) if m is not None), None)
                if mcid is None:
                    continue
                parts = operands[-1] if op == "TJ" else [operands[-1]]
                text = "".join(_decode(bytes(p), font) for p in parts if isinstance(p, pikepdf.String))
                texts[(index, mcid)] = texts.get((index, mcid), "") + text
    return texts


def _name(o):
    return str(o)[1:] if o is not None else None


def announcements(path, password=""):
    """What a screen reader reads, in structure order: (kind, text) pairs."""
    with pikepdf.open(path, password=password) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        texts = _marked_text(pdf)
        out = []

        def text_of(node, page):
            """All text below `node`, in /K order."""
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            parts = []
            for kid in kids:
                if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
                    parts.append(texts.get((page, int(kid)), ""))
                elif isinstance(kid, pikepdf.Dictionary):
                    kind = kid.get("/Type")
                    if kind == "/MCR":
                        p = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                        parts.append(texts.get((p, int(kid.MCID)), ""))
                    elif kind != "/OBJR":
                        if "/ActualText" in kid:
                            parts.append(str(kid.ActualText))
                        else:
                            parts.append(text_of(kid, page))
            return "".join(parts)

        def walk(node, page):
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            kind = _name(node.get("/S"))
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
            if kind == "Form":
                tips = []
                for kid in kids:
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                        annot = kid.Obj
                        field = annot if "/TU" in annot else annot.get("/Parent", annot)
                        tips.append(str(field.get("/TU", "")))
                alt = str(node.Alt) if "/Alt" in node else None
                out.append(("Form", alt or " | ".join(tips)))
                return
            if kind == "Figure":
                out.append(("Figure", str(node.get("/Alt", ""))))
                return
            if kind == "Table":
                summary = ""
                attrs = node.get("/A")
                for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []):
                    if isinstance(a, pikepdf.Dictionary) and "/Summary" in a:
                        summary = str(a.Summary)
                out.append(("Table", summary))
            if kind in LEAVES:
                out.append((kind, " ".join(text_of(node, page).split())))
                # Fields inside a leaf (a checkbox in a label, a field in a
                # cell) are read after its text.
                for kid in kids:
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                        _fields(kid)
                return
            loose = []
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                    if loose:
                        out.append(("text", " ".join("".join(loose).split())))
                        loose = []
                    walk(kid, page)
                elif not isinstance(kid, pikepdf.Dictionary):
                    loose.append(texts.get((page, int(kid)), ""))
                elif kid.get("/Type") == "/MCR":
                    p = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                    loose.append(texts.get((p, int(kid.MCID)), ""))
            if loose and "".join(loose).strip():
                out.append(("text", " ".join("".join(loose).split())))

        def _fields(node):
            if _name(node.get("/S")) == "Form":
                walk(node, None)
                return
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                    _fields(kid)

        walk(pdf.Root.StructTreeRoot, None)
        return out


if __name__ == "__main__":
    for kind, text in announcements(sys.argv[1]):
        print(f"{kind:8} {text}")


def order_mismatches(path, password=""):
    """Pages whose marked content is painted in another order than the
    structure tree reads it: [(page number, tree order, paint order)]."""
    with pikepdf.open(path, password=password) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        tree = {}

        def walk(node, page, depth=0):
            if not isinstance(node, pikepdf.Dictionary) or depth > 200:
                return
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else []):
                if isinstance(kid, pikepdf.Dictionary):
                    if kid.get("/Type") == "/MCR":
                        p = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                        tree.setdefault(p, []).append(int(kid.MCID))
                    elif kid.get("/Type") != "/OBJR":
                        walk(kid, page, depth + 1)
                elif not isinstance(kid, pikepdf.Array):
                    tree.setdefault(page, []).append(int(kid))

        walk(pdf.Root.StructTreeRoot, None)
        bad = []
        for index, page in enumerate(pdf.pages):
            painted = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "BDC" and len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1]:
                    painted.append(int(operands[1]["/MCID"]))
            if painted != tree.get(index, []):
                bad.append((index + 1, tree.get(index, []), painted))
        return bad
