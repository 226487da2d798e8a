//! What a couples therapist checks in the guide: the safety pages, the hurt
//! partner's voice before the apology, mutual agreements with a place for
//! each partner, questions to talk over in session, and books built with
//! `--only` that never point at a page they do not have.

use crate::support::*;

/// The text after the cover and the contents.
fn body(args: &[&str]) -> String {
    let mut all = vec!["--names", "Ana & Ben"];
    all.extend_from_slice(args);
    body_text(&compile(&all).unwrap().document)
}

/// Every exercise file of the embedded guide: (id, parsed TOML).
fn exercise_files() -> Vec<(String, toml::Table)> {
    let dir = root().join("workbook/exercises");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            let table: toml::Table = std::fs::read_to_string(&p).unwrap().parse().unwrap();
            (id, table)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn the_safety_pages_are_read_alone_and_speak_to_suicide_and_self_harm() {
    let text = body(&[]);
    let safety = between(&text, "Before you begin: your safety", "Three key ideas");
    has_all(
        safety,
        &[
            "Please read these pages alone first.",
            // Suicide and self-harm, for either partner: act now, tell the counselor.
            "thoughts of ending your life, or of harming yourself",
            "Call a crisis line, your doctor, or emergency services today. Tell your counselor too.",
            "for the one who was hurt and for the one who caused the hurt",
            // Warning signs beyond hitting.
            "forces you into sex or sexual acts you do not want",
            "tracks where you are, or checks your phone or messages",
            // A private number, outside the shared book.
            // (the page may turn after "keep the")
            "keep its number outside the book",
            // A word to a reader who has used violence.
            "If you have hurt or frightened your partner",
            "There are programs for people who want to stop hurting a partner.",
            // Not the right tool, yet: each with what to do instead.
            "An affair or secret contact is still going on.",
            "Get treatment first, or at the same time as this work.",
            "One of you has already decided to leave.",
            "help you part well",
        ],
    );
    // The body and mind check-in repeats it, with a line for when to get help.
    let check_in = between(
        &text,
        "Ana’s body and mind check-in",
        "Ben’s body and mind check-in",
    );
    assert!(check_in.contains("thoughts of ending your life or of harming yourself"));
    assert!(check_in.contains(
        "If panic or despair is at 4 or 5 on most days, please talk to a doctor or your counselor soon."
    ));
}

#[test]
fn an_unconfigured_support_number_prints_widely_known_ones() {
    let text = body(&[]);
    let safety = between(&text, "Numbers to keep close", "You can stop at any time");
    for needle in [
        "988 (call or text)",
        "Samaritans 116 123",
        "112",
        "911",
        "1-800-799-7233",
        "findahelpline.com",
        "Numbers change. Your counselor can give you local ones.",
    ] {
        // Runs of text meet where an address may break: compared without
        // white space.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(
            squeeze(safety).contains(&squeeze(needle)),
            "safety numbers lack {needle:?}: {safety}"
        );
    }
    let list = between(&text, "Who to contact", "We hope you rarely need this page");
    for needle in ["116 123", "findahelpline.com", "Numbers change."] {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(
            squeeze(list).contains(&squeeze(needle)),
            "the support list lacks {needle:?}: {list}"
        );
    }
    // The support list does not ask a couple to keep the domestic-violence
    // line where both can find it.
    let intro = between(&text, "Our support list", "Who to contact");
    assert!(!intro.contains("where you can both find it"), "{intro}");
    assert!(intro.contains("somewhere only you can reach"), "{intro}");
}

