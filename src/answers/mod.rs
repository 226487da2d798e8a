//! `workbook answers`: reads a filled-in workbook back. The fields'
//! records (/WBRecord, written by src/pdf/forms/widgets.rs) say which part,
//! exercise, partner, prompt, row and column each field answers, so the
//! answers come back grouped and labelled from the PDF alone, whichever
//! viewer saved it. Markdown for people (markdown.rs), CSV and JSON for
//! programs (rows.rs).

mod fields;
mod markdown;
mod rows;
pub mod saved;
mod untrusted;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use lopdf::{Document, Object, ObjectId, decode_text_string};

use crate::diag::{Error, Result};
use crate::settings::password::Password;
pub use fields::Kind;

/// One answer: a field (or the fields that one area became, joined).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The field's name without piece or line suffix, e.g.
    /// `apology.ana.what-i-did`.
    pub field: String,
    pub kind: Kind,
    pub part: Option<String>,
    pub exercise: Option<String>,
    pub partner: Option<String>,
    pub prompt: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    /// For a scale: what its ends mean, "0 = not at all, 5 = very much".
    pub scale: Option<String>,
    /// None when left empty (or unticked).
    pub value: Option<String>,
}

/// A filled-in workbook's answers.
#[derive(Debug, Clone)]
pub struct Answers {
    /// The document's title: "Rebuilding Trust: a workbook for Ana & Ben".
    pub title: Option<String>,
    pub answers: Vec<Answer>,
    /// The fields that could not be read (a damaged object, a value too
    /// large to be typed), named as well as the file allows: their answers
    /// are missing, and the reader must be told.
    pub unreadable: Vec<String>,
    /// Whether the PDF was locked with a password: its answers are then
    /// written to a file only its owner can read.
    pub locked: bool,
}

/// The largest object or cross-reference stream read, decoded: a workbook's
/// are a few hundred KB; more is a decompression bomb.
const MAX_STREAM: usize = 4 * 1024 * 1024;
/// The most objects a PDF may hold: a whole fillable workbook has about
/// 15,000 (1,500 in the file, the rest in object streams).
/// Each parsed object costs memory, so a file of a million tiny ones is
/// refused while it is read, not after.
const MAX_OBJECTS: usize = 100_000;

/// The formats `workbook answers` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: readable and printable.
    Md,
    /// Comma-separated values, one row per field.
    Csv,
    /// A JSON array of objects, one per field.
    Json,
}

impl Answers {
    /// Reads the answers from a PDF's bytes; `password` opens a locked one.
    /// A PDF without workbook fields (a plain workbook, any other PDF) is
    /// bad input, exit 2; so is a file the reader panics on (it may come
    /// from anyone): never a crash.
    pub fn read(pdf: &[u8], password: Option<&Password>) -> Result<Self> {
        untrusted::read(|| Self::read_unguarded(pdf, password))
    }

    fn read_unguarded(pdf: &[u8], password: Option<&Password>) -> Result<Self> {
        let doc = load(pdf, password)?;
        crate::faults::panic_reading();
        let found = fields::read(&doc);
        if found.too_many {
            return Err(Error::usage(
                format!(
                    "this PDF's form has more than {} fields, far more than any workbook, so it was not read",
                    fields::MAX_FIELDS
                ),
                Some("give the filled-in workbook the couple sent back".to_string()),
            ));
        }
        let unreadable = found.unreadable;
        let found = found.fields;
        if !found.iter().any(|f| f.record.is_some()) {
            return Err(Error::usage(
                "this PDF has no workbook fields",
                Some("give a workbook built with `workbook build --fillable` and filled in on screen; a printed workbook's answers are on paper only".to_string()),
            ));
        }
        let title = info(&doc, b"Title").filter(|t| !t.trim().is_empty());
        Ok(Answers {
            title,
            answers: join(found),
            unreadable,
            locked: doc.is_encrypted() || doc.encryption_state.is_some(),
        })
    }

    /// The answers in `format`; empty fields only with `all`. CSV is
    /// comma-separated here ([`Answers::csv`] takes another delimiter).
    pub fn render(&self, format: Format, all: bool) -> String {
        let shown = self.shown(all);
        match format {
            Format::Md => markdown::render(self.title.as_deref(), &shown),
            Format::Csv => rows::csv(&shown, ','),
            Format::Json => rows::json(&shown),
        }
    }

    /// The answers as CSV with cells split by `delimiter` (`;` for an Excel
    /// set to a European locale); empty fields only with `all`.
    pub fn csv(&self, all: bool, delimiter: char) -> String {
        rows::csv(&self.shown(all), delimiter)
    }

    fn shown(&self, all: bool) -> Vec<&Answer> {
        self.answers
            .iter()
            .filter(|a| all || a.value.is_some())
            .collect()
    }
}

/// Objects seen by the load under way; lopdf's filter is a plain function,
/// so the count lives here, and [`LOADING`] lets one load at a time use it.
static OBJECTS: AtomicUsize = AtomicUsize::new(0);
static LOADING: Mutex<()> = Mutex::new(());

/// Keeps the first [`MAX_OBJECTS`] objects and drops the rest as they are
/// parsed, so a file of a million objects never holds them all at once.
fn count_objects(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if OBJECTS.fetch_add(1, Ordering::Relaxed) >= MAX_OBJECTS {
        return None;
    }
    // lopdf keeps the object it passed for a top-level object, and the one
    // returned for an object of an object stream: a copy serves both.
    Some((id, object.clone()))
}

/// What an existing PDF is, to a build that would replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// A workbook (its /Creator says so), with this many fields filled in.
    Workbook { answers: usize },
    /// A PDF some other program made.
    Foreign,
    /// Locked with a password: what it holds cannot be told.
    Locked,
    /// Not readable as a PDF at all.
    Unreadable,
}

