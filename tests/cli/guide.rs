//! The whole guide: every chapter and exercise, copies for each partner,
//! dated logs, `--skip`, `--only` and `list`.

use crate::support::*;
use workbook::guide::Who;

fn full() -> String {
    let doc = compile(&[
        "--names",
        "Ana & Ben",
        "--start-date",
        "2026-12-01",
        "--days",
        "30",
    ])
    .unwrap()
    .document;
    body_text(&doc)
}

#[test]
fn every_chapter_and_exercise_title_is_there() {
    let text = full();
    let (_, content) = engine();
    for part in content.parts() {
        assert!(text.contains(&part.title), "no part title {:?}", part.title);
    }
    for (id, ex) in &content.exercises {
        assert!(
            text.contains(&fold(&curly(&ex.title))),
            "no title for exercise {id}: {:?}",
            ex.title
        );
    }
    for n in 1..=6 {
        assert!(text.contains(&format!("Chapter {n}")), "no Chapter {n}");
    }
}

#[test]
fn each_partner_gets_a_headed_copy_of_each_own_exercise() {
    let text = full();
    let (_, content) = engine();
    let mut each = 0;
    for ex in content.exercises.values().filter(|e| e.who == Who::Each) {
        let heading = ex.heading.as_ref().unwrap().get_ref();
        let ana = curly(heading).replace("{name}", "Ana");
        let ben = curly(heading).replace("{name}", "Ben");
        let a = text.find(&ana).unwrap_or_else(|| panic!("no {ana:?}"));
        let b = text.find(&ben).unwrap_or_else(|| panic!("no {ben:?}"));
        assert!(a < b, "Ana’s copy should come first: {ana}");
        assert!(text.contains("For Ana, on your own"));
        each += 1;
    }
    assert!(each >= 6);
    // Shared exercises name both partners.
    assert!(text.contains("For Ana & Ben, together"));
}

#[test]
fn gratitude_log_has_thirty_dated_rows_per_partner() {
    let text = full();
    // The log starts with its chapter, in week 9 (chapters of 1, 1, 4 and
    // 2 weeks before it): 56 days after the first of December.
    for (name, next) in [
        ("Ana", "Ben’s gratitude log"),
        ("Ben", "Checking in on body and mind again"),
    ] {
        let log = between(&text, &format!("{name}’s gratitude log"), next);
        assert!(
            log.contains("Start this log in week 9, with this chapter: from Tuesday 26 January 2027 to Wednesday 24 February 2027"),
            "{name}: {log:.300}"
        );
        let mut at = 0;
        let weekdays = ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon"];
        for day in 1..=30 {
            let (date, month) = if day <= 6 {
                (day + 25, "Jan")
            } else {
                (day - 6, "Feb")
            };
            let cell = format!("{day} {} {date} {month}", weekdays[(day - 1) % 7]);
            let found = log[at..]
                .find(&cell)
                .unwrap_or_else(|| panic!("{name}: no row {cell:?}"));
            at += found + cell.len();
        }
        assert!(!log.contains("31 Thu 25 Feb"), "{name}: one row too many");
    }
}

#[test]
fn without_a_start_date_the_date_cells_are_blank() {
    let doc = compile(&["--names", "Ana & Ben", "--days", "5"])
        .unwrap()
        .document;
    let text = body_text(&doc);
    let log = between(&text, "Ana’s gratitude log", "Ben’s gratitude log");
    assert!(log.contains("Day Date"), "{log:.300}");
    assert!(log.contains("1 2 3 4 5"), "five numbered rows: {log:.400}");
    assert!(!log.contains(" 6 "), "{log:.400}");
    for wd in ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "] {
        assert!(
            !log.contains(wd),
            "a date was printed without a start date: {log:.400}"
        );
    }
}

#[test]
fn safety_note_has_room_for_emergency_numbers() {
    let text = full();
    let safety = between(&text, "Before you begin: your safety", "Three key ideas");
    assert!(safety.contains("Numbers to keep close"));
    assert!(safety.contains("Emergency services") && safety.contains("Crisis line"));
    // The safety note comes before the first exercise.
    assert!(text.find("Before you begin: your safety").unwrap() < text.find("Exercise 1").unwrap());
}

