#!/usr/bin/env python3
"""Checks the AcroForm that `workbook --fillable` adds, with pikepdf (independent of lopdf).

usage: check_forms.py PDF [--min-fields N] [--expect NAME ...] [--filled OUT.pdf]

Static checks, on the PDF as written:
  * Catalog /AcroForm: non-empty /Fields, /DA naming a /DR font, that font an embedded
    composite font (Type0, /Identity-H, a CIDFontType2 with /FontFile2) whose /ToUnicode
    map gives a code, and /W a width, to all printable ASCII and to the letters of
    Latin-1, Latin Extended-A, Greek and Cyrillic (so typed text can be encoded and
    measured), no /NeedAppearances.
  * Field tree: /Parent links agree with /Kids, partial names /T match
    [a-z0-9][a-z0-9-]* with an optional _N for a later page's piece (so no '.'), fully qualified names unique, every terminal field
    has a non-empty /TU, no ReadOnly flag, and no value yet.
  * Text fields: merged field+widget, own /DA with a non-zero font size.
  * Checkboxes: merged field+widget, states exactly /Yes and /Off, /V and /AS /Off.
  * Radio groups: Radio and NoToggleToOff flags, /Kids widgets without /T whose
    on-states are /0 /1 /2 ... in order, all /Off.
  * Widgets: /Subtype /Widget, /Rect with positive size inside the page's /MediaBox,
    Print flag (and not Hidden/NoView), /P is its page, listed once in that page's
    /Annots, /AP /N (a state dictionary with /Off for buttons); pages with widgets have
    /Tabs /S; no widget on a page is missing from the field tree.
  * Tagging (when there is a /StructTreeRoot): each widget has an integer
    /StructParent, is referenced by exactly one << /Type /OBJR /Obj w /Pg page >> in a
    /Form structure element, and the /ParentTree maps its /StructParent to that element.
  * --min-fields / --expect: enough terminal fields, and the named ones exist.

Round trip: fills every field with pikepdf.form (text: a value made from its name,
multi-line ones with a newline; checkboxes on; radio groups "3"), saves, reopens and
reads every value back, and runs `qpdf --check` on the filled file when qpdf is on
PATH. pikepdf's appearance generators draw simple fonts only, so the appearances of
typed text are checked with the engines people use instead (.ci/check_typing.sh:
pdf.js and PDFium, then poppler).

An encrypted workbook is opened with the password in the environment variable
PDF_PASSWORD; pikepdf saves the filled copy without encryption.

Prints one line per failure and exits 1, or a summary and exits 0.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import pikepdf

# The user password of an encrypted workbook (empty: not encrypted).
PASSWORD = os.environ.get("PDF_PASSWORD", "")
from pikepdf import Array, Dictionary, Name, Stream, String
from pikepdf.form import Form

SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]*(_[0-9]+)?\Z")

# Field flags (/Ff), PDF 32000 tables 221, 226, 228: bit n is 1 << (n - 1).
FF_READ_ONLY = 1 << 0
FF_MULTILINE = 1 << 12
FF_NO_TOGGLE_OFF = 1 << 14
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
# Annotation flags (/F), table 165.
F_HIDDEN, F_PRINT, F_NO_VIEW = 1 << 1, 1 << 2, 1 << 5

RADIO_FILL = "3"
EPSILON = 0.01  # rects are written as decimals; allow rounding at the page edge


class Report:
    """Collects failure lines, once each, in the order found."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def fail(self, where: str, what: str) -> None:
        line = f"{where}: {what}"
        if line not in self.lines:
            self.lines.append(line)


@dataclass
class Field:
    """A terminal field: the dictionary that carries its value, and its widgets."""

    name: str
    obj: Dictionary
    kind: str  # text, multiline, checkbox, radio or other
    widgets: list[Dictionary] = field(default_factory=list)


# --- small helpers ------------------------------------------------------------------


def key(obj) -> tuple[int, int] | None:
    """Object identity; None for direct objects, which cannot be referenced."""
    return obj.objgen if obj.is_indirect else None


