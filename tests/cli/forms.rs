//! `--fillable`: a form field over every marked write-in area, placed from
//! the layout, named stably, tagged, and invisible on paper.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId, decode_text_string};
use workbook::typeset::marks::{Kind, Mark};

use crate::support::{
    BUILD, Test, compile, engine, filled_shapes, options, page_texts, practice_with,
    prompt_exercise, rules, tempdir,
};

/// One widget as a PDF reader sees it.
#[derive(Debug, Clone)]
struct Widget {
    /// The fully qualified field name.
    name: String,
    field_type: String,
    flags: i64,
    /// For a radio button, the name of its "on" state.
    on_state: Option<String>,
    tooltip: String,
    /// 1-based.
    page: usize,
    /// x0, y0, x1, y1 in PDF points (origin bottom-left).
    rect: [f64; 4],
    page_height: f64,
    id: ObjectId,
    has_value: bool,
    font_size: Option<f64>,
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn int(d: &Dictionary, key: &[u8]) -> Option<i64> {
    d.get(key).ok().and_then(|o| o.as_i64().ok())
}

/// Every widget of the AcroForm, walking the field tree.
fn widgets(doc: &Document) -> Vec<Widget> {
    let pages: HashMap<ObjectId, usize> = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let form = dict(doc, doc.catalog().unwrap().get(b"AcroForm").unwrap());
    let mut out = Vec::new();
    for top in form.get(b"Fields").unwrap().as_array().unwrap() {
        walk(
            doc,
            &pages,
            top.as_reference().unwrap(),
            "",
            None,
            0,
            &mut out,
        );
    }
    out
}

fn walk(
    doc: &Document,
    pages: &HashMap<ObjectId, usize>,
    id: ObjectId,
    prefix: &str,
    field_type: Option<String>,
    flags: i64,
    out: &mut Vec<Widget>,
) {
    let d = doc.get_dictionary(id).unwrap();
    let partial = decode_text_string(d.get(b"T").unwrap()).unwrap();
    assert!(!partial.contains('.'), "partial name {partial:?} has a dot");
    let name = if prefix.is_empty() {
        partial
    } else {
        format!("{prefix}.{partial}")
    };
    let field_type = d
        .get(b"FT")
        .ok()
        .map(|n| String::from_utf8(n.as_name().unwrap().to_vec()).unwrap())
        .or(field_type);
    let flags = int(d, b"Ff").unwrap_or(flags);
    let tooltip = d.get(b"TU").map(|t| decode_text_string(t).unwrap());
    match d.get(b"Kids") {
        Ok(Object::Array(kids)) => {
            for kid in kids {
                let kid_id = kid.as_reference().unwrap();
                let k = doc.get_dictionary(kid_id).unwrap();
                if k.has(b"T") {
                    walk(doc, pages, kid_id, &name, field_type.clone(), flags, out);
                } else {
                    // A radio group's buttons: widgets without names of their own.
                    let states = dict(doc, dict(doc, k.get(b"AP").unwrap()).get(b"N").unwrap());
                    let on = states
                        .iter()
                        .map(|(k, _)| String::from_utf8(k.clone()).unwrap())
                        .find(|k| k != "Off");
                    out.push(widget(
                        doc,
                        pages,
                        kid_id,
                        k,
                        &name,
                        &field_type,
                        flags,
                        &tooltip,
                        on,
                    ));
                }
            }
        }
        _ => out.push(widget(
            doc,
            pages,
            id,
            d,
            &name,
            &field_type,
            flags,
            &tooltip,
            None,
        )),
    }
}

#[allow(clippy::too_many_arguments)]
fn widget(
    doc: &Document,
    pages: &HashMap<ObjectId, usize>,
    id: ObjectId,
    d: &Dictionary,
    name: &str,
    field_type: &Option<String>,
    flags: i64,
    tooltip: &lopdf::Result<String>,
    on_state: Option<String>,
) -> Widget {
    assert_eq!(
        d.get(b"Subtype").unwrap().as_name().unwrap(),
        b"Widget",
        "{name}"
    );
    let page_id = d.get(b"P").unwrap().as_reference().unwrap();
    let media = doc
        .get_dictionary(page_id)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| f64::from(v.as_float().unwrap()))
        .collect::<Vec<_>>();
    let r: Vec<f64> = d
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| f64::from(v.as_float().unwrap()))
        .collect();
    let font_size = d.get(b"DA").ok().map(|da| {
        let da = String::from_utf8(da.as_str().unwrap().to_vec()).unwrap();
        let parts: Vec<&str> = da.split_whitespace().collect();
        let tf = parts.iter().position(|p| *p == "Tf").unwrap();
        parts[tf - 1].parse().unwrap()
    });
    Widget {
        name: name.to_string(),
        field_type: field_type.clone().expect("a field type"),
        flags,
        on_state,
        tooltip: tooltip.as_ref().cloned().unwrap_or_default(),
        page: pages[&page_id],
        rect: [
            r[0].min(r[2]),
            r[1].min(r[3]),
            r[0].max(r[2]),
            r[1].max(r[3]),
        ],
        page_height: media[3] - media[1],
        id,
        has_value: match d.get(b"V") {
            Ok(Object::String(s, _)) => !s.is_empty(),
            Ok(Object::Name(n)) => n != b"Off",
            _ => false,
        },
        font_size,
    }
}

