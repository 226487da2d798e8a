//! The field hierarchy: `apology.ana.what-i-did` is field `what-i-did`
//! under `ana` under `apology`, because a partial field name may not
//! contain a dot (ISO 32000-1, 12.7.3.2).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, text_string};

use crate::diag::Result;
use crate::pdf::internal_message;

/// Builds the hierarchy over the terminal fields (full name, object), in
/// their order, and returns the top-level fields. Names were checked for
/// clashes before (see `check_names`).
pub(crate) fn build(new: &mut Document, terminals: &[(String, ObjectId)]) -> Result<Vec<ObjectId>> {
    // Inner nodes by full name: their object and kids, in order of creation.
    let mut inner: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut top = Vec::new();
    for (name, id) in terminals {
        let parts: Vec<&str> = name.split('.').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(internal_message(format!(
                "field name {name:?} has an empty part"
            )));
        }
        // The inner node of each prefix, made on first use.
        let mut parent: Option<usize> = None;
        for depth in 1..parts.len() {
            let prefix = parts[..depth].join(".");
            let node = match index.get(&prefix) {
                Some(&i) => i,
                None => {
                    let mut d = Dictionary::from_iter([("T", text_string(parts[depth - 1]))]);
                    if let Some(p) = parent {
                        d.set("Parent", Object::Reference(inner[p].0));
                    }
                    let object = new.add_object(d);
                    match parent {
                        Some(p) => inner[p].1.push(object),
                        None => top.push(object),
                    }
                    inner.push((object, Vec::new()));
                    index.insert(prefix, inner.len() - 1);
                    inner.len() - 1
                }
            };
            parent = Some(node);
        }
        if let Ok(Object::Dictionary(d)) = new.get_object_mut(*id) {
            d.set("T", text_string(parts[parts.len() - 1]));
            if let Some(p) = parent {
                d.set("Parent", Object::Reference(inner[p].0));
            }
        }
        match parent {
            Some(p) => inner[p].1.push(*id),
            None => top.push(*id),
        }
    }
    for (node, kids) in inner {
        if let Ok(Object::Dictionary(d)) = new.get_object_mut(node) {
            d.set(
                "Kids",
                Object::Array(kids.into_iter().map(Object::Reference).collect()),
            );
        }
    }
    Ok(top)
}
