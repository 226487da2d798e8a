//! Widgets: each placeholder link annotation rewritten as a text field,
//! a checkbox or a radio button, with appearance streams of our own so that
//! the PDF shows and prints the same in every viewer.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, text_string};

use super::{Field, Placeholder};
use crate::diag::Result;
use crate::pdf::{edit, form_font, internal_message};
use crate::typeset::marks::Kind;

/// Text colour of typed values and ticks: the book's ink, #222222 (fill
/// and stroke).
pub(crate) const INK: &str = "0.133 g";
const INK_STROKE: &str = "0.133 G";

// Field flags (ISO 32000-1, tables 226, 227 and 228).
const MULTILINE: i64 = 1 << 12;
const NO_TOGGLE_TO_OFF: i64 = 1 << 14;
const RADIO: i64 = 1 << 15;

/// Appearance streams shared by every checkbox and radio button, drawn in
/// a box of their own that viewers scale to each widget's rectangle. (Text
/// fields get a stream each, the size of the field: tools that fill a form
/// draw into the stream's box, and text in a box scaled up would be huge.)
pub(crate) struct SharedStreams {
    resources: Dictionary,
    check_on: ObjectId,
    dot_on: ObjectId,
    off: ObjectId,
}

/// Checkboxes and scale circles are 3.6 and 3.4 mm (templates/exercise.typ);
/// their appearances are drawn in a box this size and scaled by the viewer
/// to the widget's rectangle.
const BUTTON: f64 = 10.0;

impl SharedStreams {
    pub(crate) fn add(doc: &mut Document, resources: &Dictionary) -> Self {
        let s = BUTTON;
        // A tick drawn with lines rather than a ZapfDingbats glyph, which
        // would be a font that is not embedded.
        let check = format!(
            "q {INK_STROKE} {w:.2} w 1 J 1 j {a:.2} {b:.2} m {c:.2} {d:.2} l {e:.2} {f:.2} l S Q",
            w = s * 0.12,
            a = s * 0.2,
            b = s * 0.52,
            c = s * 0.42,
            d = s * 0.26,
            e = s * 0.82,
            f = s * 0.8,
        );
        let dot = circle(s / 2.0, s / 2.0, s * 0.3);
        SharedStreams {
            resources: resources.clone(),
            check_on: doc.add_object(form_xobject(s, s, resources, check)),
            dot_on: doc.add_object(form_xobject(s, s, resources, format!("q {INK} {dot} f Q"))),
            off: doc.add_object(form_xobject(s, s, resources, String::new())),
        }
    }
}

/// A filled circle as four Bézier curves.
fn circle(cx: f64, cy: f64, r: f64) -> String {
    let k = r * 0.552_284_75;
    format!(
        "{x0:.3} {cy:.3} m {x0:.3} {a:.3} {b:.3} {y1:.3} {cx:.3} {y1:.3} c \
         {c:.3} {y1:.3} {x1:.3} {a:.3} {x1:.3} {cy:.3} c \
         {x1:.3} {d:.3} {c:.3} {y0:.3} {cx:.3} {y0:.3} c \
         {b:.3} {y0:.3} {x0:.3} {d:.3} {x0:.3} {cy:.3} c",
        x0 = cx - r,
        x1 = cx + r,
        y0 = cy - r,
        y1 = cy + r,
        a = cy + k,
        b = cx - k,
        c = cx + k,
        d = cy - k,
    )
}

fn form_xobject(w: f64, h: f64, resources: &Dictionary, content: String) -> Stream {
    Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), real(w), real(h)]),
            ),
            ("Resources", Object::Dictionary(resources.clone())),
        ]),
        content.into_bytes(),
    )
}

fn real(v: f64) -> Object {
    Object::Real((v * 1000.0).round() as f32 / 1000.0)
}

/// The size typed text gets: what the template asks for (the body size
/// over ruled lines, the table's size in cells), never too tall for the
/// area (a line of Open Sans takes about 1.4 times its size). Fixed, not 0
/// (auto), so that text does not shrink as it grows.
fn font_size(preferred: f64, height: f64) -> f64 {
    preferred.min((height / 1.5).floor()).max(6.0)
}

