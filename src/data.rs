//! The one in-memory file that carries a couple's data to the templates:
//! `/data.json`. User text reaches Typst only through here, as strings.

use serde_json::{Value, json};

use crate::content::{Content, PartKind};
use crate::fieldkeys;
use crate::options::BuildOptions;
use crate::select::Selection;

/// The document title shown by PDF viewers and read by screen readers.
pub fn document_title(content: &Content, opts: &BuildOptions) -> String {
    format!(
        "{}: a workbook for {}",
        content.manifest.title,
        opts.names.joined()
    )
}

/// Builds `data.json` for one workbook.
pub fn build(content: &Content, selection: &Selection, opts: &BuildOptions) -> Value {
    let print = &opts.print;
    let (width, height) = print.page_size_mm();
    let mut chapter = 0;
    let parts: Vec<Value> = content
        .parts()
        .filter(|p| selection.parts.contains(p.id.get_ref()))
        .map(|p| {
            let number = (p.kind == PartKind::Chapter).then(|| {
                chapter += 1;
                chapter
            });
            json!({
                "id": p.id.get_ref(),
                "kind": p.kind,
                "title": p.title,
                "file": format!("{}/{}", crate::content::ROOT, p.file.get_ref().trim_start_matches("./")),
                "number": number,
                "exercises": p.exercises.iter()
                    .map(|e| e.get_ref())
                    .filter(|e| selection.exercises.contains(*e))
                    .collect::<Vec<_>>(),
                // A counselor's own exercises, printed after the part's text.
                "extra": p.exercises.iter()
                    .map(|e| e.get_ref())
                    .filter(|e| selection.exercises.contains(*e) && content.extra.contains(*e))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let steps: Vec<Value> = content
        .manifest
        .steps
        .iter()
        .map(|s| {
            let s = s.get_ref();
            json!({
                "number": s.number.get_ref(),
                "title": s.title,
                "part": s.part.get_ref(),
                "included": selection.parts.contains(s.part.get_ref()),
            })
        })
        .collect();
    // Exercises are numbered in reading order among those printed.
    let printed = content
        .parts()
        .filter(|p| selection.parts.contains(p.id.get_ref()))
        .flat_map(|p| p.exercises.iter().map(|e| e.get_ref()))
        .filter(|id| selection.exercises.contains(*id));
    let exercises: serde_json::Map<String, Value> = printed
        .enumerate()
        .map(|(i, id)| {
            let mut value =
                serde_json::to_value(&content.exercises[id]).expect("exercises serialise");
            strip_nulls(&mut value);
            value["number"] = json!(i + 1);
            let blocks = &content.exercises[id].blocks;
            if let Some(values) = value["block"].as_array_mut() {
                for (b, v) in blocks.iter().zip(values) {
                    v["keys"] = fieldkeys::block(b.get_ref());
                }
            }
            (id.clone(), value)
        })
        .collect();
    let branding = opts.branding.to_json();
    let partner_keys = fieldkeys::partners(&opts.names);
    json!({
        "counselor": branding["counselor"],
        "support": branding["support"],
        "contacts": branding["contacts"],
        "title": content.manifest.title,
        "subtitle": content.manifest.subtitle,
        "document-title": document_title(content, opts),
        "names": {
            "a": opts.names.a, "b": opts.names.b,
            "keys": { "a": partner_keys.0, "b": partner_keys.1 },
        },
        "paper": { "name": print.paper.name(), "width-mm": width, "height-mm": height },
        "print": {
            "sides": print.sides,
            "booklet": print.booklet,
            "ruling": print.ruling,
            "ink-saver": print.ink_saver,
            "fillable": print.fillable,
        },
        "ruling-mm": print.ruling.mm(),
        "start-date": opts.start_date.map(|d| json!({
            "year": d.year(), "month": u8::from(d.month()), "day": d.day(),
        })),
        "days": opts.days,
        "parts": parts,
        "steps": steps,
        "exercises": exercises,
    })
}

/// Drops the fields an exercise leaves out, so that templates can use
/// `.at(key, default: ...)` instead of testing for `none` everywhere.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}
