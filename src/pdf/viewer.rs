//! Viewer preferences: print at actual size, the duplex mode that fits the
//! layout, and the document title in the window title.

use lopdf::{Dictionary, Document, IncrementalDocument, Object};

use super::internal;
use crate::error::Result;

/// How a printer should turn the sheet over, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    None,
    /// Two-sided, turned on the long edge (a duplex book).
    LongEdge,
    /// Two-sided, turned on the short edge (a booklet on landscape sheets).
    ShortEdge,
}

/// Sets the preferences in a catalog dictionary (for documents we rewrite anyway).
pub fn set(doc: &Document, catalog: &mut Dictionary, duplex: Duplex) {
    let mut prefs = match catalog.get(b"ViewerPreferences") {
        Ok(Object::Dictionary(d)) => d.clone(),
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
        _ => Dictionary::new(),
    };
    // Scaling to fit would shrink the calibration ruler and the write-in lines.
    prefs.set("PrintScaling", Object::Name(b"None".to_vec()));
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    match duplex {
        Duplex::None => {
            prefs.remove(b"Duplex");
        }
        Duplex::LongEdge => prefs.set("Duplex", Object::Name(b"DuplexFlipLongEdge".to_vec())),
        Duplex::ShortEdge => prefs.set("Duplex", Object::Name(b"DuplexFlipShortEdge".to_vec())),
    }
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
}

/// Adds the preferences as an incremental update: Typst's bytes stay as they
/// are and a new revision of the catalog is appended.
pub fn apply(pdf: Vec<u8>, duplex: Duplex) -> Result<Vec<u8>> {
    let doc = Document::load_mem(&pdf).map_err(|e| internal("reading", e))?;
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| internal("finding the catalog", e))?;
    let mut catalog = doc
        .get_dictionary(catalog_id)
        .map_err(|e| internal("reading the catalog", e))?
        .clone();
    set(&doc, &mut catalog, duplex);
    let mut update = IncrementalDocument::create_from(pdf, doc);
    update
        .new_document
        .set_object(catalog_id, Object::Dictionary(catalog));
    let mut out = Vec::new();
    update
        .save_to(&mut out)
        .map_err(|e| internal("writing", e.into()))?;
    Ok(out)
}
