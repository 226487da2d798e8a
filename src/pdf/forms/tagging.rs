//! The structure side of the form. Each placeholder link has a `Link`
//! structure element where Typst read it; it becomes a `Form` element with
//! one widget, which is what PDF/UA asks for. A link broken across pages
//! holds several widgets and is split into one `Form` element each; the
//! pieces merged away on a page lose their references.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, text_string};

use super::Placeholder;
use crate::diag::Result;
use crate::pdf::{edit, internal_message};

/// What happens to each placeholder's widget in the structure tree.
pub(crate) struct Retag<'a> {
    pub(crate) placeholders: &'a [Placeholder],
    /// Widgets merged into another one: their references go.
    pub(crate) dropped: HashSet<ObjectId>,
    /// Alternate descriptions for single widgets (a radio button's option).
    pub(crate) alt: HashMap<ObjectId, String>,
}

/// Rewrites the structure tree for the form.
pub(crate) fn retag(prev: &Document, new: &mut Document, plan: &Retag) -> Result<()> {
    let Some(tree) = parent_tree(prev)? else {
        // Only a booklet is untagged, and a booklet is never fillable; a
        // PDF without a tree simply has nothing to retag.
        return Ok(());
    };
    let key_of = |annot: ObjectId| {
        prev.get_dictionary(annot)
            .ok()
            .and_then(|a| a.get(b"StructParent").ok())
            .and_then(|k| k.as_i64().ok())
    };
    let mut elements: Vec<ObjectId> = Vec::new();
    for p in plan.placeholders {
        let key = key_of(p.annot)
            .ok_or_else(|| internal_message(format!("field {}: no /StructParent", p.name)))?;
        let element = tree
            .get(&key)
            .and_then(|o| o.as_reference().ok())
            .ok_or_else(|| {
                internal_message(format!("field {}: not in the structure tree", p.name))
            })?;
        if !elements.contains(&element) {
            elements.push(element);
        }
    }
    let mut moved: BTreeMap<i64, ObjectId> = BTreeMap::new();
    let mut removed: Vec<i64> = Vec::new();
    for element in elements {
        let Object::Dictionary(e) = edit(prev, new, element)? else {
            return Err(internal_message(
                "a structure element is not a dictionary".into(),
            ));
        };
        e.set("S", Object::Name(b"Form".to_vec()));
        let parent = e
            .get(b"P")
            .and_then(Object::as_reference)
            .map_err(|_| internal_message("a structure element without a parent".into()))?;
        let kids = kids_of(e);
        // Marked content stays with the first widget; merged-away widgets go.
        let mut content = Vec::new();
        let mut widgets = Vec::new();
        for kid in kids {
            match objr_target(prev, &kid) {
                Some(annot) if plan.dropped.contains(&annot) => {
                    removed.extend(key_of(annot));
                }
                Some(annot) => widgets.push((annot, kid)),
                None => content.push(kid),
            }
        }
        let mut pieces = widgets.into_iter();
        let first = pieces.next();
        let keep = first.is_some() || !content.is_empty();
        if let Some((annot, objr)) = first {
            content.insert(0, objr);
            if let Some(alt) = plan.alt.get(&annot) {
                e.set("Alt", text_string(alt));
            }
        }
        e.set("K", Object::Array(content));
        let mut added = Vec::new();
        for (annot, objr) in pieces {
            let mut d = Dictionary::from_iter([
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(b"Form".to_vec())),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(vec![objr])),
            ]);
            if let Some(alt) = plan.alt.get(&annot) {
                d.set("Alt", text_string(alt));
            }
            let id = new.add_object(d);
            if let Some(key) = key_of(annot) {
                moved.insert(key, id);
            }
            added.push(id);
        }
        if !keep || !added.is_empty() {
            replace_in_parent(prev, new, parent, element, keep, &added)?;
        }
    }
    if !moved.is_empty() || !removed.is_empty() {
        rewrite_parent_tree(prev, new, tree, &moved, &removed)?;
    }
    Ok(())
}

/// A structure element's kids as a list: /K holds one kid or an array.
fn kids_of(element: &Dictionary) -> Vec<Object> {
    match element.get(b"K") {
        Ok(Object::Array(k)) => k.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    }
}

