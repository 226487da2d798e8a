//! Hostile PDF forms built by hand: a Flate bomb as an answer, more fields
//! than any workbook, a 5,000-cell table. Shared by the `answers` fuzz target
//! and `benches/answers.rs` (which includes this file by path), so both
//! attack the reader with the same shapes.

use lopdf::{Dictionary, Document, Object, Stream, text_string};

/// A text field as workbook writes one, with its record.
pub fn field(name: &str, value: Object, row: Option<(&str, &str)>) -> Dictionary {
    let mut record = serde_json::json!({
        "part": "Part one",
        "exercise": "Exercise 1: Lists",
        "prompt": "What I noticed",
    });
    if let Some((r, c)) = row {
        record["row"] = r.into();
        record["column"] = c.into();
    }
    Dictionary::from_iter([
        ("FT", Object::Name(b"Tx".to_vec())),
        ("T", text_string(name)),
        ("V", value),
        ("WBRecord", text_string(&record.to_string())),
    ])
}

/// A one-form PDF of `fields`, with what `more` adds.
pub fn form(
    fields: Vec<Dictionary>,
    more: impl FnOnce(&mut Document, &mut Vec<Object>),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let mut ids: Vec<Object> = fields
        .into_iter()
        .map(|f| Object::Reference(doc.add_object(f)))
        .collect();
    more(&mut doc, &mut ids);
    let acro = doc.add_object(Dictionary::from_iter([("Fields", Object::Array(ids))]));
    let pages = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Pages".to_vec())),
        ("Kids", Object::Array(vec![])),
        ("Count", Object::Integer(0)),
    ]));
    let catalog = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
        ("AcroForm", Object::Reference(acro)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("written to memory");
    bytes
}

/// One answer whose value is `mb` megabytes of zeros, Flate-compressed to
/// about a thousandth of that.
pub fn bomb(mb: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..mb {
        z.write_all(&block).expect("in memory");
    }
    let zeros = z.finish().expect("in memory");
    form(
        vec![field("lists.kept", text_string("kept"), None)],
        |doc, ids| {
            let value = doc.add_object(Stream::new(
                Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]),
                zeros,
            ));
            let f = field("lists.bomb", Object::Reference(value), None);
            ids.push(Object::Reference(doc.add_object(f)));
        },
    )
}

/// A form of `n` one-letter text fields.
pub fn fields(n: usize) -> Vec<u8> {
    let fields = (0..n)
        .map(|i| field(&format!("f{i}"), text_string("x"), None))
        .collect();
    form(fields, |_, _| {})
}

/// A 5,000-cell table: 100 rows of 50 columns.
pub fn table() -> Vec<u8> {
    let fields = (0..5000)
        .map(|i| {
            let (row, column) = (format!("Day {}", i / 50), format!("Column {}", i % 50));
            field(
                &format!("log.cell-{i}"),
                text_string(&format!("v{i}")),
                Some((&row, &column)),
            )
        })
        .collect();
    form(fields, |_, _| {})
}
