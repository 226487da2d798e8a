//! The form fields of a PDF as a reader saved them: walks the AcroForm
//! field tree (lopdf) and reads each terminal field's full name, kind,
//! value and the record workbook stored with it. Viewers save values in
//! different ways (pdf.js and PDFium set /V and /AS, some tools only /AS,
//! long text may be a stream), so each is read the way the PDF
//! specification allows.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, decode_text_string};

/// What a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Check,
    Choice,
}

/// One terminal field.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    /// The text typed, the option chosen or "yes" for a ticked box; None
    /// when left empty.
    pub(crate) value: Option<String>,
    /// What workbook recorded about the field (part, exercise, partner,
    /// prompt, row, column, scale); None for a field of some other maker.
    pub(crate) record: Option<BTreeMap<String, String>>,
}

// Field flags (ISO 32000-1, table 226).
const RADIO: i64 = 1 << 15;
const PUSHBUTTON: i64 = 1 << 16;
/// Deeper field trees than this are not made by anyone honest.
const MAX_DEPTH: usize = 32;
/// A whole workbook has about 2,000 fields; a file with this many nodes in
/// its field tree is not one, and walking it would only cost time.
pub(crate) const MAX_FIELDS: usize = 20_000;
/// The longest value one field may hold once decoded: a full page of typed
/// text is about 4,000 characters, 8 KB as UTF-16. A larger value is a
/// trap (a few bytes of Flate that inflate to gigabytes), not an answer.
pub(crate) const MAX_VALUE: usize = 64 * 1024;

/// What a field inherits from its ancestors (ISO 32000-1, 12.7.3.1).
#[derive(Clone, Default)]
struct Inherited {
    field_type: Option<Vec<u8>>,
    flags: i64,
    value: Option<Object>,
}

/// What the walk found: the fields, what could not be read (each named
/// as well as it can be), and whether it stopped at [`MAX_FIELDS`].
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) fields: Vec<Field>,
    pub(crate) unreadable: Vec<String>,
    pub(crate) too_many: bool,
}

/// Every terminal field of the document's form, in the order of the field
/// tree (which, in a workbook, is the reading order).
pub(crate) fn read(doc: &Document) -> Found {
    let mut found = Found::default();
    let Some(form) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| resolve_dict(doc, f))
    else {
        return found;
    };
    let Ok(Object::Array(top)) = form.get(b"Fields").map(|f| resolve(doc, f)) else {
        return found;
    };
    let mut seen = HashSet::new();
    for field in top {
        match field.as_reference() {
            Ok(id) => walk(doc, id, "", &Inherited::default(), 0, &mut seen, &mut found),
            Err(_) => found
                .unreadable
                .push("an entry of the form's field list that is not a field".into()),
        }
    }
    found
}

/// `object 12 0 (under apology.ana)`: a field that could not be read, by
/// the only names it has.
fn unnamed(id: ObjectId, prefix: &str) -> String {
    if prefix.is_empty() {
        format!("object {} {}", id.0, id.1)
    } else {
        format!("object {} {} (under {prefix})", id.0, id.1)
    }
}

fn walk(
    doc: &Document,
    id: ObjectId,
    prefix: &str,
    inherited: &Inherited,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Found,
) {
    if depth > MAX_DEPTH || !seen.insert(id) {
        return;
    }
    // Every node costs a little, so the cap counts nodes, not answers.
    if seen.len() > MAX_FIELDS {
        out.too_many = true;
        return;
    }
    let Ok(d) = doc.get_dictionary(id) else {
        out.unreadable.push(unnamed(id, prefix));
        return;
    };
    let name = match d.get(b"T").ok().and_then(|t| decode_text_string(t).ok()) {
        Some(partial) if prefix.is_empty() => partial,
        Some(partial) => format!("{prefix}.{partial}"),
        None => prefix.to_string(),
    };
    let here = Inherited {
        field_type: d
            .get(b"FT")
            .ok()
            .and_then(|t| t.as_name().ok())
            .map(<[u8]>::to_vec)
            .or_else(|| inherited.field_type.clone()),
        flags: d
            .get(b"Ff")
            .ok()
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(inherited.flags),
        value: d
            .get(b"V")
            .ok()
            .cloned()
            .or_else(|| inherited.value.clone()),
    };
    // Kids with names are fields; kids without are this field's widgets.
    let kids: Vec<ObjectId> = match d.get(b"Kids").map(|k| resolve(doc, k)) {
        Ok(Object::Array(kids)) => kids.iter().filter_map(|k| k.as_reference().ok()).collect(),
        _ => Vec::new(),
    };
    // A kid that cannot be read is neither: it is named as lost.
    let (readable, broken): (Vec<ObjectId>, Vec<ObjectId>) = kids
        .into_iter()
        .partition(|k| doc.get_dictionary(*k).is_ok());
    for kid in broken {
        out.unreadable.push(unnamed(kid, &name));
    }
    let (fields, widgets): (Vec<ObjectId>, Vec<ObjectId>) = readable
        .into_iter()
        .partition(|k| doc.get_dictionary(*k).is_ok_and(|k| k.has(b"T")));
    for kid in fields {
        walk(doc, kid, &name, &here, depth + 1, seen, out);
    }
    let terminal = !d.has(b"Kids") || !widgets.is_empty();
    if !terminal || name.is_empty() {
        return;
    }
    let mut faces: Vec<&Dictionary> = widgets
        .iter()
        .filter_map(|w| doc.get_dictionary(*w).ok())
        .collect();
    if faces.is_empty() {
        faces.push(d);
    }
    let Some((kind, value)) = value(doc, &here, &faces) else {
        return;
    };
    let value = match value {
        Ok(value) => value,
        Err(why) => {
            out.unreadable.push(format!("{name} ({why})"));
            None
        }
    };
    let record = d
        .get(crate::pdf::forms::RECORD.as_bytes())
        .ok()
        .and_then(|t| decode_text_string(t).ok())
        .and_then(|t| serde_json::from_str::<BTreeMap<String, String>>(&t).ok());
    out.fields.push(Field {
        name,
        kind,
        value,
        record,
    });
}