def as_int(value) -> int | None:
    """An integer PDF object as int (implicit or explicit conversion mode), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, pikepdf.Object) and value._type_code == pikepdf.ObjectType.integer:
        return int(value)
    return None


def is_true(value) -> bool:
    """A PDF boolean that is true (implicit or explicit conversion mode)."""
    if isinstance(value, pikepdf.Object) and value._type_code == pikepdf.ObjectType.boolean:
        return bool(value)
    return value is True


def flags(obj, name: str = "/Ff") -> int:
    return as_int(obj.get(name)) or 0


def show(value) -> str:
    """A PDF value as a short readable string for failure lines."""
    if isinstance(value, Name):
        return str(value)
    if isinstance(value, String):
        return repr(str(value))
    return "none" if value is None else repr(value)


def inherited(node, name: str):
    """An inheritable field attribute (/FT, /Ff, /V, /DA): the node's, else an ancestor's."""
    for _ in range(64):  # bounded, so a /Parent cycle cannot hang us
        if not isinstance(node, Dictionary):
            return None
        if name in node:
            return node.get(name)
        node = node.get("/Parent")
    return None


def da_font(da) -> tuple[str, float] | None:
    """The last `/Font size Tf` in a default appearance string, or None."""
    found = re.findall(r"/([^\s/\[\]()<>{}%]+)\s+([-+]?[\d.]+)\s+Tf\b", str(da))
    return (found[-1][0], float(found[-1][1])) if found else None


def ap_normal(widget):
    """The widget's /AP /N entry, or None."""
    ap = widget.get("/AP")
    return ap.get("/N") if isinstance(ap, Dictionary) else None


def on_states(widget) -> list[str]:
    """A button widget's on-state names (without '/'), i.e. /AP /N keys except /Off."""
    normal = ap_normal(widget)
    if not isinstance(normal, Dictionary):
        return []
    return [k[1:] for k in normal.keys() if k != "/Off"]


def fill_values(fields: list[Field]) -> dict[str, str]:
    """A short value per text field that names it, e.g. "ana date" for
    commitments.signatures.ana.date, so a value landing in the wrong field shows.

    The last two name segments fit a realistic field; where two fields would share
    that value, each gets its full name instead. Multi-line ones get a second line.
    """
    texts = [f for f in fields if f.kind in ("text", "multiline")]
    short = {f.name: " ".join(f.name.split(".")[-2:]) for f in texts}
    clashes = {v for v, n in Counter(short.values()).items() if n > 1}
    values = {}
    for f in texts:
        value = short[f.name] if short[f.name] not in clashes else f.name
        values[f.name] = f"{value}\nsecond line" if f.kind == "multiline" else value
    return values


# --- field tree ---------------------------------------------------------------------


def walk_fields(acroform: Dictionary, report: Report) -> tuple[list[Field], set[str]]:
    """Terminal fields under /Fields, and every node's fully qualified name."""
    terminals: list[Field] = []
    all_names: set[str] = set()
    visited: set = set()

    def visit(node, parent, prefix: str) -> None:
        where = prefix or "AcroForm /Fields"
        if not isinstance(node, Dictionary):
            report.fail(where, f"field node is not a dictionary: {show(node)}")
            return
        if key(node) is not None:
            if key(node) in visited:
                report.fail(where, "field node reached twice (cycle or shared kid)")
                return
            visited.add(key(node))
        # Kids point back with /Parent; viewers walk up that chain to build names.
        up = node.get("/Parent")
        if parent is None and up is not None:
            report.fail(where, "top-level field has a /Parent")
        elif parent is not None and (up is None or key(up) != key(parent)):
            report.fail(where, "/Parent does not point at the field that lists it in /Kids")

        partial = node.get("/T")
        if not isinstance(partial, String):
            report.fail(where, "a field node (not a widget kid of a terminal field) has no string /T")
            return
        partial = str(partial)
        name = f"{prefix}.{partial}" if prefix else partial
        if not SEGMENT.match(partial):
            report.fail(name, f"partial name /T {partial!r} does not match [a-z0-9][a-z0-9-]*(_N)")
        if name in all_names:
            report.fail(name, "fully qualified name used twice")
        all_names.add(name)

        kids = node.get("/Kids")
        kids = list(kids) if isinstance(kids, Array) else []
        named = [k for k in kids if isinstance(k, Dictionary) and "/T" in k]
        widgets = [k for k in kids if isinstance(k, Dictionary) and "/T" not in k]
        if named and widgets:
            report.fail(name, "/Kids mixes child fields (with /T) and widgets (without)")
        if named:
            if node.get("/Subtype") == Name.Widget:
                report.fail(name, "a non-terminal field is also a widget")
            for kid in named:
                visit(kid, node, name)
            return
        # Terminal: a merged field+widget, or a field whose /Kids are its widgets.
        if widgets:
            for w in widgets:
                if key(w) is None or key(w.get("/Parent")) != key(node):
                    report.fail(name, "a widget kid's /Parent does not point at the field")
            if node.get("/Subtype") == Name.Widget:
                report.fail(name, "field is a widget and also has widget /Kids")
        elif node.get("/Subtype") == Name.Widget:
            widgets = [node]
        else:
            report.fail(name, "terminal field has no widget")
        terminals.append(Field(name, node, classify(node), widgets))

    fields = acroform.get("/Fields")
    if not isinstance(fields, Array) or len(fields) == 0:
        report.fail("AcroForm", "/Fields is missing or empty")
        return [], set()
    for top in fields:
        visit(top, None, "")
    return terminals, all_names