/// The marks of the laid-out book and the fillable PDF, built in-process.
fn build(args: &[&str]) -> (Vec<Mark>, Document, workbook::Compiled) {
    let mut all = args.to_vec();
    all.push("--fillable");
    let opts = options(&all);
    let (engine, content) = engine();
    let compiled = workbook::compile(engine, content, &opts).unwrap();
    let marks = workbook::typeset::marks::marks(&compiled.document).unwrap();
    let pdf = workbook::build_pdf(engine, content, &opts).unwrap();
    crate::support::forget_layouts();
    (marks, Document::load_mem(&pdf).unwrap(), compiled)
}

/// How far a widget is from a mark, in points: the largest difference of
/// left, top, width and height.
fn distance(w: &Widget, m: &Mark) -> f64 {
    let top = w.page_height - w.rect[3];
    [
        (w.rect[0] - m.x).abs(),
        (top - m.y).abs(),
        (w.rect[2] - w.rect[0] - m.width).abs(),
        (w.rect[3] - w.rect[1] - m.height).abs(),
    ]
    .into_iter()
    .fold(0.0, f64::max)
}

fn check_fields_match_marks(args: &[&str]) {
    let (marks, doc, compiled) = build(args);
    let widgets = widgets(&doc);
    assert!(marks.len() > 500, "{} marks for {args:?}", marks.len());
    // One widget per marked area (the embedded guide has no area that
    // breaks across pages), so at least one field for each.
    assert_eq!(widgets.len(), marks.len(), "{args:?}");
    for m in &marks {
        let w = widgets
            .iter()
            .filter(|w| w.name == m.name && w.on_state == m.value && w.page == m.page)
            .min_by(|a, b| distance(a, m).total_cmp(&distance(b, m)))
            .unwrap_or_else(|| panic!("no widget for {} on page {}", m.name, m.page));
        assert!(
            distance(w, m) <= 2.0,
            "{} is {:.2} pt off its area: {w:?} {m:?}",
            m.name,
            distance(w, m)
        );
    }
    // And the areas are the ruled ones: each line to write on has a drawn
    // line (a ruled line or a table border) along its bottom edge.
    for m in marks
        .iter()
        .filter(|m| matches!(m.kind, Kind::Text | Kind::Multiline))
    {
        let frame = &compiled.document.pages()[m.page - 1].frame;
        let bottom = m.y + m.height;
        let ruled = rules(frame).into_iter().any(|s| {
            (s.y - bottom).abs() <= 2.0 && s.x <= m.x + 2.0 && s.x + s.w >= m.x + m.width - 2.0
        });
        assert!(ruled, "no ruled line under {} on page {}", m.name, m.page);
    }
}

#[test]
fn fields_sit_on_their_ruled_areas_a4() {
    check_fields_match_marks(&["--names", "Ana & Ben", "--paper", "a4"]);
}

#[test]
fn fields_sit_on_their_ruled_areas_letter_duplex_college() {
    check_fields_match_marks(&[
        "--names",
        "Ana & Ben",
        "--paper",
        "letter",
        "--sides",
        "duplex",
        "--ruling",
        "college",
        "--start-date",
        "2026-12-01",
    ]);
}

