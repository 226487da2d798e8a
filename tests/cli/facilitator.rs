//! Issue 26, the facilitator edition (`--edition counselor`): the session
//! plan in the order of affair recovery, the frame a clinician holds
//! (secrets, limits, records, video, consultation), weapons and lethality
//! in screening, checking told apart from control, private fear scores and
//! the reading list.

use crate::support::*;

/// The facilitator edition's text after the cover and the contents.
fn guide_text(args: &[&str]) -> String {
    let mut all = vec!["--edition", "counselor"];
    all.extend_from_slice(args);
    // Runs are joined by spaces: a comma after italics reads " ,".
    body_text(&compile(&all).unwrap().document)
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" )", ")")
}

/// The session plan's heading and first words, and the next part's.
const PLAN: &str = "The twelve-session plan The plan follows";
const SCREENING: &str = "Intake and screening, with each partner alone Screen";

/// The embedded plan, as the library loaded and checked it: for each
/// session, its number, whether it has time alone with each partner, and
/// the ids of the parts and exercises it names.
fn plan() -> Vec<(u32, bool, Vec<String>)> {
    let (_, content) = engine();
    let guide = content
        .counselor
        .as_ref()
        .expect("the embedded guide has a counselor's edition");
    guide
        .sessions
        .iter()
        .map(|s| {
            let ids = s
                .parts
                .iter()
                .chain(&s.exercises)
                .map(|i| i.get_ref().clone())
                .collect();
            (*s.number.get_ref(), s.individual, ids)
        })
        .collect()
}

/// The sessions that name `id`, in order.
fn sessions_naming(id: &str) -> Vec<u32> {
    plan()
        .into_iter()
        .filter(|(_, _, ids)| ids.iter().any(|i| i == id))
        .map(|(n, _, _)| n)
        .collect()
}

fn first(id: &str) -> u32 {
    *sessions_naming(id)
        .first()
        .unwrap_or_else(|| panic!("no session names {id}"))
}

#[test]
fn the_plan_puts_the_crisis_first_and_older_roots_late() {
    // The crisis work is done by session 3.
    assert!(
        first("no-contact-letter") <= 3,
        "{:?}",
        sessions_naming("no-contact-letter")
    );
    assert!(
        first("trigger-plan") <= 3,
        "{:?}",
        sessions_naming("trigger-plan")
    );
    // Trust patterns (early-life roots) never before session 8; this plan
    // keeps them to session 10 or later.
    let patterns = sessions_naming("trust-patterns");
    assert!(!patterns.is_empty());
    assert!(patterns.iter().all(|&n| n >= 8), "{patterns:?}");
    assert!(patterns.iter().all(|&n| n >= 10), "{patterns:?}");
    // The baseline is taken in the individual meeting of session 2, not
    // sent home after session 1.
    assert_eq!(sessions_naming("progress-baseline"), vec![2]);
    let sessions = plan();
    assert!(sessions[1].1, "session 2 is with each partner alone");
    // The hurt partner is heard before the apology, and the apology comes
    // before the meaning work and the weekly check-in.
    let heard = first("what-i-need-you-to-understand");
    let apology = first("apology");
    assert!(heard < apology);
    assert!(apology < first("weekly-check-in"));
    // The meaning work after the apology: the involved partner's own
    // choices, then their own hurts (a page apart from the hurt partner's
    // week); the body and mind check-in again in weeks 8 to 12; forgiveness
    // in the last stage; each check at its moment.
    assert!(apology < first("my-choices"));
    assert!(first("my-choices") < first("my-own-hurts"));
    assert!((8..=12).contains(&first("body-mind-check-in-later")));
    assert!(first("forgiveness-where-i-am") >= 11);
    assert_eq!(sessions_naming("trust-check-start"), vec![2]);
    assert_eq!(first("trust-check-weekly"), first("weekly-check-in"));
    assert_eq!(sessions_naming("trust-check-end"), vec![12]);
    // Every session with time alone with each partner says so in the rows
    // of the built guide; the disclosure session is one of them.
    let text = guide_text(&[]);
    let table = between(&text, PLAN, SCREENING);
    for (n, alone, _) in &sessions {
        let marked = table.contains(&format!(" {n} with each partner alone"));
        assert_eq!(marked, *alone, "session {n}");
    }
    let disclosure = table
        .find("The disclosure session, held by you")
        .expect("a disclosure session of its own");
    assert!(
        disclosure < table.find("The hurt partner speaks first").unwrap(),
        "the disclosure comes before the hurt partner's voice"
    );
    assert!(table.contains("48 hours later"), "safety screened again");
    // Each check is filled in and read with each partner alone; the
    // involved partner starts their own hurts alone with the counselor.
    for id in ["trust-check-start", "trust-check-end", "my-own-hurts"] {
        for n in sessions_naming(id) {
            assert!(
                sessions[n as usize - 1].1,
                "{id}: session {n} has no time alone"
            );
        }
    }
    for phrase in [
        // The safety pages are read alone; together only if both feel safe.
        "Reading them together is optional, and only if both feel safe",
        // A safety check before the no-contact letter goes.
        "Before the letter goes, check safety",
        "plan the letter with you first",
        // Session 10 may be split, the cycle never stops the questions, and
        // the involved partner's own hurts wait to be shared.
        "it may be split in two",
        "the pause signal is never used to stop them",
        "sharing it waits for the moving-forward stage or a booster session",
        // Where each is with forgiveness is invited, never asked for.
        "the hurt partner may keep it private or tell you alone",
    ] {
        // A word broken at its hyphen in a narrow cell reads "moving- forward".
        assert!(
            fold(table).replace("- ", "-").contains(phrase),
            "{phrase:?} not in the plan"
        );
    }
    assert!(!table.contains("Each partner says where they are with forgiveness"));
    assert!(!table.contains("reads the safety page alone, then together"));
}