def classify(node) -> str:
    ft, ff = inherited(node, "/FT"), as_int(inherited(node, "/Ff")) or 0
    if ft == Name.Tx:
        return "multiline" if ff & FF_MULTILINE else "text"
    if ft == Name.Btn and not ff & (FF_RADIO | FF_PUSHBUTTON):
        return "checkbox"
    if ft == Name.Btn and ff & FF_RADIO and not ff & FF_PUSHBUTTON:
        return "radio"
    return "other"


# --- static checks ------------------------------------------------------------------


def check_acroform(acroform, report: Report) -> set[str]:
    """The form-wide dictionary; returns the /DR font names."""
    if is_true(acroform.get("/NeedAppearances")):
        report.fail("AcroForm", "/NeedAppearances is true (appearances must be written)")
    dr = acroform.get("/DR")
    fonts = dr.get("/Font") if isinstance(dr, Dictionary) else None
    if not isinstance(fonts, Dictionary) or len(fonts) == 0:
        report.fail("AcroForm", "/DR has no /Font")
        return set()
    for fname, font in fonts.items():
        check_font(f"AcroForm /DR font {fname}", font, report)
    names = {k[1:] for k in fonts.keys()}
    da = acroform.get("/DA")
    parsed = da_font(da) if isinstance(da, String) else None
    if parsed is None:
        report.fail("AcroForm", f"/DA has no `/Font size Tf`: {show(da)}")
    elif parsed[0] not in names:
        report.fail("AcroForm", f"/DA font /{parsed[0]} is not in /DR /Font")
    return names


# Every letter the book (docs/src/fillable.md) promises can be typed: Latin-1, Latin Extended-A, Greek, Cyrillic.
PROMISED = (
    [chr(c) for c in range(0x21, 0x7F)]
    + [chr(c) for c in range(0xA1, 0x180) if c != 0xAD]
    + [chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2]
    + [chr(c) for c in range(0x400, 0x460)]
)


