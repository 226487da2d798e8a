//! Reading a workbook back as text: the pages after the contents, the span
//! between two headings, a written PDF's words, and the guide's own files.

use std::path::Path;

use super::{fold, page_texts};

/// The crate's folder, where the guide's content and the fixtures are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The index of the first page after the cover and the contents (whose
/// entries are joined to their page numbers by dot leaders).
pub fn first_body_index(pages: &[String]) -> usize {
    pages
        .iter()
        .skip(1)
        .position(|p| !p.contains(" . . . "))
        .expect("a page after the contents")
        + 1
}

/// The text after the cover and the contents, page by page, so that
/// searches find the pages themselves rather than their entries in the
/// contents.
pub fn body_pages(doc: &typst_layout::PagedDocument) -> Vec<String> {
    let pages = page_texts(doc);
    pages[first_body_index(&pages)..].to_vec()
}

/// The text after the cover and the contents, pages joined by line breaks.
pub fn body_text(doc: &typst_layout::PagedDocument) -> String {
    body_pages(doc).join("\n")
}

/// The text from `from` up to the next `to` after it; both must be there.
#[track_caller]
pub fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?}"));
    let end = text[start + from.len()..]
        .find(to)
        .map(|e| start + from.len() + e)
        .unwrap_or_else(|| panic!("no {to:?} after {from:?}"));
    &text[start..end]
}

/// The text from `from` up to the next `to` after it, or to the end.
#[track_caller]
pub fn between_or_end<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?}"));
    let end = text[start + from.len()..]
        .find(to)
        .map_or(text.len(), |e| start + from.len() + e);
    &text[start..end]
}

/// A PDF's text, white space folded.
pub fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    fold(&doc.extract_text(&pages).unwrap())
}

/// The trust and safety check's definition, `workbook/progress.toml`.
pub fn progress_table() -> toml::Table {
    std::fs::read_to_string(root().join("workbook/progress.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

/// Fails naming every phrase `text` lacks (all at once, not the first).
#[track_caller]
pub fn has_all(text: &str, phrases: &[&str]) {
    let missing: Vec<_> = phrases.iter().filter(|p| !text.contains(*p)).collect();
    assert!(missing.is_empty(), "lacks {missing:?} in:\n{}", clip(text));
}

/// Fails naming every phrase `text` holds that it must not.
#[track_caller]
pub fn has_none(text: &str, phrases: &[&str]) {
    let found: Vec<_> = phrases.iter().filter(|p| text.contains(*p)).collect();
    assert!(found.is_empty(), "holds {found:?} in:\n{}", clip(text));
}

/// The start of a long text, for a failure message.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(3000) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
