//! Reading a written PDF back: page sizes, form fields and the pages
//! they are on, the title, the creation date and the viewer preferences.

use std::path::Path;

/// Page sizes in PDF points, read from the written file.
pub fn pdf_page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// The catalog's /ViewerPreferences of a PDF, as name/value text pairs.
pub fn viewer_preferences(pdf: &[u8]) -> Vec<(String, String)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let prefs = doc.catalog().unwrap().get(b"ViewerPreferences").unwrap();
    let prefs = match prefs {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        other => other.as_dict().unwrap().clone(),
    };
    prefs
        .iter()
        .map(|(k, v)| {
            let value = match v {
                lopdf::Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
                lopdf::Object::Boolean(b) => b.to_string(),
                other => format!("{other:?}"),
            };
            (String::from_utf8_lossy(k).into_owned(), value)
        })
        .collect()
}

/// Fails naming every field of `names` that `fields` (a PDF's field
/// names) lacks, each matched whole.
#[track_caller]
pub fn has_fields(fields: &[String], names: &[&str]) {
    let missing: Vec<_> = names
        .iter()
        .filter(|n| !fields.iter().any(|f| f == *n))
        .collect();
    assert!(
        missing.is_empty(),
        "no field {missing:?} among {} fields",
        fields.len()
    );
}

/// The fully qualified names of every form field in a PDF.
pub fn field_names(pdf: &[u8]) -> Vec<String> {
    use lopdf::{Document, Object, ObjectId, decode_text_string};
    fn walk(doc: &Document, id: ObjectId, prefix: &str, out: &mut Vec<String>) {
        let d = doc.get_dictionary(id).unwrap();
        let name = match d.get(b"T") {
            Ok(t) => {
                let t = decode_text_string(t).unwrap();
                if prefix.is_empty() {
                    t
                } else {
                    format!("{prefix}.{t}")
                }
            }
            Err(_) => prefix.to_string(),
        };
        match d.get(b"Kids") {
            Ok(Object::Array(kids)) => {
                let named: Vec<_> = kids
                    .iter()
                    .map(|k| k.as_reference().unwrap())
                    .filter(|k| doc.get_dictionary(*k).unwrap().has(b"T"))
                    .collect();
                for kid in &named {
                    walk(doc, *kid, &name, out);
                }
                if named.is_empty() {
                    out.push(name);
                }
            }
            _ => out.push(name),
        }
    }
    let doc = Document::load_mem(pdf).unwrap();
    let form = match doc.catalog().unwrap().get(b"AcroForm").unwrap() {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        Object::Dictionary(d) => d.clone(),
        other => panic!("no AcroForm: {other:?}"),
    };
    let mut out = Vec::new();
    for top in form.get(b"Fields").unwrap().as_array().unwrap() {
        walk(&doc, top.as_reference().unwrap(), "", &mut out);
    }
    out
}

/// The document title a PDF viewer shows (the /Info dictionary's /Title).
pub fn pdf_title(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    lopdf::decode_text_string(title).unwrap()
}

/// The Info dictionary's `CreationDate` of a PDF, as written: `D:` and
/// the digits of the date and time.
pub fn pdf_creation_date(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = doc.get_dictionary(info).unwrap().get(b"CreationDate");
    String::from_utf8_lossy(date.unwrap().as_str().unwrap()).into_owned()
}

/// Every form field's widgets with the page (1-based) each is on: the
/// fully qualified name, from the widget up its /Parent chain.
pub fn field_pages(pdf: &[u8]) -> Vec<(String, usize)> {
    use lopdf::{Document, Object, decode_text_string};
    let doc = Document::load_mem(pdf).unwrap();
    let mut out = Vec::new();
    for (n, page) in doc.get_pages() {
        let Ok(Object::Array(annots)) = doc.get_dictionary(page).unwrap().get(b"Annots") else {
            continue;
        };
        for a in annots {
            let mut d = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            if d.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Widget".as_slice()) {
                continue;
            }
            let mut parts = Vec::new();
            loop {
                if let Ok(t) = d.get(b"T") {
                    parts.push(decode_text_string(t).unwrap());
                }
                match d.get(b"Parent") {
                    Ok(p) => d = doc.get_dictionary(p.as_reference().unwrap()).unwrap(),
                    Err(_) => break,
                }
            }
            parts.reverse();
            out.push((parts.join("."), n as usize));
        }
    }
    out
}