def check_font(where: str, font, report: Report) -> None:
    """Whoever types into a field (a viewer) must map characters to codes and measure
    them: a composite font with a ToUnicode map and widths for every promised letter."""
    if not isinstance(font, Dictionary) or font.get("/Subtype") != Name.Type0:
        report.fail(where, "is not a composite /Type0 font")
        return
    if font.get("/Encoding") != Name("/Identity-H"):
        report.fail(where, f"/Encoding is {show(font.get('/Encoding'))}, expected /Identity-H")
    descendants = font.get("/DescendantFonts")
    cid = descendants[0] if isinstance(descendants, Array) and len(descendants) == 1 else None
    if not isinstance(cid, Dictionary) or cid.get("/Subtype") != Name.CIDFontType2:
        report.fail(where, "has no CIDFontType2 descendant")
        return
    descriptor = cid.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary) or not isinstance(descriptor.get("/FontFile2"), Stream):
        report.fail(where, "is not embedded (no /FontDescriptor /FontFile2)")
    to_unicode = font.get("/ToUnicode")
    if not isinstance(to_unicode, Stream):
        report.fail(where, "has no /ToUnicode map")
        return
    codes = {}
    for cid_hex, uni_hex in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>", to_unicode.read_bytes()):
        codes.setdefault(bytes.fromhex(uni_hex.decode()).decode("utf-16-be"), int(cid_hex, 16))
    widths = {}
    w = cid.get("/W")
    i = 0
    while isinstance(w, Array) and i + 1 < len(w):
        first, run = int(w[i]), w[i + 1]
        if isinstance(run, Array):
            widths.update({first + k: float(x) for k, x in enumerate(run)})
            i += 2
        else:
            widths.update({c: float(w[i + 2]) for c in range(first, int(run) + 1)})
            i += 3
    missing = [c for c in PROMISED if c not in codes]
    if missing:
        report.fail(where, f"/ToUnicode has no code for {''.join(missing)!r}")
    narrow = [c for c in PROMISED if c in codes and not widths.get(codes[c], 0) > 0]
    if narrow:
        report.fail(where, f"/W has no width for {''.join(narrow)!r} (glyphs missing?)")


def check_field(f: Field, font_names: set[str], report: Report) -> None:
    node, name = f.obj, f.name
    tu = node.get("/TU")
    if not isinstance(tu, String) or not str(tu).strip():
        report.fail(name, "no non-empty /TU (tooltip, the accessible name)")
    if flags(node) & FF_READ_ONLY:
        report.fail(name, "ReadOnly flag set")
    ft, ff = node.get("/FT"), flags(node)
    if f.kind == "other":
        report.fail(name, f"unexpected field type /FT {ft} /Ff {ff}")
    elif ft is None:
        report.fail(name, "/FT is only inherited; terminal fields carry their own")
    if f.kind in ("text", "multiline", "checkbox") and f.widgets != [node]:
        report.fail(name, "not a merged field+widget dictionary")
    if f.kind in ("text", "multiline"):
        check_text_field(f, font_names, report)
    elif f.kind == "checkbox":
        check_checkbox(f, report)
    elif f.kind == "radio":
        check_radio(f, report)


def check_text_field(f: Field, font_names: set[str], report: Report) -> None:
    da = f.obj.get("/DA")
    parsed = da_font(da) if isinstance(da, String) else None
    if parsed is None:
        report.fail(f.name, "text field has no own /DA with `/Font size Tf`")
    else:
        if parsed[1] <= 0:
            report.fail(f.name, f"/DA font size is {parsed[1]} (auto size); needs a fixed size")
        if parsed[0] not in font_names:
            report.fail(f.name, f"/DA font /{parsed[0]} is not in /AcroForm /DR /Font")
    value = f.obj.get("/V")
    if value is not None and not (isinstance(value, String) and str(value) == ""):
        report.fail(f.name, f"text field is not empty: /V {show(value)}")


def check_checkbox(f: Field, report: Report) -> None:
    w = f.obj
    states = set(on_states(w))
    if states != {"Yes"} or not isinstance(ap_normal(w), Dictionary) or "/Off" not in ap_normal(w):
        report.fail(f.name, f"checkbox /AP /N states are not exactly /Yes and /Off: on={sorted(states)}")
    if f.obj.get("/V") != Name.Off:
        report.fail(f.name, f"checkbox /V is {show(f.obj.get('/V'))}, expected /Off")
    if w.get("/AS") != Name.Off:
        report.fail(f.name, f"checkbox /AS is {show(w.get('/AS'))}, expected /Off")


