//! Form fields for `--fillable`. The templates put an invisible link over
//! every write-in area (target `workbook-field:<name>`); Typst exports each
//! as a link annotation on the right page, with the right rectangle, listed
//! in the structure tree where the area is read. Here each of those
//! annotations becomes a form widget and its `Link` structure element a
//! `Form` element, so tab order and screen readers follow the reading order.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, text_string};

use super::{edit, form_font, internal_message};
use crate::error::Result;
use crate::fields::{Kind, Mark};

/// The link target prefix the templates use (templates/fields.typ).
const TARGET: &str = "workbook-field:";

/// Text colour of typed values: the book's ink, #222222.
const INK: &str = "0.133 g";

// Field flags (ISO 32000-1, tables 226, 227 and 228).
const MULTILINE: i64 = 1 << 12;
const NO_TOGGLE_TO_OFF: i64 = 1 << 14;
const RADIO: i64 = 1 << 15;

/// A placeholder link found on a page.
struct Placeholder {
    annot: ObjectId,
    page: ObjectId,
    rect: [f64; 4],
    name: String,
    value: Option<String>,
}

/// One field to write: a name, and one widget (several for a choice).
struct Field<'a> {
    name: String,
    mark: &'a Mark,
    /// For a flowing area broken across pages: which piece this is (1-based).
    piece: usize,
    widgets: Vec<&'a Placeholder>,
}

/// Turns the placeholders into fields. Returns how many fields there are.
pub fn add(prev: &Document, new: &mut Document, marks: &[Mark]) -> Result<usize> {
    let placeholders = find_placeholders(prev)?;
    let fields = fields(&placeholders, marks)?;
    let font = form_font::add(new);
    let resources = Dictionary::from_iter([(
        "Font",
        Object::Dictionary(Dictionary::from_iter([(
            form_font::RESOURCE,
            Object::Reference(font),
        )])),
    )]);
    let streams = SharedStreams::add(new, &resources);

    let mut terminals = Vec::with_capacity(fields.len());
    for field in &fields {
        let id = write_field(prev, new, field, &resources, &streams)?;
        terminals.push((field.name.clone(), id));
    }
    let top = build_tree(new, &terminals)?;
    retag(prev, new, &placeholders)?;

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
            Object::string_literal(format!("/{} 10 Tf {INK}", form_font::RESOURCE)),
        ),
        ("DR", Object::Dictionary(resources)),
    ]));
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| internal_message(format!("finding the catalog: {e}")))?;
    if let Object::Dictionary(catalog) = edit(prev, new, root)? {
        catalog.set("AcroForm", Object::Reference(acroform));
    }
    Ok(fields.len())
}

/// The placeholder links, page by page, in the order of each page's /Annots.
fn find_placeholders(doc: &Document) -> Result<Vec<Placeholder>> {
    let mut found = Vec::new();
    for page in doc.get_pages().into_values() {
        let dict = doc
            .get_dictionary(page)
            .map_err(|e| internal_message(format!("reading a page: {e}")))?;
        let annots = match dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Array(a)) => a.clone(),
                _ => continue,
            },
            _ => continue,
        };
        for annot in annots {
            let Ok(id) = annot.as_reference() else {
                continue;
            };
            let Ok(a) = doc.get_dictionary(id) else {
                continue;
            };
            let Some(target) = link_target(doc, a) else {
                continue;
            };
            let Some(rest) = target.strip_prefix(TARGET) else {
                continue;
            };
            let (name, value) = match rest.split_once('/') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (rest.to_string(), None),
            };
            let rect =
                rect(a).ok_or_else(|| internal_message(format!("field {name}: no /Rect")))?;
            found.push(Placeholder {
                annot: id,
                page,
                rect,
                name,
                value,
            });
        }
    }
    Ok(found)
}

/// The URI of a link annotation, if it is one.
fn link_target(doc: &Document, annot: &Dictionary) -> Option<String> {
    if annot.get(b"Subtype").and_then(Object::as_name).ok()? != b"Link" {
        return None;
    }
    let action = match annot.get(b"A").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    match action.get(b"URI").ok()? {
        Object::String(bytes, _) => String::from_utf8(bytes.clone()).ok(),
        _ => None,
    }
}

