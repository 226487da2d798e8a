//! Tidying of the structure tree Typst writes, for screen readers and the
//! checkers that judge them: labels with nothing in them go, and each table
//! names the page it starts on.
//!
//! Typst gives every list item a label (`Lbl`) for its marker; a checklist's
//! marker is a drawn box, an artifact, so its label is left empty and a
//! screen reader meets a label with nothing to say. Typst also puts a page
//! (`/Pg`) only on the elements that hold content, so a `Table` made of rows
//! names no page, and tools that place tables on pages by it cannot find
//! them. Both are fixed here, in the revision the other finishing steps
//! write, after the form has taken its place in the tree.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::diag::Result;
use crate::pdf::{edit, internal_message};

/// Changes planned in one read of the tree, made after it.
#[derive(Debug, Default, PartialEq)]
struct Plan {
    /// Elements whose kids lose the empty labels among them.
    prune: Vec<(ObjectId, Vec<ObjectId>)>,
    /// Tables and the page their first content is on.
    pages: Vec<(ObjectId, ObjectId)>,
}

/// Tidies the structure tree below the catalog `root`, as the new revision
/// has it (the form step may have changed it already).
pub(crate) fn tidy(prev: &Document, new: &mut Document, root: ObjectId) -> Result<()> {
    let plan = {
        let view = View { prev, new };
        let Some(tree) = view
            .dict(root)
            .and_then(|c| c.get(b"StructTreeRoot").ok())
            .and_then(|o| o.as_reference().ok())
        else {
            // A booklet is untagged: nothing to tidy.
            return Ok(());
        };
        let mut plan = Plan::default();
        view.walk(tree, &mut plan, 0)?;
        plan
    };
    for (parent, gone) in plan.prune {
        let Object::Dictionary(p) = edit(prev, new, parent)? else {
            return Err(internal_message(
                "a structure element is not a dictionary".into(),
            ));
        };
        let kids = kids_of(p)
            .into_iter()
            .filter(|k| !k.as_reference().is_ok_and(|id| gone.contains(&id)))
            .collect();
        p.set("K", Object::Array(kids));
    }
    for (table, page) in plan.pages {
        if let Object::Dictionary(t) = edit(prev, new, table)? {
            t.set("Pg", Object::Reference(page));
        }
    }
    Ok(())
}

/// The document as the new revision will have it: an object changed there,
/// else the previous one.
struct View<'a> {
    prev: &'a Document,
    new: &'a Document,
}

/// Deeper than any real tree; a loop in a broken one stops here.
const MAX_DEPTH: usize = 200;