#[test]
fn the_plan_says_twelve_sessions_is_not_enough_and_sets_gates() {
    let text = guide_text(&[]);
    let plan = between(&text, PLAN, SCREENING);
    has_all(
        plan,
        &[
            "Most couples need more than twelve sessions",
            "one to two years",
            "booster sessions",
            "Before the disclosure session",
            "Before the meaning stage",
            "Before moving forward",
            "Impact (sessions 1 to 7)",
            "Meaning (sessions 8 to 10)",
            "atone, attune and attach",
        ],
    );
}

#[test]
fn no_session_of_the_plan_is_left_alone_on_a_page() {
    for paper in ["a4", "letter"] {
        let doc = compile(&["--edition", "counselor", "--paper", paper])
            .unwrap()
            .document;
        let (_, content) = engine();
        let titles: Vec<String> = content
            .counselor
            .as_ref()
            .unwrap()
            .sessions
            .iter()
            .map(|s| fold(&curly(&s.title)))
            .collect();
        let mut seen = 0;
        for page in page_texts(&doc) {
            // A row: its number, a mark for time alone, then its title.
            let rows = titles
                .iter()
                .enumerate()
                .filter(|(i, t)| {
                    page.contains(&format!("{} {t}", i + 1))
                        || page.contains(&format!("{} with each partner alone {t}", i + 1))
                })
                .count();
            assert_ne!(rows, 1, "{paper}: a page holds one session alone: {page}");
            seen += rows;
        }
        assert_eq!(seen, titles.len(), "{paper}: every session printed once");
    }
}