#[test]
fn the_hurt_partner_is_heard_before_the_apology() {
    let text = body(&[]);
    let heard = text
        .find("Ana’s copy: to write, or to get ready to listen")
        .expect("the hurt partner's page");
    let apology = text.find("Ana’s apology").expect("the apology");
    assert!(heard < apology);
    assert!(text.contains("Ben’s copy: to write, or to get ready to listen"));
    let page = between(
        &text,
        "Ana’s copy: to write, or to get ready to listen",
        "Ben’s copy: to write, or to get ready to listen",
    );
    has_all(
        page,
        &[
            // The five boxes are marked as the hurt partner's.
            "If you were hurt: what happened, as I lived it",
            "If you were hurt: what it meant to me",
            "If you were hurt: what I fear now",
            "If you were hurt: what I still need to ask",
            "If you were hurt: what would help me now",
            // The involved partner's copy prepares them to listen: their own
            // hurts wait for a page of their own, later.
            "this copy is for getting ready to listen.",
            "Only if you broke the trust: how I will listen",
        ],
    );
    // Questions that come back, and the facts told once.
    has_all(
        &text,
        &[
            "answer honestly, and the same way each time",
            "Not at bedtime",
            "Not in front of children",
            "“I need a moment” is fine to say. “We have been over this” is not",
            "Tell the facts of what happened once, and tell them fully.",
            "Leave out graphic sexual details.",
        ],
    );
    assert!(!text.contains("You can start small and build up"));
}

#[test]
fn ending_contact_and_sexual_health_are_plain() {
    let text = body(&[]);
    assert!(text.contains("If another person was part of what happened, contact with them ends."));
    assert!(!text.contains("If you said you would end a contact"));
    let letter = between(&text, "A letter to end contact", "Boundary list");
    assert!(letter.contains("The partner who was hurt reads it before it is sent."));
    assert!(letter.contains("If some contact cannot be avoided"));
    // In the first days, in step 2 and in chapter 5.
    assert_eq!(
        text.matches("get tested for sexual infections before you have sex again")
            .count(),
        3
    );
}

#[test]
fn every_exercise_has_a_debrief_and_prints_it() {
    let files = exercise_files();
    assert!(files.len() >= 16, "{}", files.len());
    for (id, table) in &files {
        let debrief = table
            .get("debrief")
            .and_then(|d| d.as_str())
            .unwrap_or_else(|| panic!("{id} has no debrief"));
        let questions: Vec<_> = debrief.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            (2..=3).contains(&questions.len()),
            "{id}: {} questions",
            questions.len()
        );
    }
    let text = body(&[]);
    // One box per copy: two for each partner's exercise, one for a shared one.
    let copies: usize = files
        .iter()
        .map(|(_, t)| {
            if t["who"].as_str() == Some("each") {
                2
            } else {
                1
            }
        })
        .sum();
    assert_eq!(
        text.matches("To talk over with your counselor").count(),
        copies
    );
    // Names are filled in each partner's copy.
    assert!(text.contains("What has Ben noticed about the promises you kept?"));
    assert!(text.contains("What has Ana noticed about the promises you kept?"));
}

#[test]
fn with_only_the_gratitude_log_no_sentence_names_an_absent_exercise() {
    let text = body(&["--only", "gratitude-log"]);
    assert!(text.contains("Ana’s gratitude log"));
    assert!(text.contains("The gratitude log comes next."));
    for (id, table) in exercise_files() {
        if id == "gratitude-log" {
            continue;
        }
        let title = curly(table["title"].as_str().unwrap()).to_lowercase();
        assert!(
            !text.to_lowercase().contains(&title),
            "the copy names {id} ({title:?}), which it does not hold"
        );
    }
}

#[test]
fn with_every_exercise_skipped_the_chapters_name_none() {
    let files = exercise_files();
    let mut args = Vec::new();
    for (id, _) in &files {
        args.push("--skip");
        args.push(id.as_str());
    }
    let text = body(&args).to_lowercase();
    for (id, table) in &files {
        let title = curly(table["title"].as_str().unwrap()).to_lowercase();
        // "A daily check-in" and "a weekly check-in" are habits the chapters
        // teach, not the pages of the same name.
        let hits = text.matches(&title).count()
            - text.matches(&format!("a {title}")).count()
            - text.matches(&format!("small {title}")).count();
        assert_eq!(
            hits, 0,
            "the copy names {id} ({title:?}), which it does not hold"
        );
    }
}