def check_radio(f: Field, report: Report) -> None:
    if not flags(f.obj) & FF_NO_TOGGLE_OFF:
        report.fail(f.name, "radio group lacks the NoToggleToOff flag")
    if f.widgets == [f.obj] or not f.widgets:
        report.fail(f.name, "radio group has no /Kids widgets")
        return
    states = []
    for i, w in enumerate(f.widgets):
        on = on_states(w)
        normal = ap_normal(w)
        if len(on) != 1 or not isinstance(normal, Dictionary) or "/Off" not in normal:
            report.fail(f.name, f"radio kid {i}: /AP /N must hold /Off and one on-state, has {list(normal.keys()) if isinstance(normal, Dictionary) else show(normal)}")
        states.append(on[0] if len(on) == 1 else None)
        if w.get("/AS") != Name.Off:
            report.fail(f.name, f"radio kid {i}: /AS is {show(w.get('/AS'))}, expected /Off")
    wanted = [str(i) for i in range(len(f.widgets))]
    if states != wanted:
        report.fail(f.name, f"radio on-states are {states}, expected {wanted}")
    if RADIO_FILL not in states:
        report.fail(f.name, f"radio group has no on-state /{RADIO_FILL}")
    if f.obj.get("/V") not in (None, Name.Off):
        report.fail(f.name, f"radio group /V is {show(f.obj.get('/V'))}, expected none or /Off")


def page_annots(pdf: pikepdf.Pdf) -> tuple[dict, set]:
    """Annotation identity -> page numbers whose /Annots list it (once per listing),
    and the identities of those annotations that are widgets."""
    owners: dict = {}
    widgets: set = set()
    for number, page in enumerate(pdf.pages):
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, Array) else []:
            if isinstance(annot, Dictionary) and key(annot) is not None:
                owners.setdefault(key(annot), []).append(number)
                if annot.get("/Subtype") == Name.Widget:
                    widgets.add(key(annot))
    return owners, widgets


def check_widget(f: Field, i: int, w, pdf, pages: dict, owners: dict, tagged: bool, report: Report) -> int | None:
    """One widget annotation; returns the number of the page it is on, if known."""
    where = f.name if len(f.widgets) == 1 else f"{f.name} (widget {i})"
    if key(w) is None:
        report.fail(where, "widget is a direct object, so no page can reference it")
        return None
    if w.get("/Subtype") != Name.Widget:
        report.fail(where, f"/Subtype is {show(w.get('/Subtype'))}, expected /Widget")
    annot_flags = flags(w, "/F")
    if not annot_flags & F_PRINT:
        report.fail(where, "widget lacks the Print flag (/F bit 3)")
    if annot_flags & (F_HIDDEN | F_NO_VIEW):
        report.fail(where, "widget is Hidden or NoView")
    normal = ap_normal(w)
    if f.kind in ("text", "multiline") and not isinstance(normal, Stream):
        report.fail(where, "no /AP /N appearance stream")
    if f.kind in ("checkbox", "radio") and not (
        isinstance(normal, Dictionary) and all(isinstance(v, Stream) for v in normal.values())
    ):
        report.fail(where, "/AP /N is not a dictionary of appearance streams")
    if tagged and as_int(w.get("/StructParent")) is None:
        report.fail(where, "no integer /StructParent in a tagged PDF")

    page_obj = w.get("/P")
    page_no = pages.get(key(page_obj)) if isinstance(page_obj, Dictionary) else None
    listed = owners.get(key(w), [])
    if page_no is None:
        report.fail(where, "/P does not point at a page of this document")
    elif listed != [page_no]:
        report.fail(where, f"/P is page {page_no + 1} but /Annots lists it on pages {[n + 1 for n in listed]}")
    number = page_no if page_no is not None else (listed[0] if listed else None)
    if number is not None:
        check_rect(where, w.get("/Rect"), pdf.pages[number], number, report)
    return number


def check_rect(where: str, rect, page, number: int, report: Report) -> None:
    try:
        llx, lly, urx, ury = (float(v) for v in rect)
    except (TypeError, ValueError):
        report.fail(where, f"/Rect is not four numbers: {show(rect)}")
        return
    if urx - llx <= 0 or ury - lly <= 0:
        report.fail(where, f"/Rect {[llx, lly, urx, ury]} has no positive width and height")
    box = [float(v) for v in page.mediabox]
    bx0, by0, bx1, by1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
    x0, x1, y0, y1 = min(llx, urx), max(llx, urx), min(lly, ury), max(lly, ury)
    if x0 < bx0 - EPSILON or y0 < by0 - EPSILON or x1 > bx1 + EPSILON or y1 > by1 + EPSILON:
        report.fail(where, f"/Rect {[llx, lly, urx, ury]} is outside page {number + 1}'s /MediaBox {box}")