fn rect(annot: &Dictionary) -> Option<[f64; 4]> {
    let r = annot.get(b"Rect").and_then(Object::as_array).ok()?;
    let v: Vec<f64> = r
        .iter()
        .filter_map(|o| o.as_float().ok().map(f64::from))
        .collect();
    let [x0, y0, x1, y1] = v[..] else { return None };
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// Groups placeholders into fields and checks them against the marks: every
/// mark must have a placeholder and every placeholder a mark.
fn fields<'a>(placeholders: &'a [Placeholder], marks: &'a [Mark]) -> Result<Vec<Field<'a>>> {
    let mut by_name: HashMap<&str, &Mark> = HashMap::new();
    for m in marks {
        by_name.entry(m.name.as_str()).or_insert(m);
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for p in placeholders {
        let mark = by_name.get(p.name.as_str()).ok_or_else(|| {
            internal_message(format!("a form field {} has no mark in the layout", p.name))
        })?;
        match mark.kind {
            Kind::Choice => match index.get(p.name.as_str()) {
                Some(&i) => fields[i].widgets.push(p),
                None => {
                    index.insert(&p.name, fields.len());
                    fields.push(Field {
                        name: p.name.clone(),
                        mark,
                        piece: 1,
                        widgets: vec![p],
                    });
                }
            },
            _ => {
                // An area broken across pages gives one field per piece:
                // notes, notes-2, notes-3.
                let piece = fields.iter().filter(|f| f.mark.name == p.name).count() + 1;
                let name = if piece == 1 {
                    p.name.clone()
                } else {
                    format!("{}-{piece}", p.name)
                };
                fields.push(Field {
                    name,
                    mark,
                    piece,
                    widgets: vec![p],
                });
            }
        }
    }
    for m in marks {
        if !index.contains_key(m.name.as_str()) && !fields.iter().any(|f| f.mark.name == m.name) {
            return Err(internal_message(format!(
                "the write-in area {} got no form field",
                m.name
            )));
        }
    }
    let mut seen = HashMap::new();
    for f in &fields {
        if seen.insert(f.name.as_str(), ()).is_some() {
            return Err(internal_message(format!(
                "two write-in areas are both named {}",
                f.name
            )));
        }
    }
    Ok(fields)
}

/// Appearance streams shared by every checkbox and radio button.
struct SharedStreams {
    check_on: ObjectId,
    dot_on: ObjectId,
    off: ObjectId,
}

/// Checkboxes and scale circles are 3.6 and 3.4 mm (templates/exercise.typ);
/// their appearances are drawn in a box this size and scaled by the viewer
/// to the widget's rectangle.
const BUTTON: f64 = 10.0;

impl SharedStreams {
    fn add(doc: &mut Document, resources: &Dictionary) -> Self {
        let s = BUTTON;
        // A tick drawn with lines rather than a ZapfDingbats glyph, which
        // would be a font that is not embedded.
        let check = format!(
            "q 0.133 G {w:.2} w 1 J 1 j {a:.2} {b:.2} m {c:.2} {d:.2} l {e:.2} {f:.2} l S Q",
            w = s * 0.12,
            a = s * 0.2,
            b = s * 0.52,
            c = s * 0.42,
            d = s * 0.26,
            e = s * 0.82,
            f = s * 0.8,
        );
        let dot = circle(s / 2.0, s / 2.0, s * 0.3);
        SharedStreams {
            check_on: doc.add_object(form_xobject(s, s, resources, check)),
            dot_on: doc.add_object(form_xobject(s, s, resources, format!("q {INK} {dot} f Q"))),
            off: doc.add_object(form_xobject(s, s, resources, String::new())),
        }
    }
}

/// A filled circle as four Bézier curves.
fn circle(cx: f64, cy: f64, r: f64) -> String {
    let k = r * 0.552_284_75;
    format!(
        "{x0:.3} {cy:.3} m {x0:.3} {a:.3} {b:.3} {y1:.3} {cx:.3} {y1:.3} c \
         {c:.3} {y1:.3} {x1:.3} {a:.3} {x1:.3} {cy:.3} c \
         {x1:.3} {d:.3} {c:.3} {y0:.3} {cx:.3} {y0:.3} c \
         {b:.3} {y0:.3} {x0:.3} {d:.3} {x0:.3} {cy:.3} c",
        x0 = cx - r,
        x1 = cx + r,
        y0 = cy - r,
        y1 = cy + r,
        a = cy + k,
        b = cx - k,
        c = cx + k,
        d = cy - k,
    )
}

fn form_xobject(w: f64, h: f64, resources: &Dictionary, content: String) -> Stream {
    Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), real(w), real(h)]),
            ),
            ("Resources", Object::Dictionary(resources.clone())),
        ]),
        content.into_bytes(),
    )
}

fn real(v: f64) -> Object {
    Object::Real((v * 1000.0).round() as f32 / 1000.0)
}

