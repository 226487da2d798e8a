//! The field hierarchy: `apology.ana.what-i-did` is field `what-i-did`
//! under `ana` under `apology`, because a partial field name may not
//! contain a dot (ISO 32000-1, 12.7.3.2).

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, text_string};

use crate::error::Result;
use crate::pdf::internal_message;

/// Builds the hierarchy over the terminal fields (full name, object) and
/// returns the top-level fields, in order.
pub fn build(new: &mut Document, terminals: &[(String, ObjectId)]) -> Result<Vec<ObjectId>> {
    // Inner nodes by full name, with their kids in order.
    let mut inner: BTreeMap<String, (ObjectId, Vec<ObjectId>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut top = Vec::new();
    let terminal_names: HashMap<&str, ()> =
        terminals.iter().map(|(n, _)| (n.as_str(), ())).collect();
    for (name, id) in terminals {
        let parts: Vec<&str> = name.split('.').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(internal_message(format!(
                "field name {name:?} has an empty part"
            )));
        }
        let mut parent: Option<ObjectId> = None;
        for depth in 1..parts.len() {
            let prefix = parts[..depth].join(".");
            if terminal_names.contains_key(prefix.as_str()) {
                return Err(super::name_clash(format!(
                    "the write-in area {prefix} would also be the group of {name}"
                )));
            }
            let node = match inner.get(&prefix) {
                Some((node, _)) => *node,
                None => {
                    let mut d = Dictionary::from_iter([("T", text_string(parts[depth - 1]))]);
                    if let Some(p) = parent {
                        d.set("Parent", Object::Reference(p));
                    }
                    let node = new.add_object(d);
                    inner.insert(prefix.clone(), (node, Vec::new()));
                    order.push(prefix.clone());
                    match parent {
                        Some(p) => push_kid(&mut inner, p, node),
                        None => top.push(node),
                    }
                    node
                }
            };
            parent = Some(node);
        }
        let leaf = parts[parts.len() - 1];
        if let Ok(Object::Dictionary(d)) = new.get_object_mut(*id) {
            d.set("T", text_string(leaf));
            if let Some(p) = parent {
                d.set("Parent", Object::Reference(p));
            }
        }
        match parent {
            Some(p) => push_kid(&mut inner, p, *id),
            None => top.push(*id),
        }
    }
    for name in order {
        let (node, kids) = &inner[&name];
        if let Ok(Object::Dictionary(d)) = new.get_object_mut(*node) {
            d.set(
                "Kids",
                Object::Array(kids.iter().copied().map(Object::Reference).collect()),
            );
        }
    }
    Ok(top)
}

fn push_kid(
    inner: &mut BTreeMap<String, (ObjectId, Vec<ObjectId>)>,
    parent: ObjectId,
    kid: ObjectId,
) {
    if let Some((_, kids)) = inner.values_mut().find(|(id, _)| *id == parent) {
        kids.push(kid);
    }
}