/// What a field's value is when it cannot be read: why, in words.
type Value = Result<Option<String>, String>;

/// The field's kind and value; None for kinds a workbook never makes (push
/// buttons, choice lists, signatures).
fn value(doc: &Document, f: &Inherited, widgets: &[&Dictionary]) -> Option<(Kind, Value)> {
    let too_long = || format!("its value is longer than {} KB", MAX_VALUE / 1024);
    match f.field_type.as_deref()? {
        b"Tx" => {
            let text = match f.value.as_ref().map(|v| resolve(doc, v)) {
                // Decoded with a limit: a few bytes of Flate can inflate
                // to gigabytes.
                Some(Object::Stream(s)) => match s.decompressed_content_with_limit(MAX_VALUE) {
                    Ok(bytes) => Ok(text_of(&Object::string_literal(bytes))),
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => Err(too_long()),
                    // Not compressed with a filter we know: its bytes as
                    // they are, when they are not too many.
                    Err(_) if s.content.len() <= MAX_VALUE => {
                        Ok(text_of(&Object::string_literal(s.content.clone())))
                    }
                    Err(_) => Err(too_long()),
                },
                Some(Object::String(bytes, _)) if bytes.len() > MAX_VALUE => Err(too_long()),
                Some(o @ Object::String(..)) => Ok(text_of(o)),
                _ => Ok(None),
            };
            let text = text.map(|t| t.map(|t| tidy(&t)).filter(|t| !t.is_empty()));
            Some((Kind::Text, text))
        }
        b"Btn" if f.flags & PUSHBUTTON != 0 => None,
        b"Btn" => {
            // The state chosen: /V, or where a tool set only the widgets'
            // /AS, the one widget that is not /Off.
            let on = |name: &[u8]| !name.is_empty() && name != b"Off";
            let from_v = match f.value.as_ref().map(|v| resolve(doc, v)) {
                Some(Object::Name(n)) if on(n) => Some(n.clone()),
                Some(Object::String(s, _)) if on(s) => Some(s.clone()),
                _ => None,
            };
            let chosen = from_v.or_else(|| {
                widgets.iter().find_map(|w| match w.get(b"AS") {
                    Ok(Object::Name(n)) if on(n) => Some(n.clone()),
                    _ => None,
                })
            });
            if f.flags & RADIO != 0 {
                let chosen = chosen.filter(|c| c.len() <= MAX_VALUE);
                Some((Kind::Choice, Ok(chosen.map(|c| name_text(&c)))))
            } else {
                Some((Kind::Check, Ok(chosen.map(|_| "yes".to_string()))))
            }
        }
        _ => None,
    }
}

/// A text string: UTF-16 or UTF-8 with a byte order mark, or
/// PDFDocEncoding; bytes that fit none are shown as well as they can be
/// rather than dropping the answer.
fn text_of(o: &Object) -> Option<String> {
    decode_text_string(o).ok().or_else(|| {
        o.as_str()
            .ok()
            .map(|b| String::from_utf8_lossy(b).into_owned())
    })
}

/// A name as text: PDF names are bytes, with `#xx` already decoded by the
/// parser; ours are ASCII digits.
fn name_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Typed text with its line ends made one kind (viewers save \r, \r\n or
/// \n) and without trailing blank lines or spaces.
fn tidy(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn resolve_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, o) {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_of_every_viewer_read_the_same() {
        assert_eq!(tidy("one\r\ntwo\rthree\n"), "one\ntwo\nthree");
        assert_eq!(tidy("  indented  \n\n"), "  indented");
        assert_eq!(tidy("\n\n"), "");
    }
}