#[test]
fn shared_agreements_give_each_partner_a_place() {
    let pdf = build_pdf(&["--fillable", "--paper", "a4"]);
    let names = field_names(&pdf);
    // A prompt's area is a field a ruled line: `name.line-1`, ...
    let has = |n: &str| {
        names
            .iter()
            .any(|f| f == n || f.strip_suffix(".line-1") == Some(n))
    };
    let starts = |p: &str| names.iter().filter(|f| f.starts_with(p)).count();
    // The connection menu: one copy per partner, ticked alone.
    assert!(starts("connection-menu.ana.gestures.") >= 10, "{names:?}");
    assert!(starts("connection-menu.ben.gestures.") >= 10);
    assert_eq!(starts("connection-menu.gestures."), 0);
    assert!(has("connection-menu.ana.both-chose"));
    // The boundary list: a column for each partner, and the new rows.
    for f in [
        "boundary-list.boundaries.phones-and-online-life.what-partner-1-needs",
        "boundary-list.boundaries.phones-and-online-life.what-partner-2-needs",
        "boundary-list.boundaries.what-is-shared-without-being.what-we-agree",
    ] {
        assert!(has(f), "no field {f}");
    }
    assert_eq!(
        starts("boundary-list.boundaries.contact-with-the-other-person"),
        5
    );
    // The commitments: each partner's own space.
    assert!(has("commitments.partner-1-commits"));
    assert!(has("commitments.partner-2-commits"));
    // The trigger plan, for each partner.
    assert!(has("trigger-plan.ana.pause-signal") && has("trigger-plan.ben.pause-signal"));

    let text = body(&[]);
    let list = between(&text, "Our boundaries", "When we will look at these again");
    assert!(
        list.contains("What Ana needs") && list.contains("What Ben needs"),
        "{list}"
    );
    assert!(
        !list.contains("What I need") && !list.contains("{partner"),
        "{list}"
    );
    let commitments = between(&text, "What we commit to", "Signed with care");
    assert!(
        commitments.contains("What Ana commits to") && commitments.contains("What Ben commits to")
    );
}

#[test]
fn the_hurt_partner_keeps_support_and_owns_no_part_of_the_breach() {
    let text = body(&[]);
    has_all(
        &text,
        &[
            "You are not asked to own any part of that choice",
            "You do not need your partner’s permission to get support.",
            "Each of you needs at least one person of your own to talk to",
            "Forgiveness is a choice. It is not a duty, and it has no deadline.",
            "Parting with care, honesty and respect is a good outcome too",
            "if it feels natural to you both",
            "None of this is a reason for the betrayal",
            "you have nothing to be ashamed of",
        ],
    );
    // Chapter 2 starts with the injury; older patterns come later.
    let injury = text.find("A betrayal is an injury").unwrap();
    let older = text.find("Older patterns: for later, if you want").unwrap();
    assert!(injury < older);
}

#[test]
fn configured_support_numbers_replace_the_fallback() {
    let text = Test::build()
        .config("[support]\ncrisis-line = \"0800 555 0100\"\nemergency = \"000\"\ndomestic-violence = \"1800 737 732\"\n")
        .args(["-o", "out.pdf"])
        .run()
        .pdf_text("out.pdf");
    assert!(text.contains("0800 555 0100"), "{text:.2000}");
    assert!(text.contains("1800 737 732"));
    for absent in ["116 123", "findahelpline.com", "Numbers change."] {
        assert!(
            !text.contains(absent),
            "{absent:?} printed beside a configured number"
        );
    }
}

