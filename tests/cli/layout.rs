//! The page as a book designer checks it, measured from Typst's laid-out
//! frames: the safety page's contacts, names set whole, print furniture
//! clear of the paper's edges, black text and hairline rules.

use typst::layout::{Frame, FrameItem, Point};

use crate::support::*;

const MM: f64 = 72.0 / 25.4;

/// A run of text on a page: its left edge and baseline in points, its size,
/// its advance width and its text.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) size: f64,
    pub(crate) width: f64,
    pub(crate) text: String,
}

/// Every run of text on a page, with absolute positions.
pub(crate) fn runs(frame: &Frame) -> Vec<Run> {
    fn walk(frame: &Frame, at: Point, out: &mut Vec<Run>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => walk(&g.frame, p, out),
                FrameItem::Text(t) => out.push(Run {
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    size: t.size.to_pt(),
                    width: t.width().to_pt(),
                    text: t.text.to_string(),
                }),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Point::zero(), &mut out);
    out
}

/// Build options from `args`, with a workbook.toml of `config` in a fresh
/// folder.
fn options_with(config: &str, args: &[&str]) -> workbook::settings::BuildOptions {
    let dir = tempdir();
    let path = dir.path().join("workbook.toml");
    std::fs::write(&path, config).unwrap();
    options_from_config(&path, args)
}

