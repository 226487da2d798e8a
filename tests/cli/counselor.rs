//! Issue 15: the counselor's edition (`--edition counselor`) and the trust
//! and safety check woven into the couple's book (a baseline in the front,
//! a line in each weekly check-in, a final page beside the baseline).

use crate::support::*;

/// The text after the cover and the contents of a book built in-process,
/// page by page.
fn body(args: &[&str]) -> Vec<String> {
    body_pages(&compile(args).unwrap().document)
}

/// Whether a PDF is tagged and identified as PDF/UA-1.
fn tagged_ua1(pdf: &[u8]) -> bool {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let tagged = doc.catalog().unwrap().get(b"StructTreeRoot").is_ok();
    let text = String::from_utf8_lossy(pdf);
    tagged && (text.contains("pdfuaid:part>1<") || text.contains("pdfuaid:part=\"1\""))
}

#[test]
fn the_counselors_edition_builds_with_and_without_names_tagged_and_pdf_ua_1() {
    let out = Test::new()
        .args(["build", "--edition", "counselor", "-o", "guide.pdf"])
        .run();
    let guide = out.read("guide.pdf");
    assert!(tagged_ua1(&guide));
    // Without -o: a name of its own, never the couple's book's; values
    // in any case, like the other options.
    let out = out
        .then()
        .args(BUILD)
        .args(["--edition", "Counselor"])
        .run();
    let named = out.read("counselor-guide-ana-ben.pdf");
    assert!(tagged_ua1(&named));
    out.then()
        .args(["build", "--edition", "counselor"])
        .file("counselor-guide.pdf")
        .run();
    assert_eq!(pdf_title(&guide), "Rebuilding Trust: a facilitator's guide");
    assert_eq!(
        pdf_title(&named),
        "Rebuilding Trust: a facilitator's guide for work with Ana & Ben"
    );
}

#[test]
fn the_edition_comes_from_workbook_toml_and_a_bad_one_is_named() {
    let ok = Test::new()
        .config("edition = \"counselor\"\n")
        .args(["build", "-o", "g.pdf"])
        .run();
    assert!(String::from_utf8_lossy(&ok.read("g.pdf")).contains("facilitator"));
    // The flag wins over the file: the couple's book needs names.
    let couple = ok
        .then()
        .args(["build", "--edition", "couple", "-o", "c.pdf"])
        .status(2)
        .stderr_has("no names given")
        .run();
    couple
        .then()
        .config("edition = \"therapist\"\n")
        .args(["build", "-o", "g2.pdf"])
        .status(2)
        .stderr_has("workbook.toml:1:")
        .stderr_has("counselor")
        .no_file("g2.pdf")
        .run();
}