# --- structure tree -----------------------------------------------------------------


def struct_objrs(root) -> dict:
    """Widget identity -> [(structure element, OBJR dict)] for every OBJR in the tree."""
    found: dict = {}
    visited: set = set()

    def visit_kids(elem, kids) -> None:
        # /K is one item or an array of items: an MCID (int), an MCR or OBJR
        # dictionary, or a child structure element.
        items = list(kids) if isinstance(kids, Array) else [kids]
        for item in items:
            if not isinstance(item, Dictionary):
                continue  # an MCID, or null
            if "/Obj" in item or item.get("/Type") == Name.OBJR:
                found.setdefault(key(item.get("/Obj")), []).append((elem, item))
            elif item.get("/Type") == Name.MCR:
                continue
            else:
                visit_elem(item)

    def visit_elem(elem) -> None:
        if key(elem) is not None:
            if key(elem) in visited:
                return
            visited.add(key(elem))
        visit_kids(elem, elem.get("/K"))

    visit_kids(None, root.get("/K"))
    found.pop(None, None)
    return found


def number_tree(node, where: str, report: Report) -> dict:
    """Flatten a number tree (/Nums leaves, /Kids with /Limits) to {int: value}."""
    result: dict = {}
    visited: set = set()

    def visit(n, limits) -> None:
        if not isinstance(n, Dictionary):
            report.fail(where, f"number tree node is not a dictionary: {show(n)}")
            return
        if key(n) is not None:
            if key(n) in visited:
                report.fail(where, "number tree node reached twice (cycle)")
                return
            visited.add(key(n))
        lim = n.get("/Limits")
        if isinstance(lim, Array) and len(lim) == 2:
            limits = (as_int(lim[0]), as_int(lim[1]))
        nums = n.get("/Nums")
        if isinstance(nums, Array):
            if len(nums) % 2:
                report.fail(where, "/Nums has an odd number of entries")
            for i in range(0, len(nums) - 1, 2):
                k = as_int(nums[i])
                if k is None:
                    report.fail(where, f"/Nums key {show(nums[i])} is not an integer")
                    continue
                if k in result:
                    report.fail(where, f"key {k} appears twice")
                # Readers binary-search by /Limits, so a key outside them is unreachable.
                if limits and None not in limits and not limits[0] <= k <= limits[1]:
                    report.fail(where, f"key {k} lies outside its node's /Limits {list(limits)}")
                result[k] = nums[i + 1]
        kids = n.get("/Kids")
        for kid in kids if isinstance(kids, Array) else []:
            visit(kid, None)

    visit(node, None)
    return result