impl View<'_> {
    fn object(&self, id: ObjectId) -> Option<&Object> {
        self.new
            .get_object(id)
            .ok()
            .or_else(|| self.prev.get_object(id).ok())
    }

    fn dict(&self, id: ObjectId) -> Option<&Dictionary> {
        self.object(id).and_then(|o| o.as_dict().ok())
    }

    /// Plans the changes for element `id` and everything below it.
    fn walk(&self, id: ObjectId, plan: &mut Plan, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(internal_message("the structure tree is too deep".into()));
        }
        let Some(element) = self.dict(id) else {
            return Ok(());
        };
        let mut empty = Vec::new();
        for kid in kids_of(element) {
            let Ok(kid) = kid.as_reference() else {
                continue;
            };
            let Some(d) = self.dict(kid) else { continue };
            if is_content(d) {
                continue;
            }
            if is_empty_label(d) {
                empty.push(kid);
            } else {
                self.walk(kid, plan, depth + 1)?;
            }
        }
        if !empty.is_empty() {
            plan.prune.push((id, empty));
        }
        if has_type(element, b"Table")
            && element.get(b"Pg").is_err()
            && let Some(page) = self.first_page(id, 0)
        {
            plan.pages.push((id, page));
        }
        Ok(())
    }

    /// The page of the first content below element `id`, in reading order.
    fn first_page(&self, id: ObjectId, depth: usize) -> Option<ObjectId> {
        let element = self.dict(id)?;
        if depth > MAX_DEPTH {
            return None;
        }
        let own = element.get(b"Pg").and_then(Object::as_reference).ok();
        for kid in kids_of(element) {
            let found = match &kid {
                // Marked content on this element's own page.
                Object::Integer(_) => own,
                Object::Dictionary(d) => content_page(d).or(own),
                Object::Reference(r) => match self.dict(*r) {
                    Some(d) if is_content(d) => content_page(d).or(own),
                    Some(_) => self.first_page(*r, depth + 1),
                    None => None,
                },
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

/// A kid that is content (a marked-content or object reference), not an
/// element.
fn is_content(d: &Dictionary) -> bool {
    matches!(
        d.get(b"Type").and_then(Object::as_name),
        Ok(b"MCR" | b"OBJR")
    )
}

/// The page a marked-content or object reference names, if it names one.
fn content_page(d: &Dictionary) -> Option<ObjectId> {
    d.get(b"Pg").and_then(Object::as_reference).ok()
}

fn has_type(d: &Dictionary, name: &[u8]) -> bool {
    d.get(b"S").and_then(Object::as_name).ok() == Some(name)
}

/// A label with no kids and no text of its own to stand in for them.
fn is_empty_label(d: &Dictionary) -> bool {
    has_type(d, b"Lbl")
        && kids_of(d).is_empty()
        && d.get(b"Alt").is_err()
        && d.get(b"ActualText").is_err()
}

/// A structure element's kids as a list: /K holds one kid or an array.
fn kids_of(element: &Dictionary) -> Vec<Object> {
    match element.get(b"K") {
        Ok(Object::Array(k)) => k.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(doc: &mut Document, s: &str, kids: Vec<Object>) -> ObjectId {
        doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(s.as_bytes().to_vec())),
            ("K", Object::Array(kids)),
        ]))
    }

    /// A catalog over a tree: a list item with an empty label and a body,
    /// and a table whose cell holds marked content on page `page`.
    fn sample() -> (Document, ObjectId, ObjectId, ObjectId, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(Dictionary::from_iter([(
            "Type",
            Object::Name(b"Page".to_vec()),
        )]));
        let label = element(&mut doc, "Lbl", vec![]);
        let body = element(&mut doc, "LBody", vec![]);
        let item = element(
            &mut doc,
            "LI",
            vec![Object::Reference(label), Object::Reference(body)],
        );
        let mcr = Dictionary::from_iter([
            ("Type", Object::Name(b"MCR".to_vec())),
            ("Pg", Object::Reference(page)),
            ("MCID", Object::Integer(0)),
        ]);
        let cell = element(&mut doc, "TD", vec![Object::Dictionary(mcr)]);
        let row = element(&mut doc, "TR", vec![Object::Reference(cell)]);
        let table = element(&mut doc, "Table", vec![Object::Reference(row)]);
        let top = element(
            &mut doc,
            "Document",
            vec![Object::Reference(item), Object::Reference(table)],
        );
        let tree = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(top)),
        ]));
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("StructTreeRoot", Object::Reference(tree)),
        ]));
        (doc, catalog, item, table, page)
    }

    #[test]
    fn empty_labels_go_and_tables_name_their_page() {
        let (prev, catalog, item, table, page) = sample();
        let mut new = Document::new_from_prev(&prev);
        tidy(&prev, &mut new, catalog).unwrap();
        let kids = kids_of(new.get_dictionary(item).unwrap());
        assert_eq!(kids.len(), 1, "only the body is left: {kids:?}");
        let t = new.get_dictionary(table).unwrap();
        assert_eq!(t.get(b"Pg").unwrap().as_reference().unwrap(), page);
    }

    #[test]
    fn a_label_with_text_stays() {
        let (mut prev, catalog, item, _, _) = sample();
        let label = kids_of(prev.get_dictionary(item).unwrap())[0]
            .as_reference()
            .unwrap();
        let d = prev.get_dictionary_mut(label).unwrap();
        d.set("ActualText", lopdf::text_string("1."));
        let mut new = Document::new_from_prev(&prev);
        tidy(&prev, &mut new, catalog).unwrap();
        // Unchanged, so the new revision never copied the item.
        assert!(!new.has_object(item));
    }
}