/// The sessions of workbook/counselor/sessions.toml: (title, exercise ids).
fn planned_sessions() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("workbook/counselor/sessions.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table["session"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let ids = s["exercises"].as_array().unwrap();
            (
                s["title"].as_str().unwrap().to_string(),
                ids.iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_session_plan_has_twelve_rows_each_naming_real_exercises() {
    let text = body(&["--edition", "counselor"]).join("\n");
    let plan = between(
        &text,
        "The twelve-session plan The plan follows",
        "Intake and screening, with each partner alone Screen",
    );
    let (_, content) = engine();
    let sessions = planned_sessions();
    assert_eq!(sessions.len(), 12);
    // Each row, from its title to the next one's, in order.
    let mut from = 0;
    let starts: Vec<usize> = sessions
        .iter()
        .map(|(title, _)| {
            let title = fold(&curly(title));
            let at = from
                + plan[from..]
                    .find(&title)
                    .unwrap_or_else(|| panic!("no row {title:?}"));
            from = at + title.len();
            at
        })
        .collect();
    for (i, (title, ids)) in sessions.iter().enumerate() {
        let row = &plan[starts[i]..starts.get(i + 1).copied().unwrap_or(plan.len())];
        assert!(!ids.is_empty(), "{title}");
        for id in ids {
            assert!(
                content.exercises.contains_key(id),
                "{id} is not an exercise of the guide"
            );
            assert!(
                row.contains(&format!("({id})")),
                "session {}: no {id} in {row}",
                i + 1
            );
            // A title broken at its hyphen ("stress-reducing") reads
            // "stress- reducing" from the page.
            assert!(
                row.replace("- ", "-")
                    .contains(&fold(&curly(&content.exercises[id].title))),
                "session {}: no title of {id}",
                i + 1
            );
        }
        // Every id the row prints is a real part or exercise of the guide.
        for found in row.split('(').skip(1).filter_map(|s| s.split(')').next()) {
            if found.chars().all(|c| c.is_ascii_lowercase() || c == '-') && found.contains('-') {
                assert!(
                    content.ids().iter().any(|i| i == found),
                    "session {}: unknown id {found}",
                    i + 1
                );
            }
        }
    }
    // Sessions 1 and 2 include meetings with each partner alone, and so do
    // the disclosure session, the start of the meaning work, the session
    // where the involved partner starts their own hurts, and the final
    // check; no other.
    assert!(
        plan.contains("1 with each partner alone Joint intake"),
        "{plan}"
    );
    assert!(
        plan.contains("2 with each partner alone Individual screening"),
        "{plan}"
    );
    for n in 3..=12 {
        assert_eq!(
            plan.contains(&format!(" {n} with each partner alone")),
            [4, 8, 10, 12].contains(&n),
            "session {n}"
        );
    }
}

#[test]
fn screening_covers_the_five_domains_and_has_a_record_for_each_partner() {
    let text = body(&["--names", "Ana & Ben", "--edition", "counselor"]).join("\n");
    let screening = between(
        &text,
        "Intake and screening, with each partner alone",
        "The trust and safety check",
    );
    for domain in [
        "Partner violence and coercive control",
        "Suicide and self-harm",
        "Substance use",
        "An ongoing affair or contact",
        "Ambivalence about staying",
    ] {
        // Once as a section with what to do, once on each partner's record.
        assert_eq!(screening.matches(domain).count(), 3, "{domain}");
    }
    assert_eq!(screening.matches("When a screen is positive.").count(), 5);
    assert!(screening.contains("Screening record · seen alone Ana"));
    assert!(screening.contains("Screening record · seen alone Ben"));
}

#[test]
fn each_chapter_has_notes_and_debriefs_from_the_exercises() {
    let text = body(&["--edition", "counselor"]).join("\n");
    let (_, content) = engine();
    let chapters: Vec<_> = content
        .parts()
        .filter(|p| p.kind == workbook::guide::PartKind::Chapter)
        .collect();
    assert_eq!(
        text.matches("Common sticking points").count(),
        chapters.len()
    );
    assert_eq!(text.matches("Key ideas").count(), chapters.len());
    for (i, chapter) in chapters.iter().enumerate() {
        let heading = format!("Chapter {} {}", i + 1, fold(&curly(&chapter.title)));
        let section = between(
            &text,
            &heading,
            if i + 1 < chapters.len() {
                "Chapter "
            } else {
                "Progress summary"
            },
        );
        assert!(section.contains("Aims"), "{heading}");
        for id in &chapter.exercises {
            let ex = &content.exercises[id.get_ref()];
            assert!(
                section.contains(&format!("({})", id.get_ref())),
                "{heading}: {}",
                id.get_ref()
            );
            // The first debrief question, in neutral words.
            let first = ex.debrief.as_deref().unwrap().lines().next().unwrap();
            let first = first
                .replace("{other}", "the other partner")
                .replace("{name}", "this partner");
            assert!(
                section.contains(&fold(&curly(&first))),
                "{heading}: {first}"
            );
        }
    }
    // A left-out chapter's notes go too.
    let fewer = body(&["--edition", "counselor", "--skip", "nurturing-trust"]).join("\n");
    assert_eq!(
        fewer.matches("Common sticking points").count(),
        chapters.len() - 1
    );
    assert!(fewer.contains("Connection menu (left out of this copy)"));
}

#[test]
fn the_progress_summary_and_reading_list_are_there_and_say_what_the_check_is_not() {
    let text = body(&["--edition", "counselor"]).join("\n");
    let summary = between(
        &text,
        "Progress summary Keep",
        "Further reading for clinicians",
    );
    // One summary for each partner, never both side by side.
    assert_eq!(
        summary
            .matches("When Session Date Total without the fear statements Notes")
            .count(),
        2,
        "{summary}"
    );
    assert!(!summary.contains("Partner A Partner B"), "{summary}");
    // A row each time the couple's book takes the check: the start, each
    // weekly line, the end.
    for row in ["Start", "Week 1", "Week 6", "End"] {
        assert!(summary.contains(row), "no row {row}");
    }
    assert!(text.contains("not a validated clinical instrument"));
    let reading = &text[text
        .match_indices("Further reading for clinicians")
        // The heading, not a running footer ("… · Ana & Ben").
        .find(|(i, h)| !text[i + h.len()..].starts_with(" ·"))
        .unwrap()
        .0..];
    for (author, title, year) in [
        ("Baucom", "Helping Couples Get Past the Affair", "2009"),
        ("Glass", "Not “Just Friends”", "2003"),
        ("Johnson", "Hold Me Tight", "2008"),
        ("Perel", "The State of Affairs", "2017"),
        ("Spring", "After the Affair", "1996"),
    ] {
        let entry = between(reading, author, ".");
        let rest = &reading[reading.find(author).unwrap()..];
        assert!(rest[..200.min(rest.len())].contains(title), "{entry}");
        assert!(rest[..250.min(rest.len())].contains(year), "{title}");
    }
}

#[test]
fn no_screening_text_reaches_the_couples_book() {
    let couple = body(&["--names", "Ana & Ben"]).join("\n");
    let source = std::fs::read_to_string(root().join("workbook/counselor/screening.typ")).unwrap();
    let mut checked = 0;
    for line in source
        .lines()
        .filter(|l| l.len() > 60 && !l.starts_with('#'))
    {
        // The start of every sentence of the screening section.
        for sentence in line.split(". ").filter(|s| s.len() > 30) {
            let probe: String = sentence.replace('_', "").chars().take(30).collect();
            assert!(
                !couple.contains(&fold(&curly(&probe))),
                "{probe:?} is in the couple's book"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} sentences checked");
    has_none(
        &couple,
        &[
            "Screening record",
            "When a screen is positive",
            "limited-secrets",
            "Decision after screening",
        ],
    );
}

#[test]
fn the_couples_book_has_the_check_at_the_start_each_week_and_at_the_end() {
    let pages = body(&["--names", "Ana & Ben"]);
    let page_of = |needle: &str| {
        pages
            .iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?}"))
    };
    let baseline = page_of("Where you are starting: a trust and safety check");
    let chapter1 = page_of("Chapter 1 Understanding trust");
    let weekly = page_of("Your trust and safety check, one line each week");
    let check_in = page_of("Weekly check-in For Ana & Ben");
    let last_chapter = page_of("Chapter 6 Healing together as a team");
    let final_page = page_of("How far you have come: the check again");
    assert!(baseline < chapter1, "the baseline is front matter");
    assert!(
        check_in <= weekly && weekly < page_of("Chapter 5 "),
        "the weekly line is in the weekly check-in"
    );
    assert!(
        final_page > last_chapter,
        "the final check is after the last chapter"
    );
    let statements = workbook_statements();
    assert!((8..=10).contains(&statements.len()));
    let final_text = pages[final_page..final_page + 2].join(" ");
    assert!(final_text.contains("At the start") && final_text.contains("Now"));
    // The statements are on each partner's own start page, in the
    // baseline part.
    let start = page_of("Ana’s trust and safety check: the start");
    assert!(baseline <= start && start < chapter1);
    for s in &statements {
        assert!(
            pages[start..start + 2].join(" ").contains(s.as_str()),
            "{s}"
        );
        assert!(final_text.contains(s.as_str()), "{s}");
    }
    // Each partner's final page says where their own baseline is.
    assert!(final_text.contains(&format!(
        "copy your numbers from the start, on page {},",
        page_of("Ana’s trust and safety check: the start") + first_body_page()
    )));
}

/// The page number of the first page `body` returns.
fn first_body_page() -> usize {
    let doc = compile(&["--names", "Ana & Ben"]).unwrap().document;
    first_body_index(&page_texts(&doc)) + 1
}

fn workbook_statements() -> Vec<String> {
    progress_table()["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| fold(&curly(s.as_str().unwrap())))
        .collect()
}

#[test]
fn fillable_scores_are_fields_named_by_exercise_partner_and_moment() {
    let names = field_names(&build_pdf(&["--fillable"]));
    let n = workbook_statements().len();
    let count = |prefix: &str| names.iter().filter(|f| f.starts_with(prefix)).count();
    for partner in ["ana", "ben"] {
        for moment in ["baseline", "final", "baseline-copy"] {
            assert_eq!(
                count(&format!("progress.{partner}.{moment}.")),
                n + 1,
                "{partner} {moment}"
            );
        }
        for week in 1..=6 {
            assert_eq!(count(&format!("progress.{partner}.week-0{week}.")), n + 1);
        }
    }
    for name in [
        "progress.ana.baseline.item-03",
        "progress.ben.final.item-03",
        "progress.ben.week-02.total",
    ] {
        assert!(names.iter().any(|f| f == name), "no {name}");
    }
    // The counselor's edition: each partner's screening record and the summary.
    let guide = field_names(&build_pdf_without_names(&[
        "--edition",
        "counselor",
        "--fillable",
    ]));
    has_fields(
        &guide,
        &[
            "screening.partner-a.violence.positive",
            "screening.partner-b.ambivalence.notes",
            "screening.partner-a.name",
            "progress.partner-b.final.shared-total",
            "progress.partner-a.baseline.notes",
            "screening.partner-b.lethality.level",
        ],
    );
    // No field of the summary is shared by both partners.
    assert!(
        !guide.iter().any(|f| f.starts_with("progress.summary.")),
        "{guide:?}"
    );
}

#[test]
fn workbook_list_shows_the_counselors_edition() {
    let r = Test::new().arg("list").run();
    let ours = &r.stdout[r
        .stdout
        .find("--edition counselor")
        .expect("a counselor section")..];
    has_all(
        ours,
        &[
            "session-plan",
            "screening",
            "progress-measure",
            "progress-summary",
            "reading-list",
        ],
    );
    assert!(r.stdout.contains("progress-baseline") && r.stdout.contains("progress-final"));
}

#[test]
fn a_batch_of_counselors_guides_is_never_named_like_a_couples_book() {
    let out = Test::new()
        .csv("c.csv", "names\nAna & Ben\n")
        .args(["batch", "c.csv", "--edition", "counselor", "--out-dir", "o"])
        .run();
    assert_eq!(
        files_in(&out.path("o")),
        vec![out.path("o/counselor-guide-ana-ben.pdf")]
    );
}

#[test]
fn a_session_naming_an_exercise_that_does_not_exist_is_refused_with_its_line() {
    let out = Test::new().args(["eject", "proj"]).run();
    let plan = out.path("proj/workbook/counselor/sessions.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("exercises = [\"apology\"]", "exercises = [\"apologyy\"]", 1),
    )
    .unwrap();
    let guide = [
        "build",
        "--edition",
        "counselor",
        "--sources",
        "proj",
        "-o",
        "g.pdf",
    ];
    let out = out
        .then()
        .args(guide)
        .status(2)
        .stderr_has("sessions.toml:")
        .stderr_has("\"apologyy\" is not an exercise of the couple's guide")
        .no_file("g.pdf")
        .run();
    // Without the counselor's files, only the counselor's edition stops.
    std::fs::remove_dir_all(out.path("proj/workbook/counselor")).unwrap();
    let out = out
        .then()
        .args(BUILD)
        .args(["--sources", "proj", "-o", "c.pdf"])
        .run();
    out.then()
        .args(guide)
        .status(2)
        .stderr_has("no counselor's edition")
        .run();
}