#[test]
fn the_frame_states_the_secrets_policy_its_limits_video_and_consultation() {
    let text = guide_text(&[]);
    let frame = between(&text, "The frame you agree at intake", PLAN);
    has_all(
        frame,
        &[
            // The secrets policy in consent wording, with a time limit.
            "I won’t pass on what you tell me without your permission",
            "I won’t go on with joint sessions while a secret affair",
            "no more than two or three weeks",
            // What a partner says about being hurt or afraid is never passed
            // on; threats and child protection fall under the limits.
            "that you are afraid of your partner, I will never pass that on to your partner",
            "A threat to harm anyone, and my duty to protect children, are different",
            // The limits.
            "including either partner, a child, or an affair partner",
            "a child or a vulnerable adult is being abused or neglected",
            "a child who lives with violence at home",
            "a court orders",
            // Records.
            "AAMFT Code of Ethics (standard 2.2)",
            "either partner can ask to see the record",
            // Video.
            "a safe word",
            "the address",
            "a private place",
            "emergency plan",
            // Competence.
            "consult your supervisor on every positive screen",
        ],
    );
    // Not a promise to hold everything, said to a partner who may be the
    // one using violence.
    assert!(!frame.contains("always held in confidence"));
}

#[test]
fn screening_asks_about_weapons_and_a_positive_screen_stops_joint_work() {
    let text = guide_text(&["--names", "Ana & Ben"]);
    // A phrase cut by a page break is still found: the running footer
    // ("Intake and screening, with each partner alone · Ana & Ben 14") and
    // the break between pages go.
    let mut screening = between(
        &text,
        "Intake and screening, with each partner alone",
        "The trust and safety check",
    )
    .to_string();
    for n in (1..100).rev() {
        screening = screening.replace(
            &format!("Intake and screening, with each partner alone · Ana & Ben {n}"),
            "",
        );
    }
    let screening = fold(&screening);
    let screening = screening.as_str();
    has_all(
        screening,
        &[
            "Is there a gun or another weapon in the home",
            "Is there a gun in the home, or other means",
            "about five times (Campbell and colleagues, American Journal of Public Health, 2003)",
            "Campbell’s Danger Assessment",
            "Do not start or continue joint sessions",
            "When joint sessions can resume.",
            "on the day of the disclosure session and about 48 hours later",
            // Checking versus control.
            "Checking or control?",
            "Who fears whom?",
            "What is the pattern?",
            "When did it begin?",
            "tracking apps",
            "a pattern that began before the discovery",
            // Choking, even once; tools that may not suit this couple.
            "Strangulation or choking, even once, is a sign of high danger",
            "Check that the tool and the program suit this couple",
        ],
    );
    // Each partner's record keeps the lethality assessment and the
    // supervisor's consultation.
    for line in ["Lethality assessment done", "Supervisor consulted (date)"] {
        assert_eq!(screening.matches(line).count(), 2, "{line}");
    }
    // US spelling throughout.
    for british in ["programme", "Practise", "Normalise", "apologise"] {
        assert!(!text.contains(british), "{british}");
    }
    // Weapons have a row on each partner's record.
    assert_eq!(
        screening
            .matches("A gun or other weapon at home, or access to one")
            .count(),
        2
    );
}