def check_tagging(pdf, fields: list[Field], report: Report) -> None:
    root = pdf.Root.get("/StructTreeRoot")
    objrs = struct_objrs(root)
    role_map = root.get("/RoleMap")
    role_map = role_map if isinstance(role_map, Dictionary) else Dictionary()
    tree = root.get("/ParentTree")
    parents = number_tree(tree, "StructTreeRoot /ParentTree", report) if tree is not None else {}
    if tree is None:
        report.fail("StructTreeRoot", "no /ParentTree")
    page_keys = {as_int(p.obj.get("/StructParents")) for p in pdf.pages} - {None}
    next_key = as_int(root.get("/ParentTreeNextKey"))
    if next_key is not None and parents and next_key <= max(parents):
        report.fail("StructTreeRoot", f"/ParentTreeNextKey {next_key} is not above the largest key {max(parents)}")

    used: dict = {}
    for f in fields:
        for i, w in enumerate(f.widgets):
            where = f.name if len(f.widgets) == 1 else f"{f.name} (widget {i})"
            refs = objrs.get(key(w), [])
            if not refs:
                report.fail(where, "no structure element references the widget (no OBJR)")
                continue
            if len(refs) > 1:
                report.fail(where, f"{len(refs)} OBJRs reference the widget, expected one")
            elem, objr = refs[0]
            if elem is None:
                report.fail(where, "OBJR sits directly under the StructTreeRoot")
                continue
            role = elem.get("/S")
            mapped = role_map.get(str(role)) if role is not None else None
            if role != Name.Form and mapped != Name.Form:
                report.fail(where, f"OBJR is in a {role} structure element, expected /Form")
            if objr.get("/Type") != Name.OBJR:
                report.fail(where, "object reference lacks /Type /OBJR")
            pg = objr.get("/Pg") or elem.get("/Pg")
            if not isinstance(pg, Dictionary) or key(pg) != key(w.get("/P")):
                report.fail(where, "OBJR /Pg (or its element's /Pg) is not the widget's page")
            sp = as_int(w.get("/StructParent"))
            if sp is None:
                continue  # reported by check_widget
            if sp in used:
                report.fail(where, f"/StructParent {sp} is also used by {used[sp]}")
            used[sp] = where
            if sp in page_keys:
                report.fail(where, f"/StructParent {sp} collides with a page's /StructParents")
            target = parents.get(sp)
            if target is None:
                report.fail(where, f"/ParentTree has no entry for /StructParent {sp}")
            elif not isinstance(target, Dictionary) or key(target) is None or key(target) != key(elem):
                report.fail(where, f"/ParentTree entry {sp} is not the /Form element that holds the OBJR")


# --- round trip ---------------------------------------------------------------------


def fill(path: str, fields: list[Field], values: dict, out: str, report: Report) -> list[Field]:
    """Fill every field through pikepdf.form, with appearance streams, and save.

    Returns the fields that took a value; the others are already reported.
    """
    filled = []
    with pikepdf.open(path, password=PASSWORD) as pdf:
        # Values only: pikepdf's generators cannot draw with a composite font.
        form = Form(pdf)
        for f in fields:
            try:
                target = form[f.name]
                if isinstance(target, list):  # a MultipleFieldProxy: duplicate names
                    report.fail(f.name, f"pikepdf finds {len(target)} fields with this name")
                    continue
                if f.kind in ("text", "multiline"):
                    target.value = values[f.name]
                elif f.kind == "checkbox":
                    target.checked = True
                elif f.kind == "radio":
                    target.value = Name("/" + RADIO_FILL)
                filled.append(f)
            except Exception as error:  # report and carry on with the other fields
                report.fail(f.name, f"filling failed: {type(error).__name__}: {error}")
        pdf.save(out)
    return filled


def verify_filled(out: str, fields: list[Field], values: dict, report: Report) -> None:
    """Reopen the filled file afresh and read every value back from the raw objects."""
    with pikepdf.open(out) as pdf:
        acroform = pdf.Root.get("/AcroForm")
        if not isinstance(acroform, Dictionary):
            report.fail("filled", "/AcroForm is gone")
            return
        reread = {f.name: f for f in walk_fields(acroform, Report())[0]}
        for f in fields:
            g = reread.get(f.name)
            if g is None:
                report.fail(f.name, "missing after fill and reopen")
                continue
            if f.kind in ("text", "multiline"):
                verify_text(g, values[f.name], report)
            elif f.kind == "checkbox":
                v, state = g.obj.get("/V"), g.obj.get("/AS")
                if v != Name.Yes or state != Name.Yes:
                    report.fail(f.name, f"filled checkbox reads /V {show(v)} /AS {show(state)}, expected /Yes")
            elif f.kind == "radio":
                verify_radio(g, report)


def verify_text(g: Field, expected: str, report: Report) -> None:
    value = g.obj.get("/V")
    if not isinstance(value, String) or str(value) != expected:
        report.fail(g.name, f"filled text reads {show(value)}, expected {expected!r}")


def verify_radio(g: Field, report: Report) -> None:
    value = g.obj.get("/V")
    if value != Name("/" + RADIO_FILL):
        report.fail(g.name, f"filled radio group reads /V {show(value)}, expected /{RADIO_FILL}")
    for i, w in enumerate(g.widgets):
        want = Name("/" + RADIO_FILL) if on_states(w) == [RADIO_FILL] else Name.Off
        if w.get("/AS") != want:
            report.fail(g.name, f"filled radio kid {i} /AS is {show(w.get('/AS'))}, expected {want}")