/// The size typed text gets: what the template asks for (the body size
/// over ruled lines, the table's size in cells), never too tall for the
/// area. Fixed, not 0 (auto), so that text does not shrink as it grows.
fn font_size(preferred: f64, height: f64) -> f64 {
    preferred.min((height * 0.6).floor()).max(6.0)
}

/// Rewrites a field's placeholder annotation(s) into widget(s). Returns the
/// terminal field's object: the widget itself, or a new radio group.
fn write_field(
    prev: &Document,
    new: &mut Document,
    field: &Field,
    resources: &Dictionary,
    streams: &SharedStreams,
) -> Result<ObjectId> {
    let mark = field.mark;
    let tooltip = if field.piece > 1 {
        format!("{} (continued)", mark.tooltip)
    } else {
        mark.tooltip.clone()
    };
    if mark.kind == Kind::Choice {
        let group = new.add_object(Dictionary::from_iter([
            ("FT", Object::Name(b"Btn".to_vec())),
            ("Ff", Object::Integer(RADIO | NO_TOGGLE_TO_OFF)),
            ("V", Object::Name(b"Off".to_vec())),
            ("TU", text_string(&tooltip)),
        ]));
        let mut kids = Vec::new();
        for w in &field.widgets {
            let value = w.value.clone().unwrap_or_else(|| "On".into());
            let annot = widget(prev, new, w)?;
            annot.set("Parent", Object::Reference(group));
            annot.set("AS", Object::Name(b"Off".to_vec()));
            annot.set("AP", states(value.as_bytes(), streams.dot_on, streams.off));
            kids.push(Object::Reference(w.annot));
        }
        if let Ok(Object::Dictionary(g)) = new.get_object_mut(group) {
            g.set("Kids", Object::Array(kids));
        }
        return Ok(group);
    }
    let w = field.widgets[0];
    let [x0, y0, x1, y1] = w.rect;
    let appearance = match mark.kind {
        Kind::Check => None,
        _ => {
            // An empty field draws nothing, so the ruled lines show through.
            let stream = form_xobject(x1 - x0, y1 - y0, resources, "/Tx BMC\nEMC\n".into());
            Some(new.add_object(stream))
        }
    };
    let annot = widget(prev, new, w)?;
    annot.set("TU", text_string(&tooltip));
    match mark.kind {
        Kind::Check => {
            annot.set("FT", Object::Name(b"Btn".to_vec()));
            annot.set("V", Object::Name(b"Off".to_vec()));
            annot.set("AS", Object::Name(b"Off".to_vec()));
            annot.set("AP", states(b"Yes", streams.check_on, streams.off));
        }
        _ => {
            annot.set("FT", Object::Name(b"Tx".to_vec()));
            if mark.kind == Kind::Multiline {
                annot.set("Ff", Object::Integer(MULTILINE));
            }
            let size = font_size(mark.size, y1 - y0);
            annot.set(
                "DA",
                Object::string_literal(format!("/{} {size} Tf {INK}", form_font::RESOURCE)),
            );
            annot.set("Q", Object::Integer(0));
            if let Some(ap) = appearance {
                annot.set(
                    "AP",
                    Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(ap))])),
                );
            }
        }
    }
    Ok(w.annot)
}

/// An appearance dictionary with an "on" state named `on` and /Off.
fn states(on: &[u8], on_stream: ObjectId, off: ObjectId) -> Object {
    let normal = Dictionary::from_iter([
        (on.to_vec(), Object::Reference(on_stream)),
        (b"Off".to_vec(), Object::Reference(off)),
    ]);
    Object::Dictionary(Dictionary::from_iter([("N", Object::Dictionary(normal))]))
}

/// The placeholder's annotation, changed from a link into a bare widget.
fn widget<'a>(
    prev: &Document,
    new: &'a mut Document,
    p: &Placeholder,
) -> Result<&'a mut Dictionary> {
    let Object::Dictionary(annot) = edit(prev, new, p.annot)? else {
        return Err(internal_message(format!(
            "field {}: not a dictionary",
            p.name
        )));
    };
    for key in [
        &b"A"[..],
        b"Border",
        b"Contents",
        b"QuadPoints",
        b"H",
        b"BS",
    ] {
        annot.remove(key);
    }
    annot.set("Subtype", Object::Name(b"Widget".to_vec()));
    annot.set("F", Object::Integer(4));
    annot.set("P", Object::Reference(p.page));
    // No border or background: printed, a blank field shows the page's own lines.
    annot.set("MK", Object::Dictionary(Dictionary::new()));
    Ok(annot)
}

