//! The write-in areas as Typst laid them out: every `<field>` mark the
//! templates place (see templates/fields.typ), with its page and rectangle.
//! The form layer takes each field's kind and tooltip from here, and the
//! tests compare the form's widgets with these rectangles.

use std::collections::BTreeMap;

use typst::foundations::{Dict, Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;

use crate::diag::Error;

/// What a write-in area takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text: a table cell, a date, a name.
    Text,
    /// Several ruled lines: a prompt's answer, a notes page.
    Multiline,
    /// A box to tick.
    Check,
    /// One option of a group, of which one is chosen (a scale).
    Choice,
}

/// One marked area, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The field's full name, e.g. `apology.ana.what-i-did`.
    pub name: String,
    /// The name as the layout gives it, partners by placeholder
    /// (`apology.@a.what-i-did`): what its placeholder link carries.
    pub target: String,
    pub kind: Kind,
    /// What the area answers, whose first: announced by screen readers.
    pub tooltip: String,
    /// The same in parts (part, exercise, partner, prompt, row, column,
    /// scale), for `workbook answers` to group and label a filled book.
    pub info: BTreeMap<String, String>,
    /// For a choice: the option this area stands for.
    pub value: Option<String>,
    /// The size of typed text, in points.
    pub size: f64,
    /// The rest of an area marked before (a long prompt's flowing lines).
    pub continues: bool,
    /// 1-based.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Every mark in the laid-out document, in reading order.
pub fn marks(document: &typst_layout::PagedDocument) -> Result<Vec<Mark>, String> {
    read(&**document.introspector(), true)
}

/// Every mark of a document that has no pages (the HTML edition): the same
/// names, kinds and records, with no page or rectangle (all zero).
pub fn in_document(introspector: &dyn Introspector) -> Result<Vec<Mark>, String> {
    read(introspector, false)
}

/// The marks `introspector` found; `placed`: each must have been laid out
/// on a page.
fn read(introspector: &dyn Introspector, placed: bool) -> Result<Vec<Mark>, String> {
    let label = Label::new(PicoStr::intern("field")).expect("a valid label");
    let partners = Partners::read(introspector);
    let mut marks = Vec::new();
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            return Err("a <field> label is on something other than metadata".into());
        };
        let Value::Dict(dict) = &meta.value else {
            return Err("a <field> mark does not hold a dictionary".into());
        };
        let position = content
            .location()
            .and_then(|loc| introspector.position(loc))
            .and_then(|p| p.as_paged());
        let (page, x, y) = match position {
            Some(p) => (p.page.get(), p.point.x.to_pt(), p.point.y.to_pt()),
            None if !placed => (0, 0.0, 0.0),
            None => return Err("a <field> mark was not laid out".into()),
        };
        let target = text(dict, "name")?;
        let name = partners.resolve(&target);
        let kind = match text(dict, "kind")?.as_str() {
            "text" => Kind::Text,
            "multiline" => Kind::Multiline,
            "check" => Kind::Check,
            "choice" => Kind::Choice,
            other => return Err(format!("field {name}: unknown kind {other:?}")),
        };
        let mut info: BTreeMap<String, String> = match dict.get("info") {
            Ok(Value::Dict(info)) => info
                .iter()
                .filter_map(|(k, v)| match v {
                    // Zero-width spaces are break points in print only.
                    Value::Str(s) => Some((k.to_string(), s.as_str().replace('\u{200B}', ""))),
                    _ => None,
                })
                .collect(),
            _ => BTreeMap::new(),
        };
        // Long names carry zero-width spaces as break points in print;
        // a tooltip is read aloud, not broken.
        let mut tooltip = text(dict, "tooltip")?.replace('\u{200B}', "");
        let who = match dict.get("who") {
            Ok(Value::Str(who)) => Some(who.as_str()),
            _ => None,
        };
        tooltip = partners.fill(&tooltip, who);
        for value in info.values_mut() {
            *value = partners.fill(value, who);
        }
        // One partner's area: their name goes first in the tooltip.
        if let Some((partner, _)) = partners.pair(who) {
            tooltip = if tooltip.is_empty() {
                partner.to_string()
            } else {
                format!("{partner} — {tooltip}")
            };
            info.insert("partner".to_string(), partner.to_string());
        }
        let value = match dict.get("value") {
            Ok(Value::Str(s)) => Some(s.as_str().to_string()),
            _ => None,
        };
        marks.push(Mark {
            kind,
            tooltip,
            info,
            value,
            page,
            x,
            y,
            size: length(dict, "size", &name)?,
            continues: matches!(dict.get("continues"), Ok(Value::Bool(true))),
            width: length(dict, "width", &name)?,
            height: length(dict, "height", &name)?,
            name,
            target,
        });
    }
    Ok(marks)
}

