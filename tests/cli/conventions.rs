//! Command-line conventions: shell completions, man pages, examples in
//! help, values typed in either case, and a starter config that cannot
//! build a workbook for sample names.

use std::path::Path;

use crate::support::*;

/// Every subcommand, as `--help` lists them.
const SUBCOMMANDS: [&str; 9] = [
    "build",
    "batch",
    "list",
    "init",
    "eject",
    "preview",
    "answers",
    "completions",
    "manpage",
];

#[test]
fn bash_completion_loads_and_completes_subcommands_and_paper_values() {
    let script = Test::new().args(["completions", "bash"]).run();
    let dir = Test::at(script.dir()).write("workbook.bash", &script.stdout);
    // Load the script and ask it what it would complete, as bash would.
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let probe = format!(
            "source workbook.bash; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _workbook workbook '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(probe)
            .current_dir(dir.dir())
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let subcommands = complete("workbook ");
    for sub in SUBCOMMANDS {
        assert!(
            subcommands.lines().any(|l| l == sub),
            "{sub} missing: {subcommands}"
        );
    }
    let papers = complete("workbook build --paper ");
    for paper in ["a4", "letter", "universal"] {
        assert!(
            papers.lines().any(|l| l == paper),
            "{paper} missing: {papers}"
        );
    }
}

#[test]
fn manpage_writes_a_page_per_subcommand_that_man_renders() {
    let wrote = Test::new().args(["manpage", "."]).run();
    let names = file_names(wrote.dir());
    for page in [
        "workbook.1",
        "workbook-build.1",
        "workbook-batch.1",
        "workbook-eject.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} missing: {names:?}");
    }
    let build = wrote.read_to_string("workbook-build.1");
    assert!(build.contains("\\-\\-names"), "{build}");
    // `man -l` where it is installed: the page renders with its name.
    if let Ok(out) = std::process::Command::new("man")
        .args(["-l", "workbook-build.1"])
        .env(var::MANPAGER, "cat")
        .current_dir(wrote.dir())
        .output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Build one workbook as a PDF"), "{text}");
    }
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    for sub in SUBCOMMANDS {
        let help = Test::new().args([sub, "--help"]).run();
        let examples = help
            .stdout
            .rfind("Examples:")
            .unwrap_or_else(|| panic!("{sub}: no examples"));
        assert!(
            help.stdout[examples..]
                .lines()
                .skip(1)
                .filter(|l| l.trim_start().starts_with("workbook ")
                    || l.trim_start().starts_with("man "))
                .count()
                >= 2,
            "{sub}: {}",
            help.stdout
        );
    }
}

#[test]
fn values_are_accepted_in_either_case() {
    Test::build()
        .args(["--paper", "A4", "--sides", "Duplex"])
        .args(["--only", "how-to-use", "-o", "a.pdf"])
        .run();
}

