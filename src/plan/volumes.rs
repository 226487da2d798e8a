//! A booklet too thick to staple, bound as volumes: above 20 sheets (80
//! pages) the couple's book is cut between parts, never inside one, into
//! the fewest volumes that each fold from at most 20 sheets, as evenly as
//! the parts allow. Each volume is its own saddle-stitched booklet with a
//! cover, the whole book's contents and a back cover; one layout holds
//! them all (page numbers run on, so a contents' page number names one
//! page in the whole book), and the PDF is cut at the volumes' first pages
//! before each is imposed.

use std::ops::Range;

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::Compiled;
use crate::data::{Data, VolumeData};
use crate::diag::Result;
use crate::typeset::world::Engine;

/// The most sheets a long-reach stapler closes through the fold.
pub const MAX_SHEETS: usize = 20;

/// A folded sheet carries four pages.
const PAGES_PER_SHEET: usize = 4;

/// The most pages of one volume.
pub const MAX_PAGES: usize = MAX_SHEETS * PAGES_PER_SHEET;

/// The most volumes a booklet is cut into (every one of their file names
/// is checked before any layout).
pub const MAX_VOLUMES: usize = 9;

/// Lays out `compiled`'s booklet again as volumes when it is more than
/// [`MAX_SHEETS`] sheets, each padded to whole sheets; the volumes' page
/// ranges are then in [`Compiled::volumes`]. A book that cannot be cut
/// so (one part alone longer than a volume) stays one booklet, with a
/// warning.
pub(crate) fn bind(
    engine: &Engine,
    data: &mut Data<'_>,
    compiled: Compiled,
    now: time::OffsetDateTime,
) -> Result<Compiled> {
    let pages = compiled.document.pages().len();
    if pages <= MAX_PAGES {
        return Ok(compiled);
    }
    let starts = marks(&compiled.document, "part-start");
    let ids: Vec<String> = starts
        .iter()
        .map(|(v, _)| match v {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        })
        .collect();
    let at: Vec<usize> = starts.iter().map(|(_, p)| *p).collect();
    // What every volume adds besides its parts: the pages before the first
    // part (cover, note, contents) and a back cover.
    let (Some(&first), false) = (at.first(), ids.iter().any(String::is_empty)) else {
        return Ok(compiled);
    };
    let end = pages - data.print.pad_pages - 1;
    let lengths: Vec<usize> = at
        .iter()
        .enumerate()
        .map(|(i, &p)| at.get(i + 1).copied().unwrap_or(end) - p)
        .collect();
    let overhead = first + 1;
    let (files, unpadded) = (compiled.files.clone(), data.print.pad_pages);
    // An estimate that proves short once laid out is retried with room
    // (the same cuts, laid out again, would come out the same).
    let mut tried = Vec::new();
    for slack in [0, 2, 4, 8] {
        let Some(cuts) = choose(&lengths, overhead + slack) else {
            break;
        };
        if tried.contains(&cuts) {
            continue;
        }
        tried.push(cuts.clone());
        data.volumes = Some(
            std::iter::once(0)
                .chain(cuts)
                .enumerate()
                .map(|(i, part)| VolumeData {
                    number: i + 1,
                    first: data.parts[part].id,
                    pad_pages: 0,
                })
                .collect(),
        );
        if let Some(laid) = padded(engine, data, files.clone(), now)?
            && laid.volumes.iter().all(|r| r.len() <= MAX_PAGES)
        {
            return Ok(laid);
        }
    }
    data.volumes = None;
    data.print.pad_pages = unpadded;
    crate::messages::warn(&format!(
        "this booklet is {} sheets, more than the {MAX_SHEETS} a long-reach stapler closes, and it cannot be cut between its parts into volumes of {MAX_SHEETS} sheets: it is written as one booklet",
        pages / PAGES_PER_SHEET
    ));
    Ok(compiled)
}