/// With a start date, each dated log starts in its chapter's week (a week
/// for each of chapters 1 and 2, four for chapter 3, two for each after
/// it: the stages of recovery), never all on the first day.
#[test]
fn no_dated_log_starts_before_its_chapters_week() {
    let text = body(&["--start-date", "2026-12-01"]);
    let start = time::macros::date!(2026 - 12 - 01);
    let mut seen = 0;
    for (week, date) in [
        (2, "Tuesday 8 December 2026"),
        (7, "Tuesday 12 January 2027"),
        (9, "Tuesday 26 January 2027"),
    ] {
        let line = format!("Start this log in week {week}, with this chapter:");
        assert!(text.contains(&line), "no log in week {week}");
        let after = &text[text.find(&line).unwrap()..];
        assert!(
            after[..200].contains(date),
            "week {week}: {}",
            &after[..200]
        );
        let day = start + time::Duration::days(7 * (week - 1));
        assert!(date.contains(&day.day().to_string()));
        seen += text.matches(&line).count();
    }
    // Body and mind (each) in week 2, the weekly check-in in week 7; in
    // week 9 the stress talk's log, the gratitude log (each) and the second
    // body and mind check-in (each).
    assert_eq!(seen, 8, "{text}");
    assert!(
        !text.contains("From Tuesday 1 December 2026"),
        "a log starts on day one"
    );
    // Leave chapters 1 to 4 out: the gratitude log moves up to week 1.
    let only = body(&["--start-date", "2026-12-01", "--only", "gratitude-log"]);
    assert!(only.contains("From Tuesday 1 December 2026"), "{only}");
    assert!(!only.contains("Start this log in week"));
}