/// The partners' names and field keys, from the `<couple-names>` mark the
/// templates place (templates/page.typ). Templates from before there was
/// one put the keys in the names themselves, and need nothing from here.
#[derive(Default)]
struct Partners {
    names: [String; 2],
    keys: [String; 2],
}

impl Partners {
    fn read(introspector: &dyn Introspector) -> Self {
        let label = Label::new(PicoStr::intern("couple-names")).expect("a valid label");
        let found = introspector.query(&Selector::Label(label));
        let Some(Value::Dict(names)) = found
            .first()
            .and_then(|c| c.to_packed::<MetadataElem>())
            .map(|m| m.value.clone())
        else {
            return Partners::default();
        };
        let both = |dict: &Dict| ["a", "b"].map(|k| text(dict, k).unwrap_or_default());
        let keys = match names.get("keys") {
            Ok(Value::Dict(keys)) => both(keys),
            _ => Default::default(),
        };
        Partners {
            names: both(&names),
            keys,
        }
    }

    /// The partner `"a"` or `"b"` and the other one, by name.
    fn pair(&self, who: Option<&str>) -> Option<(&str, &str)> {
        let [a, b] = &self.names;
        match who {
            Some("a") => Some((a, b)),
            Some("b") => Some((b, a)),
            _ => None,
        }
    }

    /// A tooltip's text with the names in place of the placeholders the
    /// templates keep there (templates/data.typ, `tip-names`): "{name}"
    /// and "{other}" for the partner `who` and the other one.
    fn fill(&self, text: &str, who: Option<&str>) -> String {
        if !text.contains('{') || self.names[0].is_empty() {
            return text.to_string();
        }
        let [a, b] = &self.names;
        let text = text.replace("{partner 1}", a).replace("{partner 2}", b);
        match self.pair(who) {
            Some((name, other)) => text.replace("{name}", name).replace("{other}", other),
            None => text,
        }
    }

    /// A field name with each partner's placeholder (`@a`, `@b`) replaced
    /// by their key.
    fn resolve(&self, name: &str) -> String {
        name.split('.')
            .map(|segment| match segment {
                "@a" => self.keys[0].as_str(),
                "@b" => self.keys[1].as_str(),
                s => s,
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

fn text(dict: &Dict, key: &str) -> Result<String, String> {
    match dict.get(key) {
        Ok(Value::Str(s)) => Ok(s.as_str().to_string()),
        _ => Err(format!("a <field> mark lacks the text `{key}`")),
    }
}

fn length(dict: &Dict, key: &str, name: &str) -> Result<f64, String> {
    match dict.get(key) {
        Ok(Value::Length(l)) => Ok(l.abs.to_pt()),
        _ => Err(format!("field {name}: `{key}` is not an absolute length")),
    }
}

/// What a user's templates whose write-in areas cannot become form fields
/// are told.
pub const FIELD_BLAME: (&str, &str) = (
    "the write-in areas of your templates",
    "every <field> mark needs the link that templates/fields.typ puts with it; compare with a fresh `workbook eject`",
);

/// The write-in areas for `--fillable`, read from the layout; there must be
/// at least one. `user` says the templates are the user's own.
pub fn for_form(document: &typst_layout::PagedDocument, user: bool) -> Result<Vec<Mark>, Error> {
    let marks =
        marks(document).map_err(|e| Error::finishing(e).blame_user_sources(user, FIELD_BLAME))?;
    if marks.is_empty() {
        return Err(Error::usage(
            "--fillable: the pages built here have no write-in areas, so there is nothing to fill in",
            Some("choose parts with exercises (see `workbook list`); with --sources, templates mark their write-in areas as templates/fields.typ shows".to_string()),
        ));
    }
    Ok(marks)
}
