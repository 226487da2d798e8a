//! Post-processing of the PDF that Typst exports, with lopdf: viewer
//! preferences, form fields and a tidied structure tree, or booklet
//! imposition, written whole with object streams; then, with a password,
//! encryption.

pub(crate) mod booklet;
pub(crate) mod encrypt;
pub(crate) mod form_font;
pub(crate) mod forms;
mod save;
pub(crate) mod tags;
pub mod viewer;

pub(crate) use save::save;

use lopdf::{Document, Object, ObjectId};

use crate::diag::{Error, Result};
use crate::typeset::marks::Mark;

/// lopdf failures on our own output are our bugs, not the user's.
pub(crate) fn internal(what: &str, e: lopdf::Error) -> Error {
    internal_message(format!("{what}: {e}"))
}

/// A PDF that our own finishing steps cannot read back (see
/// [`Error::finishing`]).
pub(crate) fn internal_message(message: String) -> Error {
    Error::finishing(message)
}

/// Finishes a standard (not imposed) PDF: viewer preferences, and form
/// fields over the marked areas when `fields` is given. The changes are
/// made on a copy of each object changed, then the document is written
/// whole (see [`save()`]).
pub fn finish(pdf: Vec<u8>, duplex: viewer::Duplex, fields: Option<&[Mark]>) -> Result<Vec<u8>> {
    let prev = Document::load_mem(&pdf).map_err(|e| internal("reading", e))?;
    let mut new = Document::new_from_prev(&prev);
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| internal("finding the catalog", e))?;
    if let Some(marks) = fields {
        forms::add(&prev, &mut new, root, marks)?;
    }
    tags::tidy(&prev, &mut new, root)?;
    if let Object::Dictionary(catalog) = edit(&prev, &mut new, root)? {
        viewer::set(&prev, catalog, duplex);
    }
    let mut doc = prev;
    doc.max_id = doc.max_id.max(new.max_id);
    doc.objects.append(&mut new.objects);
    save(doc)
}

/// The object as the new revision will have it, copied there from the
/// previous one on first change.
pub(crate) fn edit<'a>(
    prev: &Document,
    new: &'a mut Document,
    id: ObjectId,
) -> Result<&'a mut Object> {
    if !new.has_object(id) {
        let object = prev
            .get_object(id)
            .map_err(|e| internal("reading an object", e))?
            .clone();
        new.set_object(id, object);
    }
    new.get_object_mut(id)
        .map_err(|e| internal("editing an object", e))
}
