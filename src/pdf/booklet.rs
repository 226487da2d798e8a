//! Booklet imposition: the book's pages, two per side of a landscape sheet,
//! in the order that gives a book when the stack is printed double-sided
//! (flip on the short edge), folded in the middle and stapled.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::internal;
use super::viewer::{self, Duplex};
use crate::diag::Result;

/// What a user's templates that cannot be imposed are told.
pub(crate) const BLAME: (&str, &str) = (
    "the booklet made from your templates",
    "a booklet needs whole sheets: compare templates/page.typ's padding with a fresh `workbook eject`",
);

/// The book's page (0-based) shown left and right on each side of each
/// sheet, front then back, for `n` pages (a multiple of four).
pub(crate) fn sheet_order(n: usize) -> Vec<(usize, usize)> {
    let mut sides = Vec::with_capacity(n / 2);
    for s in 0..n / 4 {
        sides.push((n - 1 - 2 * s, 2 * s)); // front: last and first
        sides.push((2 * s + 1, n - 2 - 2 * s)); // back: second and second to last
    }
    sides
}

/// The thickness of a sheet of office paper (80 g/m², about 0.1 mm), in
/// points.
const SHEET_THICKNESS_PT: f32 = 0.1 * 72.0 / 25.4;

/// How far (in points) the pages of sheet `sheet` (0 = outermost) move
/// towards the fold to make up for creep.
pub(crate) fn creep(sheet: usize) -> f32 {
    sheet as f32 * SHEET_THICKNESS_PT
}

/// Imposes every page of `pdf` (each `page_w` x `page_h` points, a multiple
/// of four of them) onto sheets of twice the width. `note`, in the book's
/// language (`titles.booklet-subject`), goes into the PDF's Info
/// dictionary as its Subject: an imposed booklet loses the structure
/// tree, so it says so where readers of metadata will look.
pub(crate) fn impose(pdf: &[u8], note: &str) -> Result<Vec<u8>> {
    let doc = Document::load_mem(pdf).map_err(|e| internal("reading", e))?;
    impose_doc(doc, note)
}

/// Imposes the pages `pages` (0-based) of `pdf` alone, as a booklet of
/// their own: one volume of a booklet bound as volumes.
pub(crate) fn impose_pages(
    pdf: &[u8],
    pages: std::ops::Range<usize>,
    note: &str,
) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(pdf).map_err(|e| internal("reading", e))?;
    let others: Vec<u32> = (1..=doc.get_pages().len() as u32)
        .filter(|p| !pages.contains(&(*p as usize - 1)))
        .collect();
    doc.delete_pages(&others);
    impose_doc(doc, note)
}

fn impose_doc(mut doc: Document, note: &str) -> Result<Vec<u8>> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let n = pages.len();
    if !n.is_multiple_of(4) {
        return Err(crate::diag::Error::Internal {
            message: format!("a booklet needs a multiple of four pages, the layout gave {n}"),
            hints: vec![
                "this is a bug in workbook's templates; please report it with the command you ran"
                    .into(),
            ],
        });
    }

    // Each page becomes a form XObject that the sheets draw.
    let mut forms = Vec::with_capacity(n);
    let (mut page_w, mut page_h) = (0.0, 0.0);
    for &page_id in &pages {
        let page = doc
            .get_dictionary(page_id)
            .map_err(|e| internal("reading a page", e))?
            .clone();
        let media = page
            .get(b"MediaBox")
            .map_err(|e| internal("reading a page size", e))?
            .clone();
        if let Object::Array(v) = &media {
            let nums: Vec<f32> = v.iter().filter_map(|o| o.as_float().ok()).collect();
            page_w = nums[2] - nums[0];
            page_h = nums[3] - nums[1];
        }
        let resources = page
            .get(b"Resources")
            .cloned()
            .unwrap_or(Object::Dictionary(Dictionary::new()));
        let content = doc.get_page_content(page_id);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set("BBox", media);
        dict.set("Resources", resources);
        let mut stream = Stream::new(dict, content);
        let _ = stream.compress();
        forms.push(doc.add_object(stream));
    }

    let pages_root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| internal("finding the page tree", e))?;
    let mut kids = Vec::with_capacity(n / 2);
    for (side, (left, right)) in sheet_order(n).into_iter().enumerate() {
        let mut xobjects = Dictionary::new();
        xobjects.set("L", Object::Reference(forms[left]));
        xobjects.set("R", Object::Reference(forms[right]));
        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(xobjects));
        // Creep: folded, each inner sheet sticks out a paper's thickness
        // further at the fore-edge, so its pages move that far towards
        // the fold (the outermost sheet not at all).
        let dx = creep(side / 2);
        let ops = format!(
            "q 1 0 0 1 {dx:.3} 0 cm /L Do Q q 1 0 0 1 {:.3} 0 cm /R Do Q",
            page_w - dx
        );
        let mut content = Stream::new(Dictionary::new(), ops.into_bytes());
        let _ = content.compress();
        let content_id = doc.add_object(content);
        let mut sheet = Dictionary::new();
        sheet.set("Type", Object::Name(b"Page".to_vec()));
        sheet.set("Parent", Object::Reference(pages_root));
        sheet.set(
            "MediaBox",
            Object::Array(vec![
                0.into(),
                0.into(),
                Object::Real(2.0 * page_w),
                Object::Real(page_h),
            ]),
        );
        sheet.set("Resources", Object::Dictionary(resources));
        sheet.set("Contents", Object::Reference(content_id));
        kids.push(Object::Reference(doc.add_object(sheet)));
    }
    let count = kids.len() as i64;
    let root = doc
        .get_object_mut(pages_root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| internal("the page tree", e))?;
    root.set("Kids", Object::Array(kids));
    root.set("Count", Object::Integer(count));

    // Bookmarks, named destinations and structure point at the old pages.
    let mut catalog = doc
        .catalog()
        .map_err(|e| internal("the catalog", e))?
        .clone();
    for key in [
        &b"Outlines"[..],
        b"Names",
        b"Dests",
        b"StructTreeRoot",
        b"MarkInfo",
        b"PageMode",
    ] {
        catalog.remove(key);
    }
    viewer::set(&doc, &mut catalog, Duplex::ShortEdge);
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| internal("the catalog", e))?;
    doc.set_object(catalog_id, Object::Dictionary(catalog));
    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = doc.get_object_mut(info_id).and_then(Object::as_dict_mut)
    {
        // A text string (PDFDocEncoding, or UTF-16 for "Cuadernillo… páginas").
        info.set("Subject", lopdf::text_string(note));
    }
    doc.prune_objects();
    super::save(doc)
}

#[cfg(test)]
mod tests {
    use super::sheet_order;

    #[test]
    fn eight_pages_on_two_sheets() {
        // Pages 1..8: sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back 4|5.
        let one_based: Vec<_> = sheet_order(8).iter().map(|(l, r)| (l + 1, r + 1)).collect();
        assert_eq!(one_based, [(8, 1), (2, 7), (6, 3), (4, 5)]);
    }
}