/// Looks at a PDF about to be replaced: who made it, and how many of its
/// fields hold answers. Read under the same limits as `answers`.
pub(crate) fn inspect(pdf: &[u8]) -> Existing {
    untrusted::read(|| Ok(inspect_unguarded(pdf))).unwrap_or(Existing::Unreadable)
}

fn inspect_unguarded(pdf: &[u8]) -> Existing {
    let doc = match load(pdf, None) {
        Ok(doc) => doc,
        Err(Error::Usage { message, .. }) if message.contains("locked") => return Existing::Locked,
        Err(_) => return Existing::Unreadable,
    };
    let ours = info(&doc, b"Creator").is_some_and(|c| c.starts_with("workbook "));
    if !ours {
        return Existing::Foreign;
    }
    let found = fields::read(&doc);
    let answers = found
        .fields
        .iter()
        .filter(|f| f.record.is_some() && f.value.is_some())
        .count();
    Existing::Workbook { answers }
}

/// A text entry of the document's /Info dictionary.
fn info(doc: &Document, key: &[u8]) -> Option<String> {
    doc.trailer
        .get(b"Info")
        .ok()
        .and_then(|i| match i {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .and_then(|info| info.get(key).ok())
        .and_then(|t| decode_text_string(t).ok())
}

/// Opens the PDF, with the password when it is locked. Every stream it
/// decodes on the way is capped at [`MAX_STREAM`] bytes and the objects at
/// [`MAX_OBJECTS`]: the file may come from anyone.
fn load(pdf: &[u8], password: Option<&Password>) -> Result<Document> {
    let options = lopdf::LoadOptions {
        password: password.map(|p| p.expose().to_string()),
        max_decompressed_size: Some(MAX_STREAM),
        filter: Some(count_objects),
        ..Default::default()
    };
    let doc = {
        let _one = LOADING.lock().unwrap_or_else(|e| e.into_inner());
        OBJECTS.store(0, Ordering::Relaxed);
        let doc = Document::load_mem_with_options(pdf, options);
        let seen = OBJECTS.load(Ordering::Relaxed);
        match doc {
            Ok(_) if seen > MAX_OBJECTS => {
                return Err(Error::usage(
                    format!(
                        "this PDF holds more than {MAX_OBJECTS} objects, far more than any workbook, so it was not read"
                    ),
                    Some("give the filled-in workbook the couple sent back".to_string()),
                ));
            }
            doc => doc,
        }
    };
    let doc = doc.map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Error::usage(
                format!(
                    "this PDF holds a stream that grows past {} MB when unpacked, far more than any workbook, so it was not read",
                    MAX_STREAM / (1024 * 1024)
                ),
                Some("give the filled-in workbook the couple sent back".to_string()),
            )
        }
        lopdf::Error::InvalidPassword => Error::usage(
            "the password does not open this PDF",
            Some("check the password in WORKBOOK_PASSWORD or the --password-file".to_string()),
        ),
        e => Error::usage(
            format!("this PDF cannot be read ({e})"),
            Some("it may be damaged or cut short: ask for the file again".to_string()),
        ),
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(Error::usage(
            "this PDF is locked with a password",
            Some("set WORKBOOK_PASSWORD, or give --password-file FILE with the password on its first line".to_string()),
        ));
    }
    Ok(doc)
}

/// One answer per area: an area that runs over a page break is several
/// fields (`name`, `name_2`), and an area of ruled lines may be one field a
/// line (`name.line-1`, `name.line-2`); their text is joined, line by line.
fn join(found: Vec<fields::Field>) -> Vec<Answer> {
    let mut answers: Vec<Answer> = Vec::new();
    // Each answer's lines, empty ones too: a line left blank between two
    // typed ones stays a blank line.
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for f in found {
        let Some(record) = f.record else { continue };
        let key = area_name(&f.name);
        let get = |k: &str| record.get(k).cloned().filter(|v| !v.is_empty());
        let i = *index.entry(key.clone()).or_insert_with(|| {
            answers.push(Answer {
                field: key,
                kind: f.kind,
                part: get("part"),
                exercise: get("exercise"),
                partner: get("partner"),
                prompt: get("prompt"),
                row: get("row"),
                column: get("column"),
                scale: get("scale"),
                value: None,
            });
            lines.push(Vec::new());
            answers.len() - 1
        });
        lines[i].push(f.value.unwrap_or_default());
    }
    for (a, lines) in answers.iter_mut().zip(lines) {
        let text = lines.join("\n");
        let text = text.trim_matches('\n');
        a.value = (!text.is_empty()).then(|| text.to_string());
    }
    answers
}

/// The area a field belongs to: without a `_2` piece suffix and without a
/// last part `line-N`.
fn area_name(name: &str) -> String {
    let name = match name.rsplit_once('.') {
        Some((head, last))
            if last
                .strip_prefix("line-")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => name,
    };
    match name.rsplit_once('_') {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => head.into(),
        _ => name.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_and_lines_belong_to_their_area() {
        assert_eq!(
            area_name("apology.ana.what-i-did"),
            "apology.ana.what-i-did"
        );
        assert_eq!(area_name("letter.words_2"), "letter.words");
        assert_eq!(
            area_name("apology.ana.what-i-did.line-3"),
            "apology.ana.what-i-did"
        );
        assert_eq!(area_name("notes.page-1.line-12"), "notes.page-1");
        assert_eq!(
            area_name("gratitude-log.ben.day-07"),
            "gratitude-log.ben.day-07"
        );
        assert_eq!(area_name("a.line-"), "a.line-");
    }
}