def qpdf_check(out: str, report: Report) -> str:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return "qpdf not on PATH, skipped"
    run = subprocess.run([qpdf, "--check", out], capture_output=True, text=True)
    # qpdf exits 0 when clean, 3 for warnings only, 2 for errors.
    if run.returncode not in (0, 3):
        for line in (run.stdout + run.stderr).strip().splitlines():
            report.fail("qpdf --check (filled)", line)
    elif run.returncode == 3:
        return "qpdf --check warnings: " + " | ".join((run.stderr or run.stdout).strip().splitlines())
    return "qpdf --check ok"


# --- main ---------------------------------------------------------------------------


def static_checks(pdf, args, report: Report) -> tuple[list[Field], int]:
    """All checks on the PDF as written; returns its terminal fields and the number
    of pages that carry widgets."""
    acroform = pdf.Root.get("/AcroForm")
    if not isinstance(acroform, Dictionary):
        report.fail("catalog", "no /AcroForm")
        return [], 0
    font_names = check_acroform(acroform, report)
    fields, names = walk_fields(acroform, report)
    for f in fields:
        check_field(f, font_names, report)

    pages = {p.obj.objgen: n for n, p in enumerate(pdf.pages)}
    owners, page_widgets = page_annots(pdf)
    tagged = "/StructTreeRoot" in pdf.Root
    with_widgets: set[int] = set()
    seen_widgets: set = set()
    for f in fields:
        for i, w in enumerate(f.widgets):
            seen_widgets.add(key(w))
            number = check_widget(f, i, w, pdf, pages, owners, tagged, report)
            if number is not None:
                with_widgets.add(number)
    for num, gen in sorted(page_widgets - seen_widgets):
        on = [n + 1 for n in owners[(num, gen)]]
        report.fail("page annotations", f"widget {num} {gen} R on page {on} belongs to no field")
    for number in sorted(with_widgets):
        # /Tabs /S: keyboard order follows the structure tree (PDF/UA 7.18.3).
        if pdf.pages[number].obj.get("/Tabs") != Name.S:
            report.fail(f"page {number + 1}", "has widgets but no /Tabs /S")
    if tagged:
        check_tagging(pdf, fields, report)

    if len(fields) < args.min_fields:
        report.fail("AcroForm", f"{len(fields)} terminal fields, expected at least {args.min_fields}")
    for name in args.expect:
        if name not in names:
            report.fail(name, "expected field is missing")
    return fields, len(with_widgets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf")
    parser.add_argument("--min-fields", type=int, default=1, metavar="N")
    parser.add_argument("--expect", nargs="+", action="extend", default=[], metavar="NAME")
    parser.add_argument("--filled", metavar="OUT.pdf", help="keep the filled copy here")
    args = parser.parse_args()

    report = Report()
    with pikepdf.open(args.pdf, password=PASSWORD) as pdf:
        fields, pages_with_fields = static_checks(pdf, args, report)

    qpdf_note = "not filled"
    if fields:
        with tempfile.TemporaryDirectory() as scratch:
            out = args.filled or os.path.join(scratch, "filled.pdf")
            try:
                values = fill_values(fields)
                filled = fill(args.pdf, fields, values, out, report)
                verify_filled(out, filled, values, report)
                qpdf_note = qpdf_check(out, report)
            except Exception as error:
                report.fail("round trip", f"{type(error).__name__}: {error}")

    if report.lines:
        for line in report.lines:
            print(f"{args.pdf}: {line}")
        return 1
    count = {kind: sum(f.kind == kind for f in fields) for kind in ("text", "multiline", "checkbox", "radio")}
    print(
        f"{args.pdf}: {len(fields)} fields ({count['text'] + count['multiline']} text, "
        f"{count['multiline']} of them multi-line; {count['checkbox']} checkbox; "
        f"{count['radio']} radio) on {pages_with_fields} pages; "
        f"filled round trip ok{' -> ' + args.filled if args.filled else ''}; {qpdf_note}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