#[test]
fn field_names_are_readable_unique_and_typed() {
    let (_, doc, _) = build(&["--names", "Ana & Ben", "--paper", "a4"]);
    let widgets = widgets(&doc);
    let by_name: HashMap<&str, &Widget> = widgets.iter().map(|w| (w.name.as_str(), w)).collect();
    let multiline = 1 << 12;
    // A prompt's ruled lines are a one-line field each (issue 18), so that
    // typed text sits on the rules; table cells of several lines, which
    // have no rules inside, stay multi-line.
    for (name, ty, lines) in [
        ("apology.ana.what-i-did.line-1", "Tx", false),
        ("apology.ben.what-i-did.line-4", "Tx", false),
        ("gratitude-log.ben.day-07", "Tx", false),
        ("gratitude-log.ben.day-07-date", "Tx", false),
        (
            "boundary-list.boundaries.phones-and-online-life.what-partner-1-needs",
            "Tx",
            true,
        ),
        ("weekly-check-in.weeks.week-02.what-went-well", "Tx", true),
        (
            "boundary-list.boundaries.phones-and-online-life.what-we-agree",
            "Tx",
            true,
        ),
        // Narrow columns take a date or initials: one line.
        (
            "boundary-list.boundaries.phones-and-online-life.review-on",
            "Tx",
            false,
        ),
        ("boundary-list.boundaries.row-8.area", "Tx", true),
        ("commitments.signatures.ana.name", "Tx", false),
        ("commitments.signatures.ben.date", "Tx", false),
        ("safety.numbers.crisis-line", "Tx", false),
        ("notes.page-1.line-1", "Tx", false),
    ] {
        let w = by_name
            .get(name)
            .unwrap_or_else(|| panic!("no field {name}"));
        assert_eq!(w.field_type, ty, "{name}");
        assert_eq!(w.flags & multiline != 0, lines, "{name}: multi-line");
        assert!(!w.tooltip.is_empty(), "{name} has no tooltip");
    }
    assert_eq!(
        by_name["apology.ana.what-i-did.line-1"].tooltip,
        "Ana — What I did, in plain words"
    );
    assert_eq!(
        by_name["apology.ana.what-i-did.line-2"].tooltip,
        "Ana — What I did, in plain words, line 2"
    );
    assert_eq!(
        by_name["apology.ana.how-it-affected-you.line-1"].tooltip,
        "Ana — How it affected you, Ben"
    );
    // Each partner's copy says whose it is; a checkbox and a scale line
    // say the question too (issue 18).
    assert_eq!(
        by_name["apology.ben.what-i-did.line-1"].tooltip,
        "Ben — What I did, in plain words"
    );
    assert_eq!(
        by_name["connection-menu.ben.gestures.holding-hands-on-a-walk"].tooltip,
        "Ben — Small gestures I would like to try — Holding hands on a walk"
    );
    assert!(
        by_name["gratitude-log.ana.day-07"]
            .tooltip
            .starts_with("Ana — Day 7"),
        "{}",
        by_name["gratitude-log.ana.day-07"].tooltip
    );
    assert_eq!(
        by_name["boundary-list.boundaries.phones-and-online-life.what-partner-1-needs"].tooltip,
        "Phones and online life: What Ana needs"
    );
    assert_eq!(
        by_name["commitments.signatures.ben.date"].tooltip,
        "Date signed by Ben"
    );
    // Typed text: the body size over ruled lines, the table's size in cells.
    assert_eq!(
        by_name["apology.ana.what-i-did.line-1"].font_size,
        Some(11.0)
    );
    assert_eq!(
        by_name["weekly-check-in.weeks.week-02.what-went-well"].font_size,
        Some(9.5)
    );
    assert_eq!(
        by_name["boundary-list.boundaries.row-8.area"].font_size,
        Some(9.5)
    );
    // Unique (radio buttons share their group's name) and plain.
    let mut seen = BTreeSet::new();
    for w in widgets.iter().filter(|w| w.on_state.is_none()) {
        assert!(seen.insert(&w.name), "{} twice", w.name);
        assert!(
            w.name.split('.').all(|p| !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')),
            "{}",
            w.name
        );
    }
    // Typed values fit the ruling: at most 11 pt, smaller than the area.
    for w in &widgets {
        if w.field_type == "Tx" {
            let size = w.font_size.expect("a fixed font size");
            assert!(
                (6.0..=11.0).contains(&size) && size < (w.rect[3] - w.rect[1]),
                "{}: {size} pt",
                w.name
            );
        }
    }
}

#[test]
fn checklists_get_checkboxes_and_scales_radio_buttons() {
    let (_, doc, _) = build(&["--names", "Ana & Ben", "--paper", "a4"]);
    let widgets = widgets(&doc);
    let (_, content) = engine();
    // Expected from the content: each item of each checklist, once per copy.
    let (mut items, mut scale_items) = (0, 0);
    for ex in content.exercises.values() {
        let copies = if matches!(ex.who, workbook::guide::Who::Each) {
            2
        } else {
            1
        };
        for b in &ex.blocks {
            let b = b.get_ref();
            let n = b.items.as_ref().map_or(0, |i| i.get_ref().len());
            match b.kind {
                workbook::guide::BlockKind::Checklist => items += n * copies,
                workbook::guide::BlockKind::Scale => scale_items += n * copies,
                _ => {}
            }
        }
    }
    let checkboxes: Vec<_> = widgets
        .iter()
        .filter(|w| w.field_type == "Btn" && w.on_state.is_none())
        .collect();
    assert_eq!(checkboxes.len(), items);
    assert!(items > 30);
    let radio = 1 << 15;
    let buttons: Vec<_> = widgets.iter().filter(|w| w.on_state.is_some()).collect();
    assert_eq!(
        buttons.len(),
        scale_items * 6,
        "six buttons, 0 to 5, per scale item"
    );
    assert!(buttons.iter().all(|w| w.flags & radio != 0));
    let group = "self-care-plan.ana.how-i-am-doing";
    let states: Vec<_> = buttons
        .iter()
        .filter(|w| w.name.starts_with(group))
        .filter_map(|w| w.on_state.clone())
        .take(6)
        .collect();
    assert_eq!(states, ["0", "1", "2", "3", "4", "5"]);
    assert!(
        checkboxes
            .iter()
            .any(|w| w.name == "trust-patterns.ana.signs.i-hold-back-from-opening-up-in"),
        "{:?}",
        checkboxes
            .iter()
            .take(3)
            .map(|w| &w.name)
            .collect::<Vec<_>>()
    );
}

#[test]
fn fields_start_empty_unlocked_and_printable() {
    let (_, doc, _) = build(&["--names", "Ana & Ben", "--paper", "a4"]);
    let read_only = 1;
    for w in widgets(&doc) {
        assert!(!w.has_value, "{} has a value", w.name);
        assert_eq!(w.flags & read_only, 0, "{} is read-only", w.name);
        let d = doc.get_dictionary(w.id).unwrap();
        assert_eq!(int(d, b"F"), Some(4), "{}: print flag only", w.name);
        assert!(d.has(b"AP"), "{} has no appearance", w.name);
        if w.field_type == "Tx" {
            // The appearance is the field's size: tools that fill the form
            // draw into this box, and a small box scaled up gives huge text.
            let normal = dict(&doc, d.get(b"AP").unwrap()).get(b"N").unwrap();
            let stream = doc.get_object(normal.as_reference().unwrap()).unwrap();
            let bbox: Vec<f64> = stream
                .as_stream()
                .unwrap()
                .dict
                .get(b"BBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| f64::from(v.as_float().unwrap()))
                .collect();
            let (w_, h_) = (w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]);
            assert!(
                (bbox[2] - bbox[0] - w_).abs() < 0.01 && (bbox[3] - bbox[1] - h_).abs() < 0.01,
                "{}: {bbox:?}",
                w.name
            );
        }
    }
    let form = dict(&doc, doc.catalog().unwrap().get(b"AcroForm").unwrap());
    assert!(
        !matches!(form.get(b"NeedAppearances"), Ok(Object::Boolean(true))),
        "appearances are ours, not left to the viewer"
    );
    // The typing font is embedded whole.
    let fonts = dict(
        &doc,
        dict(&doc, form.get(b"DR").unwrap()).get(b"Font").unwrap(),
    );
    let (_, font) = fonts.iter().next().unwrap();
    let font = dict(&doc, font);
    let cid_font = dict(
        &doc,
        &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
    );
    let descriptor = dict(&doc, cid_font.get(b"FontDescriptor").unwrap());
    assert!(descriptor.has(b"FontFile2"));
    // Composite (issue 18): a code for every letter Open Sans has.
    assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
    assert_eq!(
        font.get(b"Encoding").unwrap().as_name().unwrap(),
        b"Identity-H"
    );
    assert!(font.has(b"ToUnicode"));
}

/// The structure element each widget belongs to, through the parent tree.
fn parent_element(doc: &Document, widget: ObjectId) -> &Dictionary {
    let key = int(doc.get_dictionary(widget).unwrap(), b"StructParent").expect("a /StructParent");
    let root = dict(doc, doc.catalog().unwrap().get(b"StructTreeRoot").unwrap());
    let tree = dict(doc, root.get(b"ParentTree").unwrap());
    let mut nodes = vec![tree];
    while let Some(node) = nodes.pop() {
        if let Ok(Object::Array(nums)) = node.get(b"Nums") {
            for pair in nums.chunks(2) {
                if pair[0].as_i64().unwrap() == key {
                    return dict(doc, &pair[1]);
                }
            }
        }
        if let Ok(Object::Array(kids)) = node.get(b"Kids") {
            nodes.extend(kids.iter().map(|k| dict(doc, k)));
        }
    }
    panic!("key {key} is not in the parent tree")
}

fn objr_targets(doc: &Document, element: &Dictionary) -> Vec<ObjectId> {
    let kids = match element.get(b"K").unwrap() {
        Object::Array(k) => k.clone(),
        other => vec![other.clone()],
    };
    kids.iter()
        .filter_map(|k| match k {
            Object::Dictionary(_) | Object::Reference(_) => {
                let d = dict(doc, k);
                (d.get(b"Type").ok()?.as_name().ok()? == b"OBJR")
                    .then(|| d.get(b"Obj").unwrap().as_reference().unwrap())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_widget_is_a_form_element_in_the_structure_tree() {
    let (_, doc, _) = build(&["--names", "Ana & Ben", "--paper", "letter"]);
    for w in widgets(&doc) {
        let element = parent_element(&doc, w.id);
        assert_eq!(
            element.get(b"S").unwrap().as_name().unwrap(),
            b"Form",
            "{}",
            w.name
        );
        assert_eq!(
            objr_targets(&doc, element),
            [w.id],
            "{}: one widget per Form element",
            w.name
        );
        let page = doc.get_pages()[&(w.page as u32)];
        let tabs = doc.get_dictionary(page).unwrap().get(b"Tabs").unwrap();
        assert_eq!(
            tabs.as_name().unwrap(),
            b"S",
            "page {}: tab order by structure",
            w.page
        );
    }
}

/// The widgets in the order of the structure tree, which is the tab order
/// with /Tabs /S: depth first, kids in order.
fn structure_order(doc: &Document) -> Vec<ObjectId> {
    fn walk(doc: &Document, o: &Object, out: &mut Vec<ObjectId>) {
        let d = match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(Object::Dictionary(d)) => d,
                _ => return,
            },
            Object::Dictionary(d) => d,
            Object::Array(items) => {
                items.iter().for_each(|i| walk(doc, i, out));
                return;
            }
            _ => return, // a marked-content id
        };
        if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR".as_slice()) {
            out.extend(d.get(b"Obj").and_then(Object::as_reference).ok());
        } else if let Ok(k) = d.get(b"K") {
            walk(doc, k, out);
        }
    }
    let mut out = Vec::new();
    let root = dict(doc, doc.catalog().unwrap().get(b"StructTreeRoot").unwrap());
    walk(doc, root.get(b"K").unwrap(), &mut out);
    out
}

#[test]
fn tab_order_follows_the_reading_order() {
    // With /Tabs /S the structure tree gives the tab order: on a tracker
    // page, row by row, left to right; an apology from top to bottom.
    let (_, doc, _) = build(&["--names", "Ana & Ben", "--paper", "a4"]);
    let widgets = widgets(&doc);
    let name_of: HashMap<ObjectId, &str> =
        widgets.iter().map(|w| (w.id, w.name.as_str())).collect();
    let order: Vec<&str> = structure_order(&doc)
        .iter()
        .filter_map(|id| name_of.get(id).copied())
        .collect();
    assert_eq!(
        order.len(),
        widgets.len(),
        "every widget is in the tree once"
    );
    let starting = |prefix: &str, n: usize| -> Vec<&str> {
        order
            .iter()
            .copied()
            .filter(|w| w.starts_with(prefix))
            .take(n)
            .collect()
    };
    assert_eq!(
        starting("weekly-check-in.weeks.week-0", 5),
        [
            "weekly-check-in.weeks.week-01-date",
            "weekly-check-in.weeks.week-01.what-went-well",
            "weekly-check-in.weeks.week-01.what-was-hard",
            "weekly-check-in.weeks.week-01.what-we-need",
            "weekly-check-in.weeks.week-01.one-kind-thing-i-noticed",
        ]
    );
    // An apology from top to bottom, each prompt's lines in order.
    let mut areas: Vec<(&str, usize)> = order
        .iter()
        .filter(|w| w.starts_with("apology.ana."))
        .filter_map(|w| w.rsplit_once(".line-"))
        .map(|(area, n)| (area, n.parse().unwrap()))
        .collect();
    let lines_in_order = areas
        .windows(2)
        .all(|p| p[0].0 != p[1].0 || p[0].1 + 1 == p[1].1);
    assert!(lines_in_order, "{areas:?}");
    areas.dedup_by(|a, b| a.0 == b.0);
    let areas: Vec<&str> = areas.iter().map(|a| a.0).collect();
    assert_eq!(
        areas,
        [
            "apology.ana.what-i-did",
            "apology.ana.lies-and-cover-up",
            "apology.ana.how-it-affected-you",
            "apology.ana.i-am-sorry-for",
            "apology.ana.what-i-feel",
            "apology.ana.what-i-will-do",
            "apology.ana.not-asking",
        ]
    );
    // And the book's order: Ana's apology before Ben's, the commitments last
    // but for the notes pages.
    let at = |name: &str| order.iter().position(|w| *w == name).unwrap();
    assert!(at("apology.ana.what-i-did.line-1") < at("apology.ben.what-i-did.line-1"));
    assert!(at("commitments.signatures.ben.date") < at("notes.page-1.line-1"));
}

#[test]
fn fillable_changes_nothing_on_paper() {
    let args = [
        "--names",
        "Ana & Ben",
        "--paper",
        "a4",
        "--start-date",
        "2026-12-01",
    ];
    let plain = compile(&args).unwrap();
    let mut with = args.to_vec();
    with.push("--fillable");
    let fillable = compile(&with).unwrap();
    assert_eq!(page_texts(&plain.document), page_texts(&fillable.document));
    // Every drawn shape and rule where it was, to a hundredth of a point.
    let shapes = |c: &workbook::Compiled| {
        c.document
            .pages()
            .iter()
            .map(|p| {
                filled_shapes(&p.frame)
                    .into_iter()
                    .chain(rules(&p.frame))
                    .map(|s| [s.x, s.y, s.w, s.h].map(|v| (v * 100.0).round() as i64))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shapes(&plain), shapes(&fillable));
}

#[test]
fn a_plain_build_has_no_form_and_no_placeholders() {
    let opts = options(&["--names", "Ana & Ben", "--paper", "a4"]);
    let (engine, content) = engine();
    let pdf = workbook::build_pdf(engine, content, &opts).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert!(doc.catalog().unwrap().get(b"AcroForm").is_err());
    assert!(!pdf.windows(15).any(|w| w == b"workbook-field:"));
}

#[test]
fn fillable_and_booklet_exit_2() {
    let r = Test::build()
        .args(["--booklet", "--fillable"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(r.stderr);
}

fn fields_in(path: &Path) -> Vec<String> {
    let doc = Document::load(path).unwrap();
    widgets(&doc).into_iter().map(|w| w.name).collect()
}

#[test]
fn fillable_from_the_config_file_and_byte_identical_rebuilds() {
    let one = Test::build()
        .config("[print]\nfillable = true\npaper = \"a4\"\n")
        .args(["-o", "one.pdf"])
        .run();
    let two = one.then().args(BUILD).args(["-o", "two.pdf"]).run();
    assert!(
        two.read("one.pdf") == two.read("two.pdf"),
        "the same inputs give the same bytes"
    );
    let names = fields_in(&two.path("one.pdf"));
    assert!(names.contains(&"apology.ana.what-i-did.line-1".to_string()));
}

#[test]
fn fillable_keeps_the_pdf_ua_and_pdf_a_identification() {
    // No PDF/UA or PDF/A validator runs here; this checks that the form's
    // revision keeps Typst's identification and that Typst accepts both.
    let out = Test::build()
        .args(["--paper", "letter", "--fillable"])
        .args(["--pdf-standard", "ua-1", "--pdf-standard", "a-2b"])
        .args(["-o", "out.pdf"])
        .run();
    let pdf = out.read("out.pdf");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("pdfuaid:part") && text.contains("pdfaid:part"));
    assert!(!fields_in(&out.path("out.pdf")).is_empty());
}

#[test]
fn names_become_keys_and_print_as_data() {
    let (_, doc, _) = build(&["--names", "#panic(\"x\") & $x$", "--paper", "a4"]);
    let names: Vec<String> = widgets(&doc).into_iter().map(|w| w.name).collect();
    assert!(names.contains(&"apology.panic-x.what-i-did.line-1".to_string()));
    assert!(names.contains(&"apology.x.what-i-did.line-1".to_string()));
    let (_, doc, _) = build(&["--names", "Sam & Sam", "--paper", "a4"]);
    let names: Vec<String> = widgets(&doc).into_iter().map(|w| w.name).collect();
    assert!(names.contains(&"apology.sam-1.what-i-did.line-1".to_string()));
    assert!(names.contains(&"commitments.signatures.sam-2.date".to_string()));
}

/// Builds a fillable workbook for Ana & Ben in `dir` as out.pdf.
fn build_fillable_in(dir: &Path) -> Document {
    let out = Test::at(dir)
        .args(BUILD)
        .args(["--fillable", "-o", "out.pdf"])
        .run();
    Document::load(out.path("out.pdf")).unwrap()
}

#[test]
fn a_long_area_is_a_field_a_line_across_pages() {
    // A counselor's exercise with 30 lines: 4 kept with the label, 4 kept
    // together at the end, and the 22 between flowing across a page break.
    // Each ruled line is a field of its own, numbered on across the break.
    let letter = r#"id = "letter"
part = "healing-together"
title = "A letter"
who = "together"
intro = "Write each other a long letter."

[[block]]
kind = "prompt"
id = "words"
label = "Our letter"
lines = 30

[[block]]
kind = "checklist"
id = "done"
items = ["We read it aloud"]
"#
    .to_string();
    let dir = practice_with(&[("letter", letter)]);
    let doc = build_fillable_in(dir.path());
    let widgets = widgets(&doc);
    let pieces: Vec<&Widget> = widgets
        .iter()
        .filter(|w| w.name.starts_with("letter.words"))
        .collect();
    let names: Vec<&str> = pieces.iter().map(|w| w.name.as_str()).collect();
    let want: Vec<String> = (1..=30).map(|n| format!("letter.words.line-{n}")).collect();
    assert_eq!(names, want);
    assert!(
        pieces.windows(2).all(|p| p[0].page <= p[1].page),
        "in page order"
    );
    assert!(
        pieces[0].page < pieces[29].page,
        "the lines cross a page break"
    );
    assert_eq!(pieces[0].tooltip, "Our letter");
    assert_eq!(pieces[1].tooltip, "Our letter, line 2");
    // No placeholder link is left behind: every link that was one became a
    // widget, or was merged into one and taken off the page.
    for (_, page) in doc.get_pages() {
        if let Ok(Object::Array(annots)) = doc.get_dictionary(page).unwrap().get(b"Annots") {
            for a in annots {
                let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
                let uri = a
                    .get(b"A")
                    .ok()
                    .map(|action| dict(&doc, action))
                    .and_then(|action| action.get(b"URI").ok())
                    .map(|u| String::from_utf8_lossy(u.as_str().unwrap()).into_owned());
                assert!(
                    !uri.is_some_and(|u| u.starts_with("workbook-field:")),
                    "a placeholder link is left on page {page:?}"
                );
            }
        }
    }
    // Each field is the lower part of its line, on the rule: never taller
    // than the line.
    let ruling = 8.7 / 25.4 * 72.0;
    assert!(pieces.iter().all(|w| w.rect[3] - w.rect[1] < ruling));
    for w in &pieces {
        let element = parent_element(&doc, w.id);
        assert_eq!(element.get(b"S").unwrap().as_name().unwrap(), b"Form");
        assert_eq!(objr_targets(&doc, element), [w.id], "{}", w.name);
    }
}

#[test]
fn a_long_area_and_a_neighbour_named_like_its_piece_stay_apart() {
    // An exercise "journal" broken across pages and an exercise
    // "journal-2" get distinct fields.
    let journal = |id: &str| (id.to_string(), prompt_exercise(id, "Journal", "x", 30));
    let (a, b) = (journal("journal"), journal("journal-2"));
    let dir = practice_with(&[(&a.0, a.1), (&b.0, b.1)]);
    build_fillable_in(dir.path());
    let names = fields_in(&dir.path().join("out.pdf"));
    for want in [
        "journal.line-1",
        "journal.line-30",
        "journal-2.line-1",
        "journal-2.line-30",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} in {:?}",
            &names[names.len() - 6..]
        );
    }
}

#[test]
fn eject_leaves_the_form_to_workbook() {
    // An ejected folder compiled by Typst alone would keep the placeholder
    // links, so its data.json never asks for them.
    let out = Test::new()
        .args(["eject", "proj", "--names", "Ana & Ben", "--fillable"])
        .run();
    let data: serde_json::Value = serde_json::from_slice(&out.read("proj/data.json")).unwrap();
    assert_eq!(data["print"]["fillable"], false);
}

#[test]
fn batch_builds_fillable_workbooks() {
    let out = Test::new()
        .csv(
            "couples.csv",
            "names,start-date\n\"Ana & Ben\",2026-12-01\n\"Chloe & Dev\",\n",
        )
        .create_dir("out")
        .args(["batch", "couples.csv", "--out-dir", "out"])
        .args(["--fillable", "--paper", "a4"])
        .run();
    let ana = fields_in(&out.path("out/workbook-ana-ben.pdf"));
    let chloe = fields_in(&out.path("out/workbook-chloe-dev.pdf"));
    assert!(ana.contains(&"apology.ana.what-i-did.line-1".to_string()));
    assert!(chloe.contains(&"apology.chloe.what-i-did.line-1".to_string()));
    // Dated logs have no date fields; undated ones do.
    assert!(!ana.contains(&"gratitude-log.ben.day-07-date".to_string()));
    assert!(chloe.contains(&"gratitude-log.dev.day-07-date".to_string()));
}

#[test]
fn a_users_templates_without_links_are_theirs_to_fix() {
    // Ejected templates whose marks lost their links: the form cannot be
    // made, and the message says whose files are at fault (exit 2).
    let ejected = Test::new()
        .args(["eject", "proj", "--names", "Ana & Ben"])
        .run();
    let fields = ejected.path("proj/templates/fields.typ");
    let text = std::fs::read_to_string(&fields).unwrap();
    let broken = text.replace("if fillable and link {", "if false {");
    assert_ne!(
        text, broken,
        "the template still has the line this test edits"
    );
    std::fs::write(&fields, broken).unwrap();
    let r = ejected
        .then()
        .args(BUILD)
        .args(["--sources", "proj", "--fillable", "-o", "out.pdf"])
        .status(2)
        .stderr_lacks("internal error")
        .no_file("out.pdf")
        .run();
    assert!(
        r.stderr
            .starts_with("error: the write-in areas of your templates:"),
        "{}",
        r.stderr
    );
}

#[test]
fn no_fillable_switches_the_config_off() {
    // A practice whose workbook.toml asks for fillable PDFs can still print
    // a booklet: --no-fillable wins over the file, and the last flag wins.
    let dir = tempdir();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "[print]\nfillable = true\npaper = \"a4\"\n",
    )
    .unwrap();
    let has_form = |out: &str| {
        let doc = Document::load(dir.path().join(out)).unwrap();
        doc.catalog().unwrap().get(b"AcroForm").is_ok()
    };
    let build = |args: &[&str], out: &str| {
        Test::at(dir.path())
            .args(BUILD)
            .args(["-o", out])
            .args(args.iter().copied())
            .run();
    };
    build(&["--no-fillable", "--booklet"], "booklet.pdf");
    // The whole book's booklet is bound as volumes.
    assert!(!has_form("booklet-vol1.pdf"));
    build(&["--fillable", "--no-fillable"], "off.pdf");
    assert!(!has_form("off.pdf"));
    build(&["--no-fillable", "--fillable"], "on.pdf");
    assert!(has_form("on.pdf"));
    build(&[], "file.pdf");
    assert!(has_form("file.pdf"));
}

#[test]
fn batch_refuses_fillable_booklets_before_building() {
    // Every row would fail alike: said once, with the hint, exit 2.
    Test::new()
        .csv("c.csv", "names\n\"A & B\"\n\"C & D\"\n")
        .args(["batch", "c.csv", "--fillable", "--booklet"])
        .status(2)
        .stderr_has("hint: build the booklet to print (with --no-fillable")
        .leaves_only(["c.csv"])
        .run();
}
