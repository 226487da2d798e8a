//! Finding the placeholders: the link annotations whose target starts
//! with `workbook-field:`, which the templates put over write-in areas.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::diag::Result;
use crate::pdf::internal_message;

/// The link target prefix the templates use (templates/fields.typ).
const TARGET: &str = "workbook-field:";

/// A placeholder link found on a page.
pub(crate) struct Placeholder {
    pub(crate) annot: ObjectId,
    pub(crate) page: ObjectId,
    pub(crate) rect: [f64; 4],
    pub(crate) name: String,
    /// For a radio button: the option it stands for.
    pub(crate) value: Option<String>,
}

/// The placeholder links, page by page, in the order of each page's /Annots.
pub(crate) fn find(doc: &Document) -> Result<Vec<Placeholder>> {
    let mut found = Vec::new();
    for page in doc.get_pages().into_values() {
        let dict = doc
            .get_dictionary(page)
            .map_err(|e| internal_message(format!("reading a page: {e}")))?;
        let annots = match dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Array(a)) => a.clone(),
                _ => continue,
            },
            _ => continue,
        };
        for annot in annots {
            let Ok(id) = annot.as_reference() else {
                continue;
            };
            let Ok(a) = doc.get_dictionary(id) else {
                continue;
            };
            let Some(target) = link_target(doc, a) else {
                continue;
            };
            let Some(rest) = target.strip_prefix(TARGET) else {
                continue;
            };
            let (name, value) = match rest.split_once('/') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (rest.to_string(), None),
            };
            let rect =
                rect(a).ok_or_else(|| internal_message(format!("field {name}: no /Rect")))?;
            found.push(Placeholder {
                annot: id,
                page,
                rect,
                name,
                value,
            });
        }
    }
    Ok(found)
}

/// The URI of a link annotation, if it is one.
fn link_target(doc: &Document, annot: &Dictionary) -> Option<String> {
    if annot.get(b"Subtype").and_then(Object::as_name).ok()? != b"Link" {
        return None;
    }
    let action = match annot.get(b"A").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    match action.get(b"URI").ok()? {
        Object::String(bytes, _) => String::from_utf8(bytes.clone()).ok(),
        _ => None,
    }
}

fn rect(annot: &Dictionary) -> Option<[f64; 4]> {
    let r = annot.get(b"Rect").and_then(Object::as_array).ok()?;
    let v: Vec<f64> = r
        .iter()
        .filter_map(|o| o.as_float().ok().map(f64::from))
        .collect();
    let [x0, y0, x1, y1] = v[..] else { return None };
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}