#[test]
fn commitments_page_has_both_names_to_sign() {
    let text = full();
    let page = between(&text, "Signed with care", "Support contacts");
    assert!(
        page.contains("Signed by Ana") && page.contains("Signed by Ben"),
        "{page:.500}"
    );
    assert_eq!(page.matches("Date").count(), 2);
}

#[test]
fn skip_an_exercise_renumbers_the_rest() {
    let doc = compile(&["--names", "Ana & Ben", "--skip", "apology"])
        .unwrap()
        .document;
    let text = body_text(&doc);
    // The chapter may still mention the template in passing; its pages are gone.
    assert!(!text.contains("Ana’s apology") && !text.contains("Exercise 3 · The apology template"));
    assert!(
        text.contains("Exercise 3 Boundary list") || text.contains("Exercise 3"),
        "numbering continues"
    );
    let contents = &page_texts(&doc)[1];
    assert!(!contents.contains("apology"));
}

#[test]
fn skip_a_chapter_renumbers_chapters_and_keeps_the_steps_true() {
    let doc = compile(&["--names", "Ana & Ben", "--skip", "accountability"])
        .unwrap()
        .document;
    let text = body_text(&doc);
    assert!(!text.contains("A culture of accountability"));
    assert!(!text.contains("Ana’s promise tracker"));
    assert!(
        text.contains("Chapter 4 Maintaining and nurturing trust"),
        "chapters renumbered"
    );
    assert!(!text.contains("Chapter 6"));
    let steps = between(&text, "Step 4: Be accountable.", "Step 5");
    assert!(steps.contains("not part of this copy"), "{steps}");
}

#[test]
fn only_an_exercise_keeps_its_chapter_and_the_safety_note() {
    let doc = compile(&["--names", "Ana & Ben", "--only", "apology"])
        .unwrap()
        .document;
    let text = body_text(&doc);
    assert!(text.contains("Before you begin: your safety"));
    assert!(text.contains("Rebuilding trust, step by step"));
    assert!(text.contains("Ana’s apology") && text.contains("Ben’s apology"));
    assert!(!text.contains("Boundary list"));
    assert!(!text.contains("Understanding trust"));
    assert!(text.contains("Exercise 1"));
}

#[test]
fn unknown_ids_suggest_the_closest() {
    let out = Test::build()
        .args(["--skip", "apologee"])
        .status(2)
        .leaves_nothing()
        .run();
    assert!(out.stderr.starts_with("error: unknown part or exercise id \"apologee\"; did you mean \"apology\"?\nhint: the ids are: how-to-print, how-to-use, safety,"), "{}", out.stderr);
    out.then()
        .args(BUILD)
        .args(["--skip", "safety"])
        .status(2)
        .stderr_has("the safety note is always included")
        .run();
}

#[test]
fn bad_dates_and_days() {
    let dir = tempdir();
    let cases = [
        (
            &["--start-date", "2026-02-30"][..],
            "error: --start-date \"2026-02-30\": that day does not exist",
        ),
        (
            &["--start-date", "tomorrow"][..],
            "error: --start-date \"tomorrow\": it is not a date in the form YYYY-MM-DD",
        ),
        (
            &["--days", "0"][..],
            "error: --days 0: the daily logs can run from 1 to 366 days",
        ),
        (
            &["--days", "367"][..],
            "error: --days 367: the daily logs can run from 1 to 366 days",
        ),
    ];
    for (args, expected) in cases {
        let out = Test::at(dir.path())
            .args(BUILD)
            .args(args.iter().copied())
            .status(2)
            .stderr_has("\nhint: ")
            .run();
        assert!(out.stderr.starts_with(expected), "{args:?}: {}", out.stderr);
    }
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn list_shows_parts_and_exercises() {
    let out = Test::new().arg("list").run();
    insta::assert_snapshot!(out.stdout);
}