/// The annotation an object reference (`<< /Type /OBJR /Obj ... >>`)
/// points at; None for any other kid (marked content, an element).
fn objr_target(doc: &Document, kid: &Object) -> Option<ObjectId> {
    let dict = match kid {
        Object::Dictionary(d) => d,
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        _ => return None,
    };
    (dict.get(b"Type").and_then(Object::as_name).ok()? == b"OBJR")
        .then(|| dict.get(b"Obj").and_then(Object::as_reference).ok())
        .flatten()
}

/// Puts `added` in place of `element` among `parent`'s kids: `element`
/// itself first when it is kept, then the new elements.
fn replace_in_parent(
    prev: &Document,
    new: &mut Document,
    parent: ObjectId,
    element: ObjectId,
    keep: bool,
    added: &[ObjectId],
) -> Result<()> {
    let Object::Dictionary(p) = edit(prev, new, parent)? else {
        return Err(internal_message(
            "a structure parent is not a dictionary".into(),
        ));
    };
    let mut kids = kids_of(p);
    let at = kids
        .iter()
        .position(|k| k.as_reference().ok() == Some(element))
        .ok_or_else(|| internal_message("a structure element is missing from its parent".into()))?;
    let replacement = keep
        .then_some(element)
        .into_iter()
        .chain(added.iter().copied())
        .map(Object::Reference);
    kids.splice(at..=at, replacement);
    p.set("K", Object::Array(kids));
    Ok(())
}

/// The structure tree's parent tree, flattened: key to value.
fn parent_tree(doc: &Document) -> Result<Option<BTreeMap<i64, Object>>> {
    let Ok(catalog) = doc.catalog() else {
        return Ok(None);
    };
    let Ok(root) = catalog.get(b"StructTreeRoot") else {
        return Ok(None);
    };
    let root = deref_dict(doc, root)?;
    let Ok(tree) = root.get(b"ParentTree") else {
        return Ok(None);
    };
    let mut out = BTreeMap::new();
    collect_numbers(doc, deref_dict(doc, tree)?, &mut out, 0)?;
    Ok(Some(out))
}

fn collect_numbers(
    doc: &Document,
    node: &Dictionary,
    out: &mut BTreeMap<i64, Object>,
    depth: u32,
) -> Result<()> {
    if depth > 32 {
        return Err(internal_message("the parent tree is too deep".into()));
    }
    if let Ok(Object::Array(nums)) = node.get(b"Nums") {
        for pair in nums.chunks(2) {
            if let [k, v] = pair {
                out.insert(k.as_i64().unwrap_or(-1), v.clone());
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for kid in kids {
            collect_numbers(doc, deref_dict(doc, kid)?, out, depth + 1)?;
        }
    }
    Ok(())
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Result<&'a Dictionary> {
    match o {
        Object::Dictionary(d) => Ok(d),
        Object::Reference(id) => doc
            .get_dictionary(*id)
            .map_err(|e| internal_message(format!("reading the structure tree: {e}"))),
        _ => Err(internal_message(
            "the structure tree holds an unexpected object".into(),
        )),
    }
}

/// Writes the parent tree anew, as one flat number tree, with `moved` keys
/// pointing at their new elements and `removed` keys gone.
fn rewrite_parent_tree(
    prev: &Document,
    new: &mut Document,
    mut tree: BTreeMap<i64, Object>,
    moved: &BTreeMap<i64, ObjectId>,
    removed: &[i64],
) -> Result<()> {
    for (key, id) in moved {
        tree.insert(*key, Object::Reference(*id));
    }
    for key in removed {
        tree.remove(key);
    }
    let nums = tree
        .into_iter()
        .flat_map(|(k, v)| [Object::Integer(k), v])
        .collect();
    let id = new.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    let root_id = prev
        .catalog()
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .and_then(|r| r.as_reference().ok())
        .ok_or_else(|| {
            internal_message("the structure tree root is not an indirect object".into())
        })?;
    if let Object::Dictionary(root) = edit(prev, new, root_id)? {
        root.set("ParentTree", Object::Reference(id));
    }
    Ok(())
}
