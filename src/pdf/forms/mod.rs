//! Form fields for `--fillable`. The templates put an invisible link over
//! every write-in area (target `workbook-field:<name>`); Typst exports each
//! as a link annotation on the right page, with the right rectangle, listed
//! in the structure tree where the area is read. Here those annotations
//! become form widgets (widgets.rs), named in a hierarchy (hierarchy.rs),
//! and their `Link` structure elements `Form` elements (tagging.rs), so
//! tab order and screen readers follow the reading order.

mod hierarchy;
mod placeholders;
mod tagging;
mod widgets;

pub(crate) use widgets::RECORD;

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{edit, form_font, internal_message};
use crate::diag::{Error, Result};
use crate::typeset::marks::{Kind, Mark};
use placeholders::Placeholder;

/// One field to write: a name, and one widget (several for a choice).
pub(super) struct Field<'a> {
    name: String,
    mark: &'a Mark,
    /// For an area broken across pages: which page's piece this is (1-based).
    piece: usize,
    widgets: Vec<&'a Placeholder>,
    /// The widget's rectangle: the union of the pieces on its page.
    rect: [f64; 4],
}

/// Turns the placeholders into fields and adds the form to the catalog
/// `root`. `marks` are the laid-out write-in areas; there is at least one.
pub(crate) fn add(
    prev: &Document,
    new: &mut Document,
    root: ObjectId,
    marks: &[Mark],
) -> Result<()> {
    check_names(marks)?;
    let placeholders = placeholders::find(prev)?;
    let (fields, dropped) = fields(&placeholders, marks)?;
    let font = form_font::add(new);
    let resources = Dictionary::from_iter([(
        "Font",
        Object::Dictionary(Dictionary::from_iter([(
            form_font::RESOURCE,
            Object::Reference(font),
        )])),
    )]);
    let streams = widgets::SharedStreams::add(new, &resources);

    let mut terminals = Vec::with_capacity(fields.len());
    let mut alt = HashMap::new();
    for field in &fields {
        let id = widgets::write_field(prev, new, field, &streams)?;
        terminals.push((field.name.clone(), id));
        if field.mark.kind == Kind::Choice {
            // Each button says which option it is.
            for w in &field.widgets {
                let value = w.value.as_deref().unwrap_or_default();
                alt.insert(w.annot, format!("{}: {value}", field.mark.tooltip));
            }
        }
    }
    let top = hierarchy::build(new, &terminals)?;
    remove_annotations(prev, new, &placeholders, &dropped)?;
    let plan = tagging::Retag {
        placeholders: &placeholders,
        dropped,
        alt,
    };
    tagging::retag(prev, new, &plan)?;

    for p in &placeholders {
        // Tab order follows the structure tree. Typst sets this on tagged
        // pages already; a page is only rewritten if it lacks it.
        let tabs = prev
            .get_dictionary(p.page)
            .ok()
            .and_then(|d| d.get(b"Tabs").ok());
        if tabs.and_then(|t| t.as_name().ok()) != Some(b"S".as_slice())
            && let Object::Dictionary(d) = edit(prev, new, p.page)?
        {
            d.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }

    let acroform = new.add_object(Dictionary::from_iter([
        (
            "Fields",
            Object::Array(top.into_iter().map(Object::Reference).collect()),
        ),
        (
            "DA",
            Object::string_literal(format!("/{} 10 Tf {}", form_font::RESOURCE, widgets::INK)),
        ),
        ("DR", Object::Dictionary(resources)),
    ]));
    if let Object::Dictionary(catalog) = edit(prev, new, root)? {
        catalog.set("AcroForm", Object::Reference(acroform));
    }
    Ok(())
}

/// Two areas may not share a name, and a name may not also be the group
/// of others (`x` and `x.y`). Keys are unique within a block by
/// construction; a clash can only come from a counselor's ids.
fn check_names(marks: &[Mark]) -> Result<()> {
    // In reading order, so that the first clash is the one reported.
    let mut areas: HashSet<(&str, Option<&str>)> = HashSet::new();
    for m in marks.iter().filter(|m| !m.continues) {
        if !areas.insert((m.name.as_str(), m.value.as_deref())) {
            return Err(name_clash(format!(
                "two write-in areas would both be named {}",
                m.name
            )));
        }
    }
    let names: HashSet<&str> = marks.iter().map(|m| m.name.as_str()).collect();
    for m in marks {
        let mut prefix = m.name.as_str();
        while let Some((head, _)) = prefix.rsplit_once('.') {
            if names.contains(head) {
                return Err(name_clash(format!(
                    "the write-in area {head} would also be the group of {}",
                    m.name
                )));
            }
            prefix = head;
        }
    }
    Ok(())
}

/// A clash of field names: the user's content is at fault, not workbook.
pub(super) fn name_clash(message: String) -> Error {
    Error::usage(
        format!("--fillable: {message}"),
        Some("field names join the exercise id, the partner, the block id and the row and column (see workbook/FORMAT.md); give one of the exercises or blocks another id, or call a template function that makes write-in areas (such as notes-pages) only once".into()),
    )
}

/// Groups placeholders into fields. An area that Typst laid out in several
/// links (a long prompt: the lines kept with its label, then the rest) gets
/// one field per page: pieces on one page merge into one widget (the others
/// are returned, to be removed); pieces on later pages are fields `name_2`,
/// `name_3` (an underscore, which no key contains, so they cannot clash).
fn fields<'a>(
    placeholders: &'a [Placeholder],
    marks: &'a [Mark],
) -> Result<(Vec<Field<'a>>, HashSet<ObjectId>)> {
    let mut by_name: HashMap<&str, &Mark> = HashMap::new();
    // Placeholder links carry the name as the layout gave it.
    for m in marks.iter().filter(|m| !m.continues) {
        by_name.entry(m.target.as_str()).or_insert(m);
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut dropped = HashSet::new();
    for p in placeholders {
        let mark = by_name.get(p.name.as_str()).ok_or_else(|| {
            internal_message(format!("a form field {} has no mark in the layout", p.name))
        })?;
        match index.get(p.name.as_str()).map(|&i| &mut fields[i]) {
            Some(field) if mark.kind == Kind::Choice => field.widgets.push(p),
            Some(field) if field.widgets[0].page == p.page => {
                let r = &mut field.rect;
                *r = [
                    r[0].min(p.rect[0]),
                    r[1].min(p.rect[1]),
                    r[2].max(p.rect[2]),
                    r[3].max(p.rect[3]),
                ];
                dropped.insert(p.annot);
            }
            last => {
                let piece = last.map_or(1, |f| f.piece + 1);
                let name = if piece == 1 {
                    mark.name.clone()
                } else {
                    format!("{}_{piece}", mark.name)
                };
                index.insert(&p.name, fields.len());
                fields.push(Field {
                    name,
                    mark,
                    piece,
                    widgets: vec![p],
                    rect: p.rect,
                });
            }
        }
    }
    if let Some(m) = marks
        .iter()
        .find(|m| !index.contains_key(m.target.as_str()))
    {
        return Err(internal_message(format!(
            "the write-in area {} got no form field",
            m.name
        )));
    }
    Ok((fields, dropped))
}

/// Takes the merged-away placeholders off their pages.
fn remove_annotations(
    prev: &Document,
    new: &mut Document,
    placeholders: &[Placeholder],
    dropped: &HashSet<ObjectId>,
) -> Result<()> {
    let pages: HashSet<ObjectId> = placeholders
        .iter()
        .filter(|p| dropped.contains(&p.annot))
        .map(|p| p.page)
        .collect();
    for page in pages {
        let annots = match prev
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
        {
            Some(Object::Reference(id)) => *id,
            _ => page,
        };
        let keep = |list: &mut Vec<Object>| {
            list.retain(|a| a.as_reference().map_or(true, |id| !dropped.contains(&id)));
        };
        match edit(prev, new, annots)? {
            Object::Array(list) => keep(list),
            Object::Dictionary(d) => {
                if let Ok(Object::Array(list)) = d.get_mut(b"Annots") {
                    keep(list);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(name: &str, continues: bool) -> Mark {
        Mark {
            name: name.into(),
            target: name.into(),
            kind: Kind::Multiline,
            tooltip: "t".into(),
            info: Default::default(),
            value: None,
            continues,
            size: 11.0,
            page: 1,
            x: 0.0,
            y: 0.0,
            width: 1.0,
            height: 1.0,
        }
    }

    #[test]
    fn clashing_names_are_the_users_to_fix() {
        assert!(check_names(&[mark("a.b", false), mark("a.b", true)]).is_ok());
        let err = check_names(&[mark("a.b", false), mark("a.b", false)]).unwrap_err();
        assert!(err.to_string().contains("both be named a.b"), "{err}");
        assert!(err.is_bad_input());
        let err = check_names(&[mark("a.b", false), mark("a.b.c", false)]).unwrap_err();
        assert!(
            err.to_string()
                .contains("a.b would also be the group of a.b.c"),
            "{err}"
        );
    }
}