/// An exercise id that went away (merged into another) still works in
/// --skip and --only, with one warning naming the id to use now.
#[test]
fn an_old_id_given_to_skip_warns_and_still_works() {
    let skipped = Test::build()
        .args(["--skip", "daily-check-in", "--skip", "daily-check-in"])
        .args(["-o", "a.pdf"])
        .run();
    insta::assert_snapshot!(skipped.stderr, @r#"
    warning: "daily-check-in" is now part of "gratitude-log": it is used instead (write "gratitude-log" to silence this)
    wrote a.pdf
    "#);
    let text = body(&["--skip", "daily-check-in"]);
    assert!(
        !text.contains("Ana’s gratitude log"),
        "the merged log was not skipped"
    );
    let only = body(&["--only", "healing-activities"]);
    assert!(only.contains("Ana’s connection menu"), "{only}");
    let from_file = skipped
        .then()
        .write("w.toml", "[content]\nskip = [\"healing-activities\"]\n")
        .args(BUILD)
        .args(["-c", "w.toml", "-o", "b.pdf"])
        .run();
    assert!(
        from_file
            .stderr
            .starts_with("warning: \"healing-activities\" is now part of \"connection-menu\""),
        "{}",
        from_file.stderr
    );
}

/// The how-to-print page and its rulers are in every copy, whatever the
/// selection, and cannot be skipped.
#[test]
fn the_how_to_print_page_is_always_there() {
    let doc = compile(&["--names", "Ana & Ben", "--only", "gratitude-log"])
        .unwrap()
        .document;
    let all = page_texts(&doc).join("\n");
    assert!(all.contains("How to print this workbook"), "{all}");
    assert!(all.contains("10 cm"), "no ruler: {all}");
    let refused = Test::build()
        .args(["--skip", "how-to-print"])
        .status(2)
        .run();
    assert!(
        refused.stderr.starts_with(
            "error: --skip how-to-print: the how-to-print page is always included\nhint: its rulers"
        ),
        "{}",
        refused.stderr
    );
}

/// A practice that brands its books but gives no local numbers is told
/// once that the safety page prints international ones; a couple at home
/// with no config is not.
#[test]
fn a_practice_without_support_numbers_is_warned_once() {
    let built = Test::build()
        .write("w.toml", "[counselor]\nname = \"Dr. Sam Example\"\n")
        .args(["-c", "w.toml", "-o", "a.pdf", "--only", "how-to-use"])
        .run();
    insta::assert_snapshot!(built.stderr, @r"
    warning: w.toml: [counselor] is set but [support] is not, so the safety page prints international numbers
    hint: add your local numbers under [support]: crisis-line, emergency and domestic-violence
    wrote a.pdf
    ");
    let batch = Test::at(built.dir())
        .csv("c.csv", "names\nAna & Ben\nCy & Di\n")
        .args(["batch", "c.csv", "-c", "w.toml", "--only", "how-to-use"])
        .run();
    assert_eq!(
        batch
            .stderr
            .matches("warning: w.toml: [counselor] is set")
            .count(),
        1,
        "{}",
        batch.stderr
    );
    Test::at(built.dir())
        .args(BUILD)
        .args(["-o", "b.pdf", "--only", "how-to-use"])
        .stderr_lacks("warning")
        .run();
}

/// An old id in a CSV's skip cell works too, with a warning at its line.
#[test]
fn an_old_id_in_a_csv_skip_cell_warns_at_its_line() {
    let batch = Test::new()
        .csv(
            "c.csv",
            "names,skip\nAna & Ben,healing-activities\nCy & Di,\n",
        )
        .args(["batch", "c.csv", "--only", "how-to-use"])
        .args(["--only", "connection-menu"])
        .stderr_has(
            "warning: c.csv:2: skip: \"healing-activities\" is now part of \"connection-menu\"",
        )
        .run();
    assert_eq!(
        batch.stderr.matches("is now part of").count(),
        1,
        "{}",
        batch.stderr
    );
}

/// The shared book never invites writing down a domestic-violence number:
/// the safety box prints the known numbers with no line or field, and the
/// support list has no row for it; the crisis line keeps its line.
#[test]
fn no_place_to_write_a_domestic_violence_number_in_the_shared_book() {
    let pdf = build_pdf(&["--fillable", "--paper", "a4"]);
    let names = field_names(&pdf);
    assert!(
        names.iter().any(|n| n == "safety.numbers.crisis-line"),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("domestic-violence")),
        "{names:?}"
    );
    let text = body(&[]);
    // The widely known numbers print; a local one of your own is kept
    // outside the book, and no sentence asks to keep the printed ones out.
    assert!(
        text.contains("There is no line to write on here. A local number of your own is safer in a phone only you use"),
        "{text:.3000}"
    );
    assert!(!text.contains("Keep any domestic-violence number out of this book"));
    let list = between(&text, "Who to contact", "We hope you rarely need this page");
    assert!(!list.contains("Domestic-violence line"), "{list}");
}

/// The partners' keys ("ana", "ben") of the trust and safety check's fields
/// on each page: `progress.<partner>.<when>.<item>`.
fn check_owners_by_page(
    pdf: &[u8],
) -> std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> {
    let mut by_page: std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> =
        Default::default();
    for (name, page) in field_pages(pdf) {
        if let Some(rest) = name.strip_prefix("progress.") {
            let partner = rest.split('.').next().unwrap().to_string();
            by_page.entry(page).or_default().insert(partner);
        }
    }
    by_page
}

/// The scores are private: a partner who rates "I can say how I feel
/// without fear" beside the other's column may not answer honestly, or may
/// pay for it. So no page holds both partners' boxes, at the start, in the
/// weekly lines or at the end.
#[test]
fn no_page_holds_both_partners_trust_check_scores() {
    let pdf = build_pdf(&["--fillable"]);
    let by_page = check_owners_by_page(&pdf);
    for (page, owners) in &by_page {
        assert_eq!(
            owners.len(),
            1,
            "page {page} holds the scores of {owners:?}"
        );
    }
    let names = field_names(&pdf);
    for partner in ["ana", "ben"] {
        for when in ["baseline", "week-01", "week-06", "final", "baseline-copy"] {
            for item in ["item-02", "total"] {
                let name = format!("progress.{partner}.{when}.{item}");
                assert!(names.contains(&name), "no {name}");
            }
        }
    }
    // Each partner's check pages are theirs alone, and more than one page.
    let pages_of = |who: &str| by_page.values().filter(|o| o.contains(who)).count();
    assert!(pages_of("ana") >= 3 && pages_of("ben") >= 3, "{by_page:?}");
}

#[test]
fn split_puts_each_partners_scores_in_their_own_file_only() {
    let out = Test::build()
        .args(["--split", "partners", "--fillable"])
        .run();
    let read = |f: &str| out.read(f);
    let scores = |pdf: &[u8], who: &str| {
        field_names(pdf)
            .into_iter()
            .filter(|n| n.starts_with(&format!("progress.{who}.")))
            .count()
    };
    let shared = read("workbook-ana-ben.pdf");
    assert!(
        !field_names(&shared)
            .iter()
            .any(|n| n.starts_with("progress.")),
        "the shared file holds scores"
    );
    let ana = read("workbook-ana-ben-ana.pdf");
    let ben = read("workbook-ana-ben-ben.pdf");
    // The start, six weeks and the end with the start copied: 9 moments of
    // the statements and a total.
    let n = workbook_statements();
    assert_eq!(scores(&ana, "ana"), 9 * (n + 1));
    assert_eq!(scores(&ben, "ben"), 9 * (n + 1));
    assert_eq!(scores(&ana, "ben") + scores(&ben, "ana"), 0);
    // The shared book says where the check went, and each partner's end
    // page points at the start in the same file.
    let text = pdf_text;
    assert!(text(&shared).contains("Trust and safety check: the start"));
    assert!(text(&shared).contains("Ana’s copy is in Ana’s own booklet"));
    let own = text(&ana);
    assert!(own.contains("Ana’s trust and safety check: the start"));
    assert!(
        own.contains("copy your numbers from the start, on page"),
        "{own}"
    );
}

/// The page says whose the numbers are, that no one presses, that the
/// baseline is taken alone with the counselor, and that the fear
/// statements stay out of any total.
#[test]
fn the_check_says_the_numbers_are_private_and_keeps_fear_out_of_the_total() {
    let text = body(&[]);
    let start = between_or_end(
        &text,
        "Where you are starting",
        "Three key ideas and five steps",
    );
    let start = if start.len() > 100 {
        start
    } else {
        between(&text, "Where you are starting", "Chapter 1")
    };
    has_all(
        start,
        &[
            "The numbers belong to the person who wrote them.",
            "No one should press the other to show them, or to change a score.",
            "A score is not a grade to argue over.",
            // A page of one's own is not always private: the choices when it
            // would not be safe for the partner to see the scores.
            "A page of your own is not always private.",
            "Take your page out of the book.",
            "Ask your counselor for a copy of your own",
            "Keep your scores at your counselor’s office.",
            "your first meeting alone with your counselor",
            "the second session",
            "Not in the total",
            "Total (add up all but 2 and 5)",
            "Statements 2 and 5 ask about fear.",
            "please talk with your counselor on your own",
            "Ana’s trust and safety check: the start",
            "Ben’s trust and safety check: the start",
        ],
    );
    // A blank page draws questions: the book no longer advises one.
    assert!(!start.contains("leave your page blank"), "{start}");
    // No column of the other partner's: the start has one score column.
    assert!(!start.contains("Statement Ana Ben"), "{start}");
    let progress = progress_table();
    let fear: Vec<i64> = progress["fear"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_integer().unwrap())
        .collect();
    assert_eq!(fear, [2, 5]);
    let statements = progress["statements"].as_array().unwrap();
    for k in fear {
        let s = statements[k as usize - 1].as_str().unwrap();
        assert!(s.contains("safe") || s.contains("fear"), "{s}");
    }
}

/// `--skip progress-baseline`: the weekly and final pages ask for today's
/// scores alone, and nothing points at a start that is not there.
#[test]
fn skipping_the_baseline_leaves_no_reference_to_it() {
    let text = body(&["--skip", "progress-baseline"]);
    assert!(text.contains("Ana’s trust and safety check: now"));
    assert!(text.contains("Your trust and safety check, one line each week"));
    for absent in [
        "Where you are starting",
        "At the start",
        "from the start",
        "first numbers",
        "the check at the start",
        "the check at the front",
        "today's numbers beside",
    ] {
        assert!(!text.contains(&curly(absent)), "{absent:?} is left");
    }
    // With the start, the end has a column to copy it into.
    let whole = body(&[]);
    assert!(whole.contains("At the start"));
    assert!(whole.contains("copy your numbers from the start, on page"));
}

fn workbook_statements() -> usize {
    progress_table()["statements"].as_array().unwrap().len()
}

/// The second clinical round: the involved partner's own pages, the cycle
/// map, the stress talk, forgiveness, a second body and mind check-in, the
/// first days, and the warning signs of control.
#[test]
fn the_second_round_pages_are_there_in_the_order_of_recovery() {
    let text = body(&[]);
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    // The first days come before the chapters, after the safety pages.
    let first_days = between(&text, "The first days", "Three key ideas and five steps");
    has_all(
        first_days,
        &[
            "all contact with them ends now",
            "I need a pause",
            "get tested for sexual infections before you have sex again",
            "usually takes a year or two, and sometimes longer",
            "it is not their fault",
            "a pregnancy or a child",
            "When the other person will not let go.",
            "When both of you broke trust.",
        ],
    );
    assert!(at("Before you begin: your safety") < at("The first days"));
    assert!(text.contains("any couple: of any genders, married or not"));
    assert!(text.contains("a broken agreement in an open relationship"));
    // The involved partner's own choices, written with the counselor first,
    // heard when the hurt partner decides; after the apology.
    let choices = between(
        &text,
        "Ana’s copy: for the partner who broke the trust",
        "Ben’s copy: for the partner who broke the trust",
    );
    has_all(
        choices,
        &[
            "write this page with your counselor first",
            "The partner who was hurt decides when",
            "A window opens to someone else, and a wall goes up",
            "The lies I told, and how I covered it up",
            "What I told myself at the time",
        ],
    );
    assert!(at("Ana’s apology") < at("Ana’s copy: for the partner who broke the trust"));
    // The involved partner's copy of the hurt partner's page prepares them
    // to listen; their own hurts come later, on a page of their own.
    let understand = between(
        &text,
        "Ana’s copy: to write, or to get ready to listen",
        "Ben’s copy: to write, or to get ready to listen",
    );
    assert!(understand.contains("this copy is for getting ready to listen."));
    assert!(!understand.contains("You can note them here"));
    assert!(at("Ana’s own hurts") > at("Ana’s apology"));
    assert!(at("Ana’s own hurts") > at("Chapter 6 "));
    // The cycle map, the stress talk, forgiveness, and the second check-in.
    has_all(
        &text,
        &[
            "Our cycle: the dance we get stuck in",
            "What I feel underneath",
            "The stress-reducing talk",
            "Hold back advice unless they ask",
            "Ana: forgiveness, where I am",
            "Forgiveness is a choice. It is not a duty, and it has no deadline.",
            "Ana’s body and mind, some weeks on",
            "I am sorry for",
            "The lies I told, and what I hid",
        ],
    );
    // Checking is told apart from control; the warning signs name fear.
    has_all(
        &text,
        &[
            "and you are afraid of what happens if you refuse",
            "This is called “outing”.",
            "report you to immigration",
            "control whether you get pregnant",
            "Who is afraid of whom?",
            "Did it start before the betrayal, or after it?",
        ],
    );
    // The trust patterns wait for the hurt partner's agreement.
    assert!(text.contains("Leave it until the partner who was hurt agrees that it is time."));
}