/// Rewrites a field's placeholder annotation(s) into widget(s). Returns the
/// terminal field's object: the widget itself, or a new radio group.
pub(crate) fn write_field(
    prev: &Document,
    new: &mut Document,
    field: &Field,
    streams: &SharedStreams,
) -> Result<ObjectId> {
    let mark = field.mark;
    let tooltip = if field.piece > 1 {
        format!("{} (continued)", mark.tooltip)
    } else {
        mark.tooltip.clone()
    };
    if mark.kind == Kind::Choice {
        let group = new.add_object(Dictionary::from_iter([
            ("FT", Object::Name(b"Btn".to_vec())),
            ("Ff", Object::Integer(RADIO | NO_TOGGLE_TO_OFF)),
            ("V", Object::Name(b"Off".to_vec())),
            ("TU", text_string(&tooltip)),
            (RECORD, record(mark)),
        ]));
        let mut kids = Vec::new();
        for w in &field.widgets {
            let value = w.value.clone().unwrap_or_else(|| "On".into());
            let annot = widget(prev, new, w)?;
            annot.set("Parent", Object::Reference(group));
            annot.set("AS", Object::Name(b"Off".to_vec()));
            annot.set("AP", states(value.as_bytes(), streams.dot_on, streams.off));
            kids.push(Object::Reference(w.annot));
        }
        if let Ok(Object::Dictionary(g)) = new.get_object_mut(group) {
            g.set("Kids", Object::Array(kids));
        }
        return Ok(group);
    }
    let w = field.widgets[0];
    let [x0, y0, x1, y1] = field.rect;
    // A blank field draws nothing, so the ruled lines show through.
    let empty = new.add_object(form_xobject(
        x1 - x0,
        y1 - y0,
        &streams.resources,
        "/Tx BMC\nEMC\n".into(),
    ));
    let annot = widget(prev, new, w)?;
    annot.set("TU", text_string(&tooltip));
    annot.set(RECORD, record(mark));
    // Pieces of one area on one page were merged into this widget.
    annot.set(
        "Rect",
        Object::Array(field.rect.iter().map(|&v| real(v)).collect()),
    );
    match mark.kind {
        Kind::Check => {
            annot.set("FT", Object::Name(b"Btn".to_vec()));
            annot.set("V", Object::Name(b"Off".to_vec()));
            annot.set("AS", Object::Name(b"Off".to_vec()));
            annot.set("AP", states(b"Yes", streams.check_on, streams.off));
        }
        _ => {
            annot.set("FT", Object::Name(b"Tx".to_vec()));
            if mark.kind == Kind::Multiline {
                annot.set("Ff", Object::Integer(MULTILINE));
            }
            let size = font_size(mark.size, y1 - y0);
            annot.set(
                "DA",
                Object::string_literal(format!("/{} {size} Tf {INK}", form_font::RESOURCE)),
            );
            annot.set("Q", Object::Integer(0));
            annot.set(
                "AP",
                Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(empty))])),
            );
        }
    }
    Ok(w.annot)
}

/// The key of each field's record: what it answers in parts, as a JSON
/// object (part, exercise, partner, prompt, row, column, scale), which
/// `workbook answers` reads to group and label a filled book. A key of our
/// own, which readers ignore and keep when they save: /TM, the standard
/// "mapping name", would do, but pypdf takes a /TM for the field's name,
/// and tooltips are for people and may change.
pub(crate) const RECORD: &str = "WBRecord";

fn record(mark: &crate::typeset::marks::Mark) -> Object {
    text_string(&serde_json::to_string(&mark.info).unwrap_or_default())
}

/// An appearance dictionary with an "on" state named `on` and /Off.
fn states(on: &[u8], on_stream: ObjectId, off: ObjectId) -> Object {
    let normal = Dictionary::from_iter([
        (on.to_vec(), Object::Reference(on_stream)),
        (b"Off".to_vec(), Object::Reference(off)),
    ]);
    Object::Dictionary(Dictionary::from_iter([("N", Object::Dictionary(normal))]))
}

/// The placeholder's annotation, changed from a link into a bare widget.
fn widget<'a>(
    prev: &Document,
    new: &'a mut Document,
    p: &Placeholder,
) -> Result<&'a mut Dictionary> {
    let Object::Dictionary(annot) = edit(prev, new, p.annot)? else {
        return Err(internal_message(format!(
            "field {}: not a dictionary",
            p.name
        )));
    };
    for key in [
        &b"A"[..],
        b"Border",
        b"Contents",
        b"QuadPoints",
        b"H",
        b"BS",
    ] {
        annot.remove(key);
    }
    annot.set("Subtype", Object::Name(b"Widget".to_vec()));
    annot.set("F", Object::Integer(4));
    annot.set("P", Object::Reference(p.page));
    // No border or background: printed, a blank field shows the page's own lines.
    annot.set("MK", Object::Dictionary(Dictionary::new()));
    Ok(annot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_fits_the_area() {
        assert_eq!(font_size(11.0, 150.0), 11.0);
        assert_eq!(font_size(9.5, 24.0), 9.5);
        assert_eq!(font_size(9.5, 12.0), 8.0);
        // A ruled line's field: 1.6 times the type size.
        assert_eq!(font_size(11.0, 17.6), 11.0);
    }
}