/// A folder made by `workbook init` has no sample names: `build` there
/// asks for real ones instead of printing a workbook for "Ana & Ben".
#[test]
fn the_starter_config_never_builds_for_sample_names() {
    let init = Test::new().arg("init").run();
    let bare = init.then().arg("build").status(2).run();
    insta::assert_snapshot!(bare.stderr, @r#"
    error: no names given
    hint: say who the workbook is for: --names "Ana & Ben"
    "#);
    bare.then()
        .args(["build", "--names", "Cy & Di", "--only", "how-to-use"])
        .run();
}

/// `-q` prints only errors; `-v` names each step with its time.
#[test]
fn quiet_prints_only_errors_and_verbose_times_each_step() {
    Test::new()
        .args(["build", "-q", "--names", "Ana & Ben"])
        .args(["--only", "how-to-use", "-o", "q.pdf"])
        .stderr("")
        .run();
    let refused = Test::new()
        .args(["build", "-q", "--names", "Ana"])
        .status(2)
        .run();
    assert!(
        refused.stderr.starts_with("error: --names:"),
        "{}",
        refused.stderr
    );
    let verbose = Test::new()
        .args(["build", "-v", "--names", "Ana & Ben"])
        .args(["--only", "how-to-use", "-o", "v.pdf"])
        .run();
    // Times vary: mask them, keep the shape.
    let masked: String = verbose
        .stderr
        .lines()
        .map(|l| match l.split_once("  ") {
            Some((name, rest)) if rest.trim_end().ends_with(" ms") => format!("{name} <t> ms\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    insta::assert_snapshot!(masked, @r"
    load <t> ms
    check <t> ms
    images <t> ms
    compile <t> ms
    export <t> ms
    finish <t> ms
    write <t> ms
    wrote v.pdf
    ");
}

/// A CSV note adds to the practice's note, printed after it; a second
/// phone line joins the counselor's contacts.
#[test]
fn a_rows_note_follows_the_practice_note_and_a_second_phone_prints() {
    let text = Test::new()
        .write(
            "w.toml",
            "[counselor]\nname = \"Dr. Sam Example\"\nphone = \"+1 555 0100\"\nphone-2 = \"+1 555 0199\"\nnote = \"Welcome from the practice.\"\n[support]\ncrisis-line = \"988\"\n",
        )
        .csv("c.csv", "names,note\nAna & Ben,See you on Tuesday.\n")
        .args(["batch", "c.csv", "-c", "w.toml", "--only", "support-contacts"])
        .run()
        .pdf_text("workbook-ana-ben.pdf");
    let welcome = text
        .find("Welcome from the practice.")
        .expect("the practice's note");
    let own = text.find("See you on Tuesday.").expect("the row's note");
    assert!(welcome < own, "{text}");
    // One number a line, each whole.
    assert!(text.contains("+1 555 0100"), "{text}");
    assert!(text.contains("+1 555 0199"), "{text}");
}

/// `workbook preview` writes the pages a practice checks: three without a
/// welcome note, four with one, at the size of the paper; the safety page
/// shows the practice's own numbers.
#[test]
fn preview_writes_the_pages_a_practice_checks() {
    let pngs = |dir: &Path| -> Vec<String> {
        file_names(dir)
            .into_iter()
            .filter(|n| n.ends_with(".png"))
            .collect()
    };
    let preview = ["preview", "--names", "Ana & Ben"];
    let plain = Test::new()
        .args(preview)
        .args(["--paper", "a4"])
        .stderr_has("notice: this book has no note page; skipped")
        .run();
    // Without -o, into a folder named after the book.
    let folder = plain.path("workbook-ana-ben-preview");
    let names = pngs(&folder);
    // The cover, the safety page with the numbers, the support list.
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names[0].ends_with("-01-cover.png"), "{names:?}");
    assert!(names[1].ends_with("-safety.png"), "{names:?}");
    assert!(names.last().unwrap().ends_with("-support.png"), "{names:?}");
    // A4 at 96 dpi: 794 x 1123 pixels.
    let cover = image::open(folder.join(&names[0])).unwrap();
    assert_eq!((cover.width(), cover.height()), (794, 1123));

    let practice = tempdir();
    let config = |crisis: &str| {
        format!(
            "[counselor]\nname = \"Dr. Sam Example\"\nnote = \"Welcome.\"\n[support]\ncrisis-line = \"{crisis}\"\n"
        )
    };
    Test::at(practice.path())
        .write("w.toml", config("988"))
        .args(preview)
        .args(["-c", "w.toml", "-o", "."])
        .run();
    let with_note = pngs(practice.path());
    assert_eq!(with_note.len(), 4, "{with_note:?}");
    assert!(with_note[1].ends_with("-02-note.png"), "{with_note:?}");
    let safety = |dir: &std::path::Path| -> Vec<Vec<u8>> {
        pngs(dir)
            .iter()
            .filter(|n| n.ends_with("-safety.png"))
            .map(|n| std::fs::read(dir.join(n)).unwrap())
            .collect()
    };
    let before = safety(practice.path());
    Test::at(practice.path())
        .write("w.toml", config("0800 111 222"))
        .args(preview)
        .args(["-c", "w.toml", "--pages", "safety", "-o", "."])
        .run();
    assert!(
        before != safety(practice.path()),
        "the safety pages did not follow [support]"
    );

    // The fixture practice (its logo, note and numbers): four proofs.
    let config = root().join("tests/fixtures/practice/workbook.toml");
    let fixture = Test::new()
        .args(preview)
        .args(["-c", config.to_str().unwrap(), "-o", "."])
        .run();
    let proofs = pngs(fixture.dir());
    assert_eq!(proofs.len(), 4, "{proofs:?}");
    assert!(
        proofs[1].ends_with("-02-note.png") && proofs[2].ends_with("-safety.png"),
        "{proofs:?}"
    );

    let past = plain
        .then()
        .args(preview)
        .args(["--pages", "1,400"])
        .status(2)
        .run();
    assert!(
        past.stderr
            .starts_with("error: --pages \"400\": the pages run from 1 to"),
        "{}",
        past.stderr
    );
}

/// `batch` and `eject` list only the options they take: no `-o` (each
/// writes where it says), and batch no `--names` (they come from the CSV).
#[test]
fn batch_and_eject_help_list_only_what_they_accept() {
    let has = |help: &str, flag: &str| help.lines().any(|l| l.trim_start().starts_with(flag));
    let help = |sub: &str| Test::new().args([sub, "--help"]).run().stdout;
    let (batch, eject, build) = (help("batch"), help("eject"), help("build"));
    assert!(
        !has(&batch, "-o, --output") && !has(&batch, "--names"),
        "{batch}"
    );
    assert!(
        !has(&eject, "-o, --output") && has(&eject, "--names"),
        "{eject}"
    );
    assert!(
        has(&build, "-o, --output") && has(&build, "--names"),
        "{build}"
    );
    let named = Test::new()
        .csv("c.csv", "names\nAna & Ben\n")
        .args(["batch", "c.csv", "--names", "Cy & Di"])
        .status(2)
        .run();
    assert!(
        named
            .stderr
            .starts_with("error: --names: `workbook batch` takes each couple's names from the CSV"),
        "{}",
        named.stderr
    );
}

/// `error:` and `hint:` in colour when asked (a terminal, or
/// CLICOLOR_FORCE), plain when NO_COLOR is set or the output is piped.
#[test]
fn errors_are_coloured_unless_no_color() {
    let one_name = || Test::new().args(["build", "--names", "Ana"]).status(2);
    let coloured = one_name().env(var::CLICOLOR_FORCE, "1").run();
    let plain = one_name()
        .env(var::CLICOLOR_FORCE, "1")
        .env(var::NO_COLOR, "1")
        .run();
    let show = |o: &Outcome| o.stderr.replace('\x1b', "<ESC>");
    insta::assert_snapshot!(format!("{}{}", show(&coloured), show(&plain)), @r#"
    <ESC>[1;31merror:<ESC>[0m --names: expected two names separated by one '&', as in "Ana & Ben", got 1 part
    error: --names: expected two names separated by one '&', as in "Ana & Ben", got 1 part
    "#);
    // Piped, with nothing asked: plain (every other test relies on it).
    one_name().stderr_lacks("\x1b").run();
}

/// `batch --preview N` writes proof images of the first N couples and
/// builds no workbook.
#[test]
fn batch_preview_writes_proofs_of_the_first_rows_only() {
    let proofs = Test::new()
        .csv("c.csv", "names\nAna & Ben\n,\nCy & Di\nEve & Fay\n")
        .args(["batch", "c.csv", "--preview", "2", "--out-dir", "proofs"])
        .run();
    let names = file_names(&proofs.path("proofs"));
    assert!(names.iter().all(|n| n.ends_with(".png")), "{names:?}");
    assert!(
        names.iter().any(|n| n == "workbook-ana-ben-01-cover.png"),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n == "workbook-cy-di-01-cover.png"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("eve-fay")), "{names:?}");
    assert!(
        proofs
            .stderr
            .ends_with("proof images; no workbooks were built\n"),
        "{}",
        proofs.stderr
    );
}

/// A counselor previews the first rows of a list in which one row is bad:
/// the good rows' proofs are drawn all the same, each bad row (names
/// without `&`, a 13th month) is named by its line, and the exit code says
/// not everything was drawn.
#[test]
fn batch_preview_shows_the_good_rows_and_names_the_bad_one() {
    let proofs = Test::new()
        .csv(
            "c.csv",
            "names,start-date\nAna & Ben,\nCy and Di,\n\nEve & Fay,2026-13-01\nGus & Hal,\nIvy & Jo,\n",
        )
        .args(["batch", "c.csv", "--preview", "4", "--out-dir", "proofs"])
        .status(1)
        .run();
    let names = file_names(&proofs.path("proofs"));
    assert!(names.iter().all(|n| n.ends_with(".png")), "{names:?}");
    for drawn in ["ana-ben", "gus-hal"] {
        let cover = format!("workbook-{drawn}-01-cover.png");
        assert!(names.contains(&cover), "{cover} not in {names:?}");
    }
    // The fifth row is past --preview 4 (the blank line is not a row).
    assert!(!names.iter().any(|n| n.contains("ivy")), "{names:?}");
    let errors: String = proofs
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("error:"))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(errors, @r#"
    error: 2 rows could not be previewed:
      c.csv:3: names: expected two names separated by '&', as in "Ana & Ben"
      c.csv:5: start-date "2026-13-01": the month is 13; months run from 1 to 12
    hint: fix them in c.csv and preview again; the other rows' proofs are written
    "#);
}

/// Every subcommand's `--help`, as a user reads it: a change to a flag or
/// its wording shows up in review.
#[test]
fn help_texts() {
    for sub in SUBCOMMANDS {
        let help = Test::new().args([sub, "--help"]).run();
        insta::assert_snapshot!(format!("help_{sub}"), help.stdout);
    }
}