fn compile_with(config: &str, args: &[&str]) -> typst_layout::PagedDocument {
    let opts = options_with(config, args);
    let (engine, content) = engine();
    let document = workbook::compile(engine, content, &opts).unwrap().document;
    forget_layouts();
    document
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The longest values workbook.toml allows for each contact.
const LONG_PHONE: &str = "+1 (617) 555-0142 ext. 447, weekdays 9–5";
fn long_contacts() -> (String, Vec<(&'static str, String)>) {
    let email = format!("{}@examplecouplespractice.org", "appointments.".repeat(7));
    let email = email[email.len() - 100..].to_string();
    let website = format!("www.examplecouplespractice.org/{}", "contact-us/".repeat(7));
    let website = website[..100].to_string();
    let line = |what: &str| {
        let s = format!(
            "{what}: call or text 555 0100, day or night; from abroad +1 617 555 0100; or chat online at example.org/help-now, any day"
        );
        s.chars().take(120).collect::<String>()
    };
    let (emergency, crisis, dv) = (
        line("Police, fire, ambulance"),
        line("Crisis"),
        line("Hotline"),
    );
    assert_eq!(LONG_PHONE.chars().count(), 40);
    assert_eq!(email.chars().count(), 100);
    assert_eq!(website.chars().count(), 100);
    assert_eq!(dv.chars().count(), 120);
    let config = format!(
        "[counselor]\nname = \"Dr. Sam Example\"\nphone = \"{LONG_PHONE}\"\nemail = \"{email}\"\nwebsite = \"{website}\"\n\
         [support]\nemergency = \"{emergency}\"\ncrisis-line = \"{crisis}\"\ndomestic-violence = \"{dv}\"\n"
    );
    let rows = vec![
        ("Emergency services", emergency),
        ("Crisis line", crisis),
        ("Domestic-violence line", dv),
        ("Our counselor", format!("{LONG_PHONE}{email}{website}")),
    ];
    (config, rows)
}

#[test]
fn safety_contacts_keep_each_value_beside_its_own_label() {
    let (config, rows) = long_contacts();
    for args in [
        &["--names", "Ana & Ben", "--paper", "a4"][..],
        &[
            "--names",
            "Ana & Ben",
            "--paper",
            "letter",
            "--sides",
            "duplex",
        ],
        &["--names", "Ana & Ben", "--paper", "universal"],
        &["--names", "Ana & Ben", "--paper", "a4", "--booklet"],
        &["--names", "Ana & Ben", "--paper", "letter", "--booklet"],
    ] {
        let doc = compile_with(&config, args);
        let pages = page_texts(&doc);
        let i = pages
            .iter()
            .position(|p| p.contains("Numbers to keep close"))
            .unwrap();
        let all = runs(&doc.pages()[i].frame);
        let top = all
            .iter()
            .find(|r| r.text.contains("Numbers to keep close"))
            .unwrap()
            .y;
        let bottom = all
            .iter()
            .find(|r| r.text.contains("You can stop"))
            .map_or(f64::MAX, |r| r.y);
        let labels: Vec<&Run> = rows
            .iter()
            .map(|(label, _)| {
                all.iter()
                    .find(|r| r.text.trim() == *label && r.y > top)
                    .unwrap_or_else(|| panic!("{args:?}: no label {label:?} on one line"))
            })
            .collect();
        let left = labels[0].x;
        // Above the running footer.
        let foot = doc.pages()[i].frame.height().to_pt() - 20.5 * MM;
        let values: Vec<&Run> = all
            .iter()
            .filter(|r| r.y > top && r.y < bottom && r.x > left + 20.0 * MM && r.y < foot)
            .collect();
        let rules = rules(&doc.pages()[i].frame);
        let right = rules
            .iter()
            .filter(|r| (r.x - left).abs() < 1.0)
            .map(|r| r.x + r.w)
            .fold(0.0, f64::max);
        for v in &values {
            assert!(
                v.x + v.width <= right + 0.5,
                "{args:?}: {:?} runs {:.1} pt past the table",
                v.text,
                v.x + v.width - right
            );
        }
        for (k, ((label, want), at)) in rows.iter().zip(&labels).enumerate() {
            let next = labels.get(k + 1).map_or(bottom, |l| l.y);
            let mine: Vec<&&Run> = values
                .iter()
                .filter(|r| r.y > at.y - 3.0 && r.y < next - 3.0)
                .collect();
            let got: String = mine.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(
                squeeze(&got),
                squeeze(want),
                "{args:?}: the value of {label}"
            );
            // The first line of the value shares the label's line.
            assert!(
                (mine[0].y - at.y).abs() < 2.0,
                "{args:?}: {label} at {:.1}, its value at {:.1}",
                at.y,
                mine[0].y
            );
            // And a rule and a clear gap part it from the next row.
            if k + 1 < labels.len() {
                let last = mine.last().unwrap().y;
                assert!(
                    next - last > 16.0,
                    "{args:?}: {label}'s last line is {:.1} pt above the next label",
                    next - last
                );
                assert!(
                    rules
                        .iter()
                        .any(|r| r.y > last + 2.0 && r.y < next - 8.0 && r.x <= left + 1.0),
                    "{args:?}: no rule between {label} and the next row"
                );
            }
        }
    }
}

/// Two names of 60 characters: one word that fits no line, and several
/// words joined by spaces and a hyphen.
const LONG_A: &str = "Bartholomewalexandrovichfeatherstonehaughwolfeschlegelsteinh";
const LONG_B: &str = "Maximiliana Theodora Wilhelmina Fitzgerald-Montgomery Jonesx";

#[test]
fn long_names_break_only_at_their_own_spaces_and_hyphens() {
    assert_eq!(LONG_A.chars().count(), 60);
    assert_eq!(LONG_B.chars().count(), 60);
    let names = format!("{LONG_A} & {LONG_B}");
    for paper in ["a4", "letter"] {
        for extra in [&[][..], &["--booklet"], &["--sides", "duplex"]] {
            let mut args = vec!["--names", names.as_str(), "--paper", paper];
            args.extend_from_slice(extra);
            let doc = compile(&args).unwrap().document;
            let mut seen = 0;
            for (n, page) in doc.pages().iter().enumerate() {
                for r in runs(&page.frame) {
                    // No invisible characters in the names (Typst's own
                    // word joiner in the contents' page numbers is not ours).
                    assert!(
                        !(r.text.contains("Bartholom") || r.text.contains("Theodor"))
                            || !r
                                .text
                                .contains(['\u{200B}', '\u{00AD}', '\u{2060}', '\u{FEFF}']),
                        "{args:?} page {}: {:?}",
                        n + 1,
                        r.text
                    );
                    // The running footer shortens with an ellipsis, on purpose.
                    if r.text.ends_with('…') {
                        continue;
                    }
                    // The long word is never cut: where its start is, all of it is.
                    if r.text.contains("Bartholomewalex") {
                        assert!(
                            r.text.contains(LONG_A),
                            "{args:?} page {}: {:?}",
                            n + 1,
                            r.text
                        );
                        seen += 1;
                    }
                    // Each word of the other name is whole on its line.
                    for w in ["Maximilian", "Wilhelmin", "Fitzgeral", "Montgomer"] {
                        if let Some(at) = r.text.find(w) {
                            let rest = &r.text[at..];
                            let whole =
                                LONG_B.split([' ', '-']).find(|x| x.starts_with(w)).unwrap();
                            assert!(
                                rest.starts_with(whole),
                                "{args:?} page {}: {:?}",
                                n + 1,
                                r.text
                            );
                        }
                    }
                }
            }
            assert!(seen > 20, "{args:?}: the name is printed {seen} times");
            // Whole names as typed in the text, with white space normalised
            // (a line may break after the name's own hyphen).
            let all = squeeze(&text(&doc));
            assert!(all.contains(&squeeze(LONG_B)), "{args:?}");
        }
    }
}

/// The boxes of everything drawn on a page, in points: text (from a line
/// above its baseline to its descenders), shapes and images.
pub(crate) fn ink_boxes(frame: &Frame) -> Vec<(f64, f64, f64, f64, String)> {
    use typst::visualize::{CurveItem, Geometry};
    fn walk(frame: &Frame, at: Point, out: &mut Vec<(f64, f64, f64, f64, String)>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            let (x, y) = (p.x.to_pt(), p.y.to_pt());
            match item {
                FrameItem::Group(g) => walk(&g.frame, p, out),
                FrameItem::Text(t) => {
                    let size = t.size.to_pt();
                    out.push((
                        x,
                        y - 0.8 * size,
                        x + t.width().to_pt(),
                        y + 0.3 * size,
                        t.text.to_string(),
                    ))
                }
                FrameItem::Image(_, size, _) => out.push((
                    x,
                    y,
                    x + size.x.to_pt(),
                    y + size.y.to_pt(),
                    "an image".into(),
                )),
                FrameItem::Shape(shape, _) => {
                    let mut pts = vec![Point::zero()];
                    match &shape.geometry {
                        Geometry::Rect(size) => pts.push(size.to_point()),
                        Geometry::Line(q) => pts.push(*q),
                        Geometry::Curve(c) => {
                            for i in c.0.iter() {
                                match i {
                                    CurveItem::Move(q) | CurveItem::Line(q) => pts.push(*q),
                                    CurveItem::Cubic(a, b, q) => pts.extend([*a, *b, *q]),
                                    CurveItem::Close => {}
                                }
                            }
                        }
                    }
                    let xs = pts.iter().map(|q| x + q.x.to_pt());
                    let ys = pts.iter().map(|q| y + q.y.to_pt());
                    let half = shape
                        .stroke
                        .as_ref()
                        .map_or(0.0, |s| s.thickness.to_pt() / 2.0);
                    out.push((
                        xs.clone().fold(f64::MAX, f64::min) - half,
                        ys.clone().fold(f64::MAX, f64::min) - half,
                        xs.fold(f64::MIN, f64::max) + half,
                        ys.fold(f64::MIN, f64::max) + half,
                        "a shape".into(),
                    ))
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Point::zero(), &mut out);
    out
}

#[test]
fn nothing_is_printed_within_12_7_mm_of_a_paper_edge() {
    let names = format!("{LONG_A} & {LONG_B}");
    let practice = "Northeastern Center for Couples and Family Therapy, Relationship Counseling and Mediation Services of Boston";
    let (contacts, _) = long_contacts();
    let config = contacts.replacen(
        "[counselor]\n",
        &format!("[counselor]\npractice = \"{practice}\"\n"),
        1,
    );
    let edge = 12.7 * MM;
    for paper in ["a4", "letter", "universal"] {
        for layout in [&[][..], &["--sides", "duplex"], &["--booklet"]] {
            for who in ["Ana & Ben", names.as_str()] {
                let mut args = vec!["--names", who, "--paper", paper];
                args.extend_from_slice(layout);
                let doc = compile_with(&config, &args);
                for (n, page) in doc.pages().iter().enumerate() {
                    let (w, h) = (page.frame.width().to_pt(), page.frame.height().to_pt());
                    for (x0, y0, x1, y1, what) in ink_boxes(&page.frame) {
                        assert!(
                            x0 >= edge - 0.1
                                && y0 >= edge - 0.1
                                && x1 <= w - edge + 0.1
                                && y1 <= h - edge + 0.1,
                            "{args:?} page {} ({:.60}): {what:?} at {:.1}..{:.1} x {:.1}..{:.1} mm",
                            n + 1,
                            page_texts(&doc)[n],
                            x0 / MM,
                            x1 / MM,
                            y0 / MM,
                            y1 / MM
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_footer_stays_one_line_shortening_the_practice_then_leaving_out_the_part_then_shortening_the_names()
 {
    let names = format!("{LONG_A} & {LONG_B}");
    let practice = "Northeastern Center for Couples and Family Therapy, Relationship Counseling and Mediation Services of Greater Bo";
    assert!(practice.chars().count() > 110 && practice.chars().count() <= 120);
    let config = format!("[counselor]\npractice = \"{practice}\"\n");
    for (who, whole_names) in [("Ana & Ben", true), (names.as_str(), false)] {
        for paper in ["a4", "letter"] {
            for layout in [&[][..], &["--booklet"]] {
                let mut args = vec!["--names", who, "--paper", paper];
                args.extend_from_slice(layout);
                let doc = compile_with(&config, &args);
                let page = &doc.pages()[5];
                let h = page.frame.height().to_pt();
                let foot: Vec<Run> = runs(&page.frame)
                    .into_iter()
                    .filter(|r| r.y > h - 25.0 * MM && r.size < 8.5)
                    .collect();
                let lines: std::collections::BTreeSet<i64> =
                    foot.iter().map(|r| r.y.round() as i64).collect();
                assert_eq!(lines.len(), 1, "{args:?}: {foot:?}");
                let line: String = foot.iter().map(|r| r.text.as_str()).collect();
                // The part the page is in, named whole or not at all:
                // with the short names it fits beside the shortened practice.
                // (A left-hand page's folio comes first.)
                let items: Vec<&str> = line
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .split(" · ")
                    .collect();
                if whole_names {
                    assert_eq!(items.len(), 3, "{args:?}: {line}");
                }
                if items.len() == 3 {
                    assert!(!items[0].contains('…'), "{args:?}: {line}");
                    assert!(items[0].starts_with(char::is_uppercase), "{args:?}: {line}");
                }
                assert_eq!(line.contains(who), whole_names, "{args:?}: {line}");
            }
        }
    }
}

#[test]
fn a_booklet_ends_on_a_back_cover_after_its_padding() {
    let config = "[counselor]\nname = \"Dr. Sam Example\"\npractice = \"Example Couples Practice\"\nphone = \"(617) 555-0142\"\n";
    for paper in ["a4", "letter"] {
        let doc = compile_with(
            config,
            &["--names", "Ana & Ben", "--paper", paper, "--booklet"],
        );
        let pages = page_texts(&doc);
        assert_eq!(pages.len() % 4, 0, "{paper}: {} pages", pages.len());
        let last = pages.last().unwrap();
        assert_eq!(
            last, "Example Couples Practice Dr. Sam Example (617) 555-0142",
            "{paper}: the back cover has no folio or footer"
        );
        // The cover has none either.
        assert!(!pages[0].contains("Rebuilding Trust ·"), "{}", pages[0]);
    }
    // Without a practice the back cover is blank.
    let doc = compile(&["--names", "Ana & Ben", "--paper", "a4", "--booklet"])
        .unwrap()
        .document;
    assert_eq!(page_texts(&doc).last().unwrap(), "");
}

/// The characters of each full line of body text (12 pt runs, grouped by
/// baseline, spanning most of the measure) on the pages of chapter 1.
fn prose_line_lengths(paper: &str) -> Vec<usize> {
    let doc = compile(&["--names", "Ana & Ben", "--paper", paper])
        .unwrap()
        .document;
    let pages = page_texts(&doc);
    let first = pages
        .iter()
        .position(|p| p.contains("What trust feels like between two people"))
        .unwrap();
    let mut lengths = Vec::new();
    for page in &doc.pages()[first..first + 3] {
        let mut lines: std::collections::BTreeMap<i64, Vec<Run>> = Default::default();
        for r in runs(&page.frame)
            .into_iter()
            .filter(|r| (r.size - 12.0).abs() < 0.01)
        {
            lines
                .entry((r.y * 10.0).round() as i64)
                .or_default()
                .push(r);
        }
        let spans: Vec<(f64, f64, usize)> = lines
            .values()
            .map(|l| {
                let x0 = l.iter().map(|r| r.x).fold(f64::MAX, f64::min);
                let x1 = l.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max);
                (x0, x1, l.iter().map(|r| r.text.chars().count()).sum())
            })
            .collect();
        // Prose starts at the usual left edge; key ideas and callouts,
        // which may reach into the margin, start elsewhere.
        let mut lefts: Vec<f64> = spans.iter().map(|s| s.0).collect();
        lefts.sort_by(f64::total_cmp);
        let left = lefts[lefts.len() / 2];
        let prose: Vec<_> = spans.iter().filter(|s| (s.0 - left).abs() < 1.0).collect();
        let widest = prose.iter().map(|s| s.1 - s.0).fold(0.0, f64::max);
        lengths.extend(
            prose
                .iter()
                .filter(|s| s.1 - s.0 > 0.85 * widest)
                .map(|s| s.2),
        );
    }
    lengths
}

#[test]
fn prose_is_set_to_a_comfortable_measure() {
    for paper in ["a4", "letter"] {
        let lengths = prose_line_lengths(paper);
        assert!(lengths.len() > 40, "{paper}: {lengths:?}");
        assert!(
            lengths.iter().all(|n| (55..=78).contains(n)),
            "{paper}: characters per full line {lengths:?}"
        );
        let mean = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
        eprintln!("{paper}: {mean:.1} characters per full prose line");
    }
}

#[test]
fn duplex_files_end_on_a_whole_sheet() {
    for paper in ["a4", "letter", "universal"] {
        for extra in [
            &[][..],
            &["--skip", "connection-menu"],
            &["--only", "apology"],
        ] {
            let mut args = vec![
                "--names",
                "Ana & Ben",
                "--paper",
                paper,
                "--sides",
                "duplex",
            ];
            args.extend_from_slice(extra);
            let doc = compile(&args).unwrap().document;
            assert_eq!(
                doc.pages().len() % 2,
                0,
                "{args:?}: {} pages",
                doc.pages().len()
            );
        }
    }
}

/// Pages whose content ends in the top third of the text area, other than
/// the cover, blank pages and ruled pages: (page number, page text).
fn stub_pages(args: &[&str]) -> Vec<(usize, String)> {
    let doc = compile(args).unwrap().document;
    let texts = page_texts(&doc);
    let (top, bottom) = if args.contains(&"--booklet") {
        (14.0, 21.0)
    } else {
        (20.0, 24.0)
    };
    let mut stubs = Vec::new();
    for (i, page) in doc.pages().iter().enumerate().skip(1) {
        let h = page.frame.height().to_pt();
        let foot = h - bottom * MM;
        let content: Vec<_> = ink_boxes(&page.frame)
            .into_iter()
            .filter(|b| b.3 < foot)
            .collect();
        let Some(end) = content.iter().map(|b| b.3).reduce(f64::max) else {
            continue;
        };
        let third = top * MM + (foot - top * MM) / 3.0;
        let text = &texts[i];
        let designed =
            text.contains("left blank for notes") || content.iter().all(|b| b.4 == "a shape");
        if end < third && !designed {
            stubs.push((i + 1, text.chars().take(70).collect()));
        }
    }
    stubs
}

#[test]
fn no_stub_pages() {
    for args in [
        &["--names", "Ana & Ben", "--paper", "a4"][..],
        &["--names", "Ana & Ben", "--paper", "letter"],
        &[
            "--names",
            "Ana & Ben",
            "--paper",
            "letter",
            "--sides",
            "duplex",
        ],
        &["--names", "Ana & Ben", "--paper", "a4", "--booklet"],
    ] {
        let stubs = stub_pages(args);
        assert!(stubs.is_empty(), "{args:?}: {stubs:#?}");
    }
}

#[test]
fn booklet_pages_move_towards_the_fold_by_the_papers_thickness() {
    // The whole book's booklet is bound as volumes; its second is 20
    // sheets, a signature of its own whose creep starts again at 0.
    let dir = tempdir();
    let r = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--paper",
            "a4",
            "--booklet",
            "-o",
            "out.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = lopdf::Document::load(dir.path().join("out-vol2.pdf")).unwrap();
    let shifts: Vec<f64> = doc
        .get_pages()
        .values()
        .map(|&id| {
            let ops = String::from_utf8(doc.get_page_content(id)).unwrap();
            // "q 1 0 0 1 DX 0 cm /L Do Q ...": the left page's shift.
            ops.split_whitespace().nth(5).unwrap().parse().unwrap()
        })
        .collect();
    let sheets = shifts.len() / 2;
    assert!(sheets > 16, "{sheets} sheets");
    assert_eq!(shifts[0], 0.0);
    // Both sides of a sheet move alike; each sheet 0.1 mm more than the last.
    for (side, dx) in shifts.iter().enumerate() {
        let want = (side / 2) as f64 * 0.1 * MM;
        assert!(
            (dx - want).abs() < 0.01,
            "side {side}: {dx} pt, want {want}"
        );
    }
}

#[test]
fn a_headings_last_two_words_stay_together() {
    for args in [
        &["--names", "Ana & Ben", "--paper", "a4"][..],
        &["--names", "Ana & Ben", "--paper", "letter"],
        &["--names", "Ana & Ben", "--paper", "a4", "--booklet"],
    ] {
        let doc = compile(args).unwrap().document;
        let mut wrapped = 0;
        for (n, page) in doc.pages().iter().enumerate() {
            // Lines of heading text (13 pt and up), by baseline.
            let mut lines: std::collections::BTreeMap<i64, (f64, String)> = Default::default();
            for r in runs(&page.frame)
                .into_iter()
                .filter(|r| r.size >= 13.0 && r.size < 30.0)
            {
                let e = lines
                    .entry(r.y.round() as i64)
                    .or_insert((r.size, String::new()));
                e.1.push_str(&r.text);
            }
            let lines: Vec<_> = lines.into_iter().collect();
            for pair in lines.windows(2) {
                let ((y0, (s0, _)), (y1, (s1, last))) = (&pair[0], &pair[1]);
                // The second line of the same heading.
                if s0 == s1 && ((y1 - y0) as f64) < 1.6 * s1 {
                    wrapped += 1;
                    assert!(
                        last.split_whitespace().count() >= 2,
                        "{args:?} page {}: a heading ends with {last:?} alone",
                        n + 1
                    );
                }
            }
        }
        assert!(
            wrapped > 0,
            "{args:?}: no heading wraps, nothing was checked"
        );
    }
}

/// The pages (1-based) of the marks labelled `name`, in order.
fn label_pages(doc: &typst_layout::PagedDocument, name: &str) -> Vec<usize> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::Introspector;
    let label = Label::new(typst::utils::PicoStr::intern(name)).unwrap();
    let introspector = doc.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .map(|c| {
            introspector
                .position(c.location().unwrap())
                .unwrap()
                .page
                .get()
        })
        .collect()
}

#[test]
fn a_blank_verso_stays_blank_only_behind_a_partners_own_page() {
    for paper in ["a4", "letter"] {
        let doc = compile(&[
            "--names",
            "Ana & Ben",
            "--paper",
            paper,
            "--sides",
            "duplex",
        ])
        .unwrap()
        .document;
        let pages = page_texts(&doc);
        let private: Vec<(usize, usize)> = label_pages(&doc, "private-start")
            .into_iter()
            .zip(label_pages(&doc, "private-end"))
            .collect();
        assert!(private.len() > 10, "{paper}: {private:?}");
        let backs_private = |p: usize| private.iter().any(|&(s, e)| s < p && p - 1 <= e);
        // A page's text without its running footer ("Understanding trust ·
        // Ana & Ben 21", or "22 Understanding trust · Ana & Ben" on a
        // left-hand page), which names the part the page is in.
        let titles: Vec<String> = std::iter::once("Rebuilding Trust".to_string())
            .chain(engine().1.parts().map(|part| curly(&part.title)))
            .collect();
        let body = |text: &str, p: usize| {
            titles
                .iter()
                .find_map(|t| {
                    // The folio comes first on a left-hand page.
                    text.strip_suffix(&format!("{t} · Ana & Ben {p}"))
                        .or_else(|| text.strip_suffix(&format!("{p} {t} · Ana & Ben")))
                })
                .unwrap_or(text)
                .trim()
                .to_string()
        };
        let (mut blank, mut notes) = (0, 0);
        for (i, text) in pages.iter().enumerate() {
            let p = i + 1;
            if text.contains("This page is left blank for notes.") && p < pages.len() {
                assert!(
                    backs_private(p),
                    "{paper}: page {p} is blank but backs a shared page"
                );
                blank += 1;
            }
            if body(text, p) == "Notes" {
                assert_eq!(p % 2, 0, "{paper}: a notes page on the right: {p}");
                assert!(
                    !backs_private(p),
                    "{paper}: page {p} has notes behind a partner's page"
                );
                notes += 1;
            }
        }
        assert!(
            blank > 0 && notes > 0,
            "{paper}: {blank} blank, {notes} notes pages"
        );
    }
}

#[test]
fn exercises_are_labelled_alike_in_the_contents_and_on_their_pages() {
    let doc = compile(&["--names", "Ana & Ben", "--paper", "a4"])
        .unwrap()
        .document;
    let pages = page_texts(&doc);
    let contents = pages[1..3].join(" ");
    // Each exercise once, under its own title, with the pages of its copies.
    has_all(
        &contents,
        &[
            "Exercise 5 · The apology template",
            "Exercise 7 · Boundary list",
            "Exercise 17 · Gratitude log",
        ],
    );
    assert!(
        pages
            .iter()
            .any(|p| p.starts_with("Exercise 5 · The apology template Ana’s apology"))
    );
}

#[test]
fn reflective_prompts_get_about_half_the_page_on_every_paper() {
    // (options, top and bottom margins in mm, ruling in mm)
    for (extra, (top, bottom), ruling) in [
        (&["--paper", "a4"][..], (20.0, 24.0), 8.7),
        (&["--paper", "letter"], (20.0, 24.0), 8.7),
        (&["--paper", "a4", "--ruling", "college"], (20.0, 24.0), 7.1),
        (&["--paper", "a4", "--booklet"], (14.0, 21.0), 8.7),
        (&["--paper", "letter", "--booklet"], (14.0, 21.0), 8.7),
    ] {
        let mut args = vec!["--names", "Ana & Ben"];
        args.extend_from_slice(extra);
        let doc = compile(&args).unwrap().document;
        let marks = workbook::typeset::marks::marks(&doc).unwrap();
        let lines = |prompt: &str| {
            let prefix = format!("{prompt}.line-");
            marks.iter().filter(|m| m.name.starts_with(&prefix)).count()
        };
        let area = doc.pages()[0].frame.height().to_mm() - top - bottom;
        for prompt in [
            "what-i-need-you-to-understand.ana.what-happened",
            "trust-patterns.ben.early-life",
            "apology.ana.what-i-feel",
            "body-mind-check-in.ben.looking-back",
            "conversation-planner.afterwards",
        ] {
            let share = lines(prompt) as f64 * ruling / area;
            assert!(
                (0.45..=0.5).contains(&share),
                "{args:?}: {prompt} has {} lines, {:.0} % of the text area",
                lines(prompt),
                share * 100.0
            );
        }
        // Short answers and list items keep the lines they ask for.
        assert_eq!(lines("apology.ana.what-i-did"), 4, "{args:?}");
        assert_eq!(lines("boundary-list.review"), 3, "{args:?}");
        assert_eq!(lines("no-contact-letter.sent"), 1, "{args:?}");
    }
}

/// The pages (1-based) and values of the marks labelled `name`, in order:
/// the value as a string, or `None` for `none`.
fn label_values(doc: &typst_layout::PagedDocument, name: &str) -> Vec<(usize, Option<String>)> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::Introspector;
    let label = Label::new(typst::utils::PicoStr::intern(name)).unwrap();
    let introspector = doc.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .map(|c| {
            let page = introspector
                .position(c.location().unwrap())
                .unwrap()
                .page
                .get();
            let value = match c.get_by_name("value").unwrap() {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            };
            (page, value)
        })
        .collect()
}

#[test]
fn a_partners_own_page_never_backs_a_page_the_other_writes_on() {
    // Loose duplex sheets: one partner's own copy of an exercise shares no
    // sheet with the other's copy, nor with a page they both write on (a
    // shared exercise, a notes page). Prose, only read, may back it. And
    // no copy starts on a right-hand page that need not: a shared
    // exercise after prose starts on the next page, left or right.
    let long =
        "Bartholomew Alexander Fitzgerald-Montgomery & Maximiliana Rosalind Featherstonehaugh";
    for (paper, names, extra) in [
        ("a4", "Ana & Ben", &[][..]),
        ("letter", "Ana & Ben", &[][..]),
        ("letter", long, &[][..]),
        ("a4", "Ana & Ben", &["--ruling", "college"][..]),
        ("universal", "Ana & Ben", &["--skip", "connection-menu"][..]),
    ] {
        let mut args = vec!["--names", names, "--paper", paper, "--sides", "duplex"];
        args.extend_from_slice(extra);
        let doc = compile(&args).unwrap().document;
        let pages = page_texts(&doc);
        let copies: Vec<(usize, usize, Option<String>)> = label_values(&doc, "copy-start")
            .into_iter()
            .zip(label_values(&doc, "copy-end"))
            .map(|((s, owner), (e, _))| (s, e, owner))
            .collect();
        assert!(copies.len() > 20, "{args:?}: {copies:?}");
        // Whose writing a page holds: Some(Some(key)) one partner's own,
        // Some(None) both partners', None nobody's (prose, a blank page).
        let writer = |p: usize| -> Option<Option<String>> {
            let text = &pages[p - 1];
            if let Some((_, _, owner)) = copies.iter().find(|(s, e, _)| *s <= p && p <= *e) {
                Some(owner.clone())
            } else if text.starts_with("Notes ") {
                Some(None)
            } else {
                None
            }
        };
        for front in (1..pages.len()).step_by(2) {
            let (a, b) = (writer(front), writer(front + 1));
            let apart = match (&a, &b) {
                (Some(Some(x)), Some(y)) | (Some(y), Some(Some(x))) => y.as_ref() == Some(x),
                _ => true,
            };
            assert!(
                apart,
                "{args:?}: pages {front} and {} share a sheet: {a:?} and {b:?}",
                front + 1
            );
        }
        let on_the_left = copies.iter().filter(|(s, _, _)| s % 2 == 0).count();
        assert!(on_the_left > 0, "{args:?}: every copy starts on the right");
        assert_eq!(pages.len() % 2, 0, "{args:?}");
    }
}

#[test]
fn a_headings_last_two_words_never_cut_a_long_name() {
    // "Alexander Fitzgerald-Montgomery's apology": keeping the last two
    // words together once boxed "erald-Montgomery's apology", breaking the
    // name after "Fitzg". It may break only after the name's own hyphen.
    let names =
        "Bartholomew Alexander Fitzgerald-Montgomery & Maximiliana Rosalind Featherstonehaugh";
    for paper in ["a4", "letter"] {
        let doc = compile(&["--names", names, "--paper", paper])
            .unwrap()
            .document;
        let mut seen = 0;
        for (n, page) in doc.pages().iter().enumerate() {
            for r in runs(&page.frame).into_iter().filter(|r| r.size >= 13.0) {
                if ["Fitzg", "erald"].iter().any(|f| r.text.contains(f)) {
                    assert!(
                        r.text.contains("Fitzgerald"),
                        "{paper} page {}: a heading cuts the name: {:?}",
                        n + 1,
                        r.text
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 5, "{paper}: the name is in {seen} heading runs");
    }
}