/// Builds the field hierarchy from dotted names: `apology.ana.what-i-did`
/// is field `what-i-did` under `ana` under `apology`, since a partial name
/// may not contain a dot. Returns the top-level fields.
fn build_tree(new: &mut Document, terminals: &[(String, ObjectId)]) -> Result<Vec<ObjectId>> {
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
                return Err(internal_message(format!(
                    "field {prefix} is both a field and a group of fields ({name})"
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

/// The structure side: each placeholder's `Link` element becomes a `Form`
/// element. Where one link was broken across pages its element holds
/// several widgets; each gets a `Form` element of its own, in order.
fn retag(prev: &Document, new: &mut Document, placeholders: &[Placeholder]) -> Result<()> {
    let Some(tree) = parent_tree(prev)? else {
        return Ok(()); // An untagged PDF: nothing to retag.
    };
    let mut elements: Vec<ObjectId> = Vec::new();
    for p in placeholders {
        let key = prev
            .get_dictionary(p.annot)
            .ok()
            .and_then(|a| a.get(b"StructParent").ok())
            .and_then(|k| k.as_i64().ok())
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
    for element in elements {
        let Object::Dictionary(e) = edit(prev, new, element)? else {
            return Err(internal_message(
                "a structure element is not a dictionary".into(),
            ));
        };
        e.set("S", Object::Name(b"Form".to_vec()));
        let kids = match e.get(b"K") {
            Ok(Object::Array(k)) => k.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        let objrs: Vec<&Object> = kids.iter().filter(|k| is_objr(prev, k)).collect();
        if objrs.len() <= 1 {
            continue;
        }
        // Keep the first widget here; give the others elements of their own.
        let parent = e
            .get(b"P")
            .and_then(Object::as_reference)
            .map_err(|_| internal_message("a structure element without a parent".into()))?;
        let first = objrs[0].clone();
        let rest: Vec<Object> = objrs[1..].iter().map(|o| (*o).clone()).collect();
        let others: Vec<Object> = kids.iter().filter(|k| !is_objr(prev, k)).cloned().collect();
        let mut keep = others;
        keep.insert(0, first);
        e.set("K", Object::Array(keep));
        let mut added = Vec::new();
        for objr in rest {
            let annot = objr_target(prev, &objr);
            let id = new.add_object(Dictionary::from_iter([
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(b"Form".to_vec())),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(vec![objr])),
            ]));
            if let Some(key) = annot.and_then(|a| {
                prev.get_dictionary(a)
                    .ok()
                    .and_then(|d| d.get(b"StructParent").ok())
                    .and_then(|k| k.as_i64().ok())
            }) {
                moved.insert(key, id);
            }
            added.push(id);
        }
        insert_after(prev, new, parent, element, &added)?;
    }
    if !moved.is_empty() {
        rewrite_parent_tree(prev, new, tree, &moved)?;
    }
    Ok(())
}

fn is_objr(doc: &Document, o: &Object) -> bool {
    let dict = match o {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    };
    dict.and_then(|d| d.get(b"Type").ok())
        .and_then(|t| t.as_name().ok())
        == Some(b"OBJR".as_slice())
}

fn objr_target(doc: &Document, o: &Object) -> Option<ObjectId> {
    let dict = match o {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }?;
    dict.get(b"Obj").and_then(Object::as_reference).ok()
}

/// Puts `added` right after `element` among `parent`'s kids.
fn insert_after(
    prev: &Document,
    new: &mut Document,
    parent: ObjectId,
    element: ObjectId,
    added: &[ObjectId],
) -> Result<()> {
    let Object::Dictionary(p) = edit(prev, new, parent)? else {
        return Err(internal_message(
            "a structure parent is not a dictionary".into(),
        ));
    };
    let mut kids = match p.get(b"K") {
        Ok(Object::Array(k)) => k.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    let at = kids
        .iter()
        .position(|k| k.as_reference().ok() == Some(element))
        .ok_or_else(|| internal_message("a structure element is missing from its parent".into()))?;
    for (i, id) in added.iter().enumerate() {
        kids.insert(at + 1 + i, Object::Reference(*id));
    }
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
/// pointing at their new elements.
fn rewrite_parent_tree(
    prev: &Document,
    new: &mut Document,
    mut tree: BTreeMap<i64, Object>,
    moved: &BTreeMap<i64, ObjectId>,
) -> Result<()> {
    for (key, id) in moved {
        tree.insert(*key, Object::Reference(*id));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_fits_the_area() {
        assert_eq!(font_size(11.0, 150.0), 11.0);
        assert_eq!(font_size(9.5, 24.0), 9.5);
        assert_eq!(font_size(9.5, 12.0), 7.0);
    }
}