#[test]
fn fear_scores_stay_out_of_the_summary_and_go_on_each_partners_own_record() {
    let text = guide_text(&[]);
    let measure = between(
        &text,
        "The trust and safety check The couple’s book carries",
        "Chapter 1",
    );
    has_all(
        measure,
        &[
            "in session 2, with each partner alone",
            "stay out of any total that is shared or compared",
            "private check-in",
            "The numbers belong to the partner who wrote them",
            "not a grade to argue over",
        ],
    );
    // The summary has a row each time the check is taken (the start, six
    // weekly lines, the end), not one for each of twelve sessions.
    // The fear statements are named by progress.toml, not counted in the
    // prose.
    has_none(
        measure,
        &["Two statements ask about fear", "two fear statements"],
    );
    // One summary for each partner, for their own record: never both
    // partners' totals on one page.
    let summary = between(&text, "Progress summary Keep", "Further reading");
    for who in ["Partner A", "Partner B"] {
        let own = between(
            summary,
            &format!("Progress summary · for {who}’s own record"),
            "End 12",
        );
        assert!(
            own.contains("When Session Date Total without the fear statements Notes"),
            "{own}"
        );
        for row in ["Start 2", "Week 1 7", "Week 6 12"] {
            assert!(own.contains(row), "no row {row:?}: {own}");
        }
    }
    assert!(!summary.contains("Week 7"));
    let doc = compile(&["--edition", "counselor"]).unwrap().document;
    let pages: Vec<String> = page_texts(&doc)
        .into_iter()
        .filter(|p| p.contains("Total without the fear statements"))
        .collect();
    assert_eq!(pages.len(), 2);
    for page in &pages {
        assert!(
            page.contains("Partner A") != page.contains("Partner B"),
            "{page}"
        );
    }
    // With --fillable: the summary's totals leave the fear statements out,
    // and each partner's fear scores are fields of their own record.
    let fields = field_names(&build_pdf_without_names(&[
        "--edition",
        "counselor",
        "--fillable",
    ]));
    has_fields(
        &fields,
        &[
            "progress.partner-a.baseline.shared-total",
            "progress.partner-b.week-06.shared-total",
            "progress.partner-b.final.notes",
            "screening.partner-a.lethality.done",
            "screening.partner-b.supervisor.date",
            "screening.partner-a.weapons.positive",
        ],
    );
    assert!(
        !fields
            .iter()
            .any(|f| f.starts_with("progress.") && f.contains(".item-")),
        "no single statement's score in the summary"
    );
    assert!(
        !fields.iter().any(|f| f.starts_with("progress.summary.")),
        "no summary field shared by both partners"
    );
    // The statements about fear, as progress.toml marks them.
    let check: toml::Table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/workbook/progress.toml"
    ))
    .unwrap()
    .parse()
    .unwrap();
    let fear: Vec<i64> = check["fear"]
        .as_array()
        .expect("progress.toml marks the statements about fear")
        .iter()
        .map(|k| k.as_integer().unwrap())
        .collect();
    assert!(!fear.is_empty());
    for partner in ["partner-a", "partner-b"] {
        for k in &fear {
            let name = format!("screening.{partner}.fear.baseline.item-{:02}", k);
            assert!(fields.contains(&name), "no {name}");
        }
        let check_in = format!("screening.{partner}.fear.final.check-in");
        assert!(fields.contains(&check_in), "no {check_in}");
    }
}

#[test]
fn the_reading_list_is_as_the_clinical_outline_names_it() {
    let text = guide_text(&[]);
    let reading = &text[text
        .match_indices("Further reading for clinicians")
        // The heading, not a running footer ("… · Ana & Ben").
        .find(|(i, h)| !text[i + h.len()..].starts_with(" ·"))
        .unwrap()
        .0..];
    has_all(
        reading,
        &[
            "Shirley P. Glass, with Jean Coppock Staeheli. Not “Just Friends”. 2003.",
            "Janis Abrahms Spring, with Michael Spring. After the Affair. Second edition, 2012",
            "Why Does He Do That? 2002. Written for survivors of coercive control",
            "Couples Therapy for Domestic Violence. 2011.",
            "Helping Couples on the Brink of Divorce. 2017.",
            "“Attachment injuries in couple relationships.” Journal of Marital and Family Therapy, 2001.",
            "Journal of Consulting and Clinical Psychology, 2006.",
            "“An integrative intervention for promoting recovery from extramarital affairs.” Journal of Marital and Family Therapy, 2004.",
        ],
    );
    // Books the outline does not name are not cited.
    for absent in ["The Science of Trust", "The Seven Principles"] {
        assert!(!reading.contains(absent), "{absent}");
    }
}

#[test]
fn the_guide_speaks_to_children_a_child_from_the_affair_retaliation_and_two_betrayals() {
    let text = guide_text(&[]);
    // The part's heading and first words: the plan and the screening
    // notes name it too.
    let heading = "When the story is more complicated Some stories";
    has_all(
        between(&text, heading, "Progress summary"),
        &[
            "Telling the children",
            "A pregnancy, or a child from the affair",
            "An affair partner who retaliates",
            "When one has power over the other at work",
            "Betrayal on both sides",
        ],
    );
}