/// Lays out the volumes, and again until each ends on whole sheets: the
/// notes pages that pad one volume move the next, whose chapters may then
/// open a page later or earlier. None when that does not settle.
///
/// A volume's own pages depend only on where it starts, which the volumes
/// before it fix once their padding is right; so each layout settles at
/// least one more volume from the front, and `n` volumes settle within
/// `n + 1` layouts (one more is allowed). Four rounds were too few for the
/// four volumes of the Spanish Letter booklet: its last layout, which had
/// settled, was never checked, and the book fell back to one booklet.
fn padded(
    engine: &Engine,
    data: &mut Data<'_>,
    files: crate::typeset::images::UserFiles,
    now: time::OffsetDateTime,
) -> Result<Option<Compiled>> {
    data.print.pad_pages = 0;
    let mut laid = Compiled::new(engine, data.to_files(engine.user_sources()), files, now)?;
    let rounds = data.volumes.as_ref().map_or(0, Vec::len) + 1;
    for round in 0..=rounds {
        let ranges = ranges(&laid.document);
        let volumes = data.volumes.as_mut().expect("volumes chosen");
        if ranges.len() != volumes.len() {
            break;
        }
        let mut pads: Vec<usize> = volumes.iter().map(|v| v.pad_pages).collect();
        *pads.last_mut().expect("a volume") = data.print.pad_pages;
        // The pages of each volume without its padding, made whole sheets.
        let wanted: Vec<usize> = ranges
            .iter()
            .zip(&pads)
            .map(|(r, pad)| (PAGES_PER_SHEET - (r.len() - pad) % PAGES_PER_SHEET) % PAGES_PER_SHEET)
            .collect();
        if wanted == pads {
            laid.volumes = ranges;
            return Ok(Some(laid));
        }
        if round == rounds {
            break;
        }
        for (v, pad) in volumes.iter_mut().zip(&wanted) {
            v.pad_pages = *pad;
        }
        data.print.pad_pages = *wanted.last().expect("a volume");
        laid = Compiled::new(
            engine,
            data.to_files(engine.user_sources()),
            laid.files,
            now,
        )?;
    }
    Ok(None)
}

/// Where volumes 2, 3, … start, as indices of their first parts, for parts
/// of `lengths` pages in a volume that adds `overhead` pages: the fewest
/// volumes of at most [`MAX_PAGES`] pages (whole sheets), and of those the
/// cut whose longest volume is shortest, then whose volumes differ least.
/// None when no cut fits.
pub(crate) fn choose(lengths: &[usize], overhead: usize) -> Option<Vec<usize>> {
    let sheets = |n: usize| n.div_ceil(PAGES_PER_SHEET) * PAGES_PER_SHEET;
    for count in 2..=MAX_VOLUMES.min(lengths.len()) {
        let mut best: Option<((usize, usize), Vec<usize>)> = None;
        for cuts in combinations(lengths.len(), count - 1) {
            let bounds: Vec<usize> = std::iter::once(0)
                .chain(cuts.iter().copied())
                .chain(std::iter::once(lengths.len()))
                .collect();
            let sizes: Vec<usize> = bounds
                .windows(2)
                .map(|w| sheets(overhead + lengths[w[0]..w[1]].iter().sum::<usize>()))
                .collect();
            let (max, min) = (sizes.iter().max()?, sizes.iter().min()?);
            if *max > MAX_PAGES {
                continue;
            }
            let score = (*max, max - min);
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, cuts));
            }
        }
        if let Some((_, cuts)) = best {
            return Some(cuts);
        }
    }
    None
}

/// Every increasing choice of `k` cut points among the `n - 1` gaps
/// between `n` parts (a cut `i` starts a volume at part `i`).
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn extend(from: usize, n: usize, k: usize, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if at.len() == k {
            out.push(at.clone());
            return;
        }
        for i in from..n {
            at.push(i);
            extend(i + 1, n, k, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    extend(1, n, k, &mut Vec::new(), &mut out);
    out
}

/// The pages (0-based) of each volume, from the `<volume-start>` marks.
fn ranges(document: &PagedDocument) -> Vec<Range<usize>> {
    let starts: Vec<usize> = marks(document, "volume-start")
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let total = document.pages().len();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(total))
        .collect()
}

/// The value and page (0-based) of each metadata mark labelled `label`.
fn marks(document: &PagedDocument, label: &str) -> Vec<(Value, usize)> {
    let label = Label::new(PicoStr::intern(label)).expect("a valid label");
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| {
            let value = c.to_packed::<MetadataElem>()?.value.clone();
            let page = introspector.position(c.location()?)?.page.get() - 1;
            Some((value, page))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fewest_most_even_volumes_that_staple() {
        // 10 parts of 16 pages, 6 pages each volume adds: 166 pages, three
        // volumes of 3, 3 and 4 parts (56, 56 and 72 pages; 4, 3, 3 would
        // be as long at most, and the first cut that long wins).
        let lengths = [16; 10];
        let cuts = choose(&lengths, 6).unwrap();
        assert_eq!(cuts.len(), 2);
        let sizes: Vec<usize> = [0, cuts[0], cuts[1], 10]
            .windows(2)
            .map(|w| (6 + 16 * (w[1] - w[0])).div_ceil(4) * 4)
            .collect();
        assert!(sizes.iter().all(|&s| s <= MAX_PAGES), "{sizes:?}");
        assert_eq!(sizes.iter().max(), Some(&72));
        // Two volumes when they fit: 5 parts of 14 and 5 of 14 pages.
        assert_eq!(choose(&[14; 10], 6), Some(vec![5]));
    }

    #[test]
    fn a_part_longer_than_a_volume_cannot_be_cut() {
        assert_eq!(choose(&[10, 90, 10], 6), None);
    }
}
