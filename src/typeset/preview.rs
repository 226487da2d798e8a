//! Proof images: chosen pages of a laid-out workbook as PNG, drawn by
//! Typst's own renderer, so a counselor can check the cover, the welcome
//! note, the safety page and the contacts before building fifty books.

use typst::foundations::{NativeElement, Selector};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst::utils::Scalar;
use typst_layout::PagedDocument;

use crate::diag::{Error, Result};

/// The pages a practice checks when no list is given.
pub const DEFAULT_PAGES: &str = "cover,note,safety,support";

/// One page to draw: its 0-based index and the name it is saved under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub index: usize,
    pub name: String,
}

/// Where a named page is, when the book has it: the cover is the first
/// page, the welcome note the one inside it, the safety page where its
/// heading is, the support page where the list of contacts is.
pub struct Landmarks {
    pub note: bool,
    pub safety_title: String,
    pub support_title: String,
}

/// The pages of `spec` ("cover,note,safety,support" or "1,3-5"), each once,
/// in the order given. A named page this book lacks (no welcome note, a
/// skipped support page) is left out with a notice; a number past the end
/// is an error.
pub fn pages(
    document: &PagedDocument,
    spec: &str,
    marks: &Landmarks,
) -> Result<(Vec<Wanted>, Vec<String>)> {
    let count = document.pages().len();
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut missing = Vec::new();
    let mut push = |index: usize, name: String| {
        if !wanted.iter().any(|w| w.index == index) {
            wanted.push(Wanted { index, name });
        }
    };
    check_spec(spec)?;
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let found = match item {
            "cover" => Some(0),
            "note" => marks.note.then_some(1),
            // The page of the safety note with the numbers to call, which
            // is what a practice checks; its opening page when the
            // templates mark no numbers.
            "safety" => {
                numbers_page(document).or_else(|| heading_page(document, &marks.safety_title))
            }
            "support" => heading_page(document, &marks.support_title),
            numbers => {
                for index in numbered(numbers, count)? {
                    push(index, format!("page-{:02}", index + 1));
                }
                continue;
            }
        };
        match found {
            Some(index) if index < count => push(index, item.to_string()),
            _ => missing.push(item.to_string()),
        }
    }
    Ok((wanted, missing))
}

/// Refuses a list that names no page (`--pages ""`, `--pages ,`) before
/// any layout: it would draw nothing and seem to succeed.
pub fn check_spec(spec: &str) -> Result<()> {
    if spec.split(',').all(|s| s.trim().is_empty()) {
        return Err(Error::usage(
            format!("--pages {spec:?}: names no page, so there would be nothing to draw"),
            Some(format!(
                "give names ({DEFAULT_PAGES}) or page numbers and ranges such as 1,3-5, or leave --pages out"
            )),
        ));
    }
    Ok(())
}

/// "3" or "3-5", 1-based, within the book.
fn numbered(item: &str, count: usize) -> Result<Vec<usize>> {
    let bad = |why: String| {
        Error::usage(
            format!("--pages {item:?}: {why}"),
            Some(format!(
                "give names ({DEFAULT_PAGES}) or page numbers and ranges such as 1,3-5; this book has {count} pages"
            )),
        )
    };
    let (from, to) = item.split_once('-').unwrap_or((item, item));
    let parse = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| bad("not a page name or number".into()))
    };
    let (from, to) = (parse(from)?, parse(to)?);
    if from == 0 || from > to || to > count {
        return Err(bad(format!("the pages run from 1 to {count}")));
    }
    Ok((from - 1..to).collect())
}

/// The page that holds the safety note's numbers: the first write-in area
/// named `safety.numbers.*` (marked in every book, fillable or not).
fn numbers_page(document: &PagedDocument) -> Option<usize> {
    crate::typeset::marks::marks(document)
        .ok()?
        .into_iter()
        .find(|m| m.name.starts_with("safety.numbers."))
        .map(|m| m.page - 1)
}

/// The page of the first heading that reads `title`.
fn heading_page(document: &PagedDocument, title: &str) -> Option<usize> {
    let introspector = document.introspector();
    let want = title.replace(['\'', '’'], "");
    introspector
        .query(&Selector::Elem(HeadingElem::ELEM, None))
        .iter()
        .filter_map(|c| c.to_packed::<HeadingElem>())
        .find(|h| h.body.plain_text().as_str().replace(['\'', '’'], "") == want)
        .and_then(|h| h.location())
        .and_then(|loc| introspector.position(loc))
        .map(|p| p.page.get() - 1)
}

/// Where this book's named pages are, by their titles in `content`.
pub(crate) fn landmarks(
    content: &crate::guide::Content,
    opts: &crate::settings::BuildOptions,
) -> Landmarks {
    let title = |id: &str| {
        content
            .parts()
            .find(|p| p.id.get_ref() == id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    Landmarks {
        note: opts.branding.note.is_some(),
        safety_title: title("safety"),
        // The list with the practice's numbers, not the chapter's opener.
        support_title: content
            .exercises
            .get("support-contacts")
            .map(|e| e.title.clone())
            .unwrap_or_else(|| title("support")),
    }
}

/// The most pixels one image may have: an A3 page at 600 dpi is 70
/// million; a page made huge in a user's templates would need gigabytes,
/// and the renderer aborts the process when it cannot get them.
pub const MAX_PIXELS: u64 = 100_000_000;

/// One page as a PNG at `dpi` dots per inch.
pub fn png(document: &PagedDocument, index: usize, dpi: u32) -> Result<Vec<u8>> {
    let page = &document.pages()[index];
    let scale = f64::from(dpi) / 72.0;
    let size = page.frame.size();
    let (w, h) = (
        (size.x.to_pt() * scale).ceil().max(1.0),
        (size.y.to_pt() * scale).ceil().max(1.0),
    );
    // In floating point: a page can be far larger than u64 pixels.
    if w * h > MAX_PIXELS as f64 || !(w * h).is_finite() {
        return Err(Error::usage(
            format!(
                "page {} would be {w:.0} x {h:.0} pixels at {dpi} dpi ({:.0} million); the most drawn is {} million",
                index + 1,
                w * h / 1e6,
                MAX_PIXELS / 1_000_000
            ),
            Some("lower --dpi, or check the page size in your templates".to_string()),
        ));
    }
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(dpi) / 72.0),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| Error::internal(format!("encoding a preview image: {e}")))
}
