//! A new user on a fresh account, following the README: folders that do
//! not exist yet, typing mistakes in workbook.toml and on the command line,
//! and pipes that close early (issue 29, item 5).

use std::process::Stdio;

use crate::support::*;

/// A preview of the first page, small.
const PAGE_ONE: [&str; 7] = [
    "preview",
    "--names",
    "Ana & Ben",
    "--pages",
    "1",
    "--dpi",
    "30",
];

#[test]
fn previewing_into_a_folder_that_does_not_exist_yet_makes_it() {
    let out = Test::new().args(PAGE_ONE).args(["-o", "proofs/ana"]).run();
    assert_eq!(
        file_names(&out.path("proofs/ana")),
        ["workbook-ana-ben-01-page-01.png"]
    );
}

#[test]
fn previewing_without_o_and_a_start_date_last_january_keeps_the_images_together_and_warns() {
    // One new folder named after the book, nothing loose beside it. The
    // build time is 2026-11-25: January is long past.
    Test::new()
        .args(PAGE_ONE)
        .args(["--start-date", "2026-01-05"])
        .leaves_only(["workbook-ana-ben-preview"])
        .file("workbook-ana-ben-preview/workbook-ana-ben-01-page-01.png")
        .stderr_has("warning: the start date 2026-01-05 is more than a month ago, so the daily logs begin on a day already past")
        .run();
}

#[test]
fn writing_man_pages_into_a_folder_that_does_not_exist_yet_makes_it() {
    Test::new()
        .args(["manpage", "share/man/man1"])
        .file("share/man/man1/workbook-build.1")
        .run();
}

#[test]
fn a_mistyped_config_file_name_says_no_such_file() {
    let out = Test::new()
        .args(["list", "-c", "workbok.toml"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r"
    error: no such file: workbok.toml
    hint: check the name, or run `workbook init` to write a starter workbook.toml
    ");
}

/// `workbook list -c FILE` reads the whole file and builds nothing.
fn list_with_config(text: &str) -> Test {
    Test::new()
        .config(text)
        .args(["list", "-c", "workbook.toml"])
}

#[test]
fn writing_the_paper_in_capitals_in_workbook_toml_is_accepted() {
    for paper in ["A4", "Letter", "UNIVERSAL"] {
        list_with_config(&format!("[print]\npaper = \"{paper}\"\n")).run();
    }
    list_with_config("[print]\npaper = \"A3\"\n")
        .status(2)
        .stderr_has("hint: the allowed values are a4, letter, universal")
        .run();
}

#[test]
fn leaving_the_quotes_off_a_name_in_workbook_toml_says_to_add_them() {
    let out = list_with_config("[counselor]\nname = Maria Kowalska\n")
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `name`: invalid string expected `"`, `'`
    hint: put text in quotes, e.g. name = "Maria Kowalska"
    "#);
}

#[test]
fn skipping_one_exercise_without_brackets_says_it_is_a_list() {
    let out = list_with_config("[content]\nskip = \"connection-menu\"\n")
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `skip`: invalid type: string "connection-menu", expected a sequence
    hint: `skip` takes a list, in square brackets: skip = ["connection-menu"], or ["a", "b"] for two
    "#);
}

#[test]
fn writing_and_between_the_names_suggests_the_ampersand() {
    let out = Test::new()
        .args(["build", "--names", "Ana and Ben"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: --names: expected two names separated by '&', as in "Ana & Ben"
    hint: write "Ana & Ben"
    "#);
}

#[test]
fn init_says_what_to_do_next() {
    let out = Test::new().arg("init").run();
    insta::assert_snapshot!(out.stderr, @r#"
    wrote ./workbook.toml
    next: edit ./workbook.toml, then run `workbook preview --names "Ana & Ben"` to see its pages
    "#);
}

#[test]
fn piping_into_a_reader_that_already_stopped_exits_quietly() {
    // A pipe whose reading end is closed: every write fails at once, as
    // after `| head` has read its lines.
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"][..],
        &["list"][..],
        &["--help"][..],
        &["build", "--help"][..],
        &["--version"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        Test::new()
            .args(args.iter().copied())
            .tweak(move |cmd| {
                cmd.stdout(Stdio::from(writer));
            })
            .stderr("")
            .run();
    }
}

/// README's commands that this test does not run, each with why. Each must
/// still be in README (a stale entry fails), and a command README gains
/// that is neither run here nor named here fails the test.
const NOT_RUN: &[(&str, &str)] = &[
    (
        "cargo run --release -- build --names \"Ana & Ben\"",
        "needs Rust and a 9-minute release build of this folder; `workbook build --names \"Ana & Ben\"` is the same program's same command",
    ),
    ("cargo test", "runs this very test suite"),
    (
        "curl --proto '=https' --tlsv1.2 -LsSf https://github.com/OWNER/workbook/releases/latest/download/workbook-installer.sh | sh",
        "downloads and runs the installer from the network",
    ),
    (
        "powershell -ExecutionPolicy Bypass -c \"irm https://github.com/OWNER/workbook/releases/latest/download/workbook-installer.ps1 | iex\"",
        "Windows' installer, downloaded from the network",
    ),
];

/// What a reader has before README's commands: their client list (two
/// couples) and the settings file `workbook init` writes.
const CLIENT_LIST: &str = "names,start-date\nAna & Ben,2026-12-01\nCy & Di,2026-12-02\n";

/// The commands of README's shell blocks (```sh, ```powershell and the
/// like), as a reader types them: one a line, comments and `\` line
/// continuations taken out.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut commands = Vec::new();
    let mut shell: Option<bool> = None;
    let mut pending = String::new();
    for line in readme.lines() {
        let fence = line.trim_start();
        if let Some(info) = fence.strip_prefix("```") {
            shell = match shell {
                Some(_) => None,
                None => Some(matches!(
                    info.trim(),
                    "sh" | "bash" | "shell" | "console" | "powershell" | "ps1"
                )),
            };
            continue;
        }
        if shell != Some(true) {
            continue;
        }
        let text = without_comment(line.trim());
        let text = text.trim_start_matches("$ ");
        if text.is_empty() {
            continue;
        }
        match text.strip_suffix('\\') {
            Some(start) => pending.push_str(start),
            None => {
                commands.push(format!("{pending}{text}").trim().to_string());
                pending.clear();
            }
        }
    }
    commands
}

/// A command line without its `# comment` (a `#` after a space, outside
/// quotes).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut last = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if last.is_whitespace() => return line[..at].trim_end(),
            _ => {}
        }
        last = c;
    }
    line
}

/// A command's words as a POSIX shell splits them; a command that needs
/// more of the shell than quotes (a pipe, a redirect, a variable) fails.
fn words(command: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut started) = (Vec::new(), String::new(), None, false);
    for c in command.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => word.push(c),
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, '|' | '>' | '<' | ';' | '&' | '$' | '`' | '(' | ')' | '*' | '~') => panic!(
                "README's command {command:?} needs the shell ({c:?}): run it in this test or name it in NOT_RUN"
            ),
            (None, _) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(
        quote.is_none(),
        "README's command {command:?}: a quote is left open"
    );
    if started {
        words.push(word);
    }
    words
}

/// A new user follows README on a fresh account: a new HOME, an empty
/// folder, their client list and `workbook init`'s settings, and each
/// command of README's shell blocks typed as it stands. Every one
/// succeeds; `workbook serve` says where it listens (a stand-in browser
/// opens it) and is stopped.
#[cfg(unix)]
#[test]
fn every_command_in_readme_runs_on_a_fresh_account() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;

    let commands = readme_commands();
    for (skipped, why) in NOT_RUN {
        assert!(
            commands.iter().any(|c| c == skipped),
            "NOT_RUN names {skipped:?} ({why}), which README no longer has"
        );
    }
    let home = tempdir();
    // The browser `serve` opens: a stand-in that only says it was asked.
    let bin = home.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::write(bin.join("xdg-open"), "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let folder = tempdir();
    let on_a_fresh_account = |test: Test| {
        let mut test = test
            .env("HOME", home.path().display().to_string())
            .env("PATH", path.clone());
        for var in [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_CACHE_HOME",
            "WORKBOOK_PASSWORD",
        ] {
            test = test.env_remove(var);
        }
        test
    };
    std::fs::write(folder.path().join("couples.csv"), CLIENT_LIST).unwrap();
    on_a_fresh_account(Test::at(folder.path()).arg("init")).run();

    let mut ran = 0;
    for command in &commands {
        if NOT_RUN.iter().any(|(c, _)| c == command) {
            continue;
        }
        let words = words(command);
        assert_eq!(
            words[0], "workbook",
            "README's command {command:?} is not workbook's: run it in this test or name it in NOT_RUN"
        );
        let test = on_a_fresh_account(Test::at(folder.path()).args(&words[1..]));
        if words.get(1).map(String::as_str) == Some("serve") {
            let mut child = { test }
                .command()
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut line = String::new();
            std::io::BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut line)
                .unwrap();
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(
                line.starts_with("http://127.0.0.1:") && line.contains("/?token="),
                "{command}: said {line:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        } else {
            let out = test.run();
            assert!(!out.stderr.contains("error"), "{command}:\n{}", out.stderr);
        }
        ran += 1;
    }
    // README's command list as it stands: a build on Letter, a fillable
    // one, a booklet, a batch, the facilitator's guide, the list, serve.
    assert!(ran >= 7, "only {ran} of README's commands ran");
    for made in [
        "workbook-ana-ben.pdf",
        "out/workbook-ana-ben.pdf",
        "out/workbook-cy-di.pdf",
        "guide.pdf",
    ] {
        assert!(folder.path().join(made).is_file(), "no {made}");
    }
}

#[test]
fn readme_commands_are_read_as_a_shell_reads_them() {
    assert_eq!(
        words("workbook build --names \"Ana & Ben\" -o 'my book.pdf'"),
        [
            "workbook",
            "build",
            "--names",
            "Ana & Ben",
            "-o",
            "my book.pdf"
        ]
    );
    assert_eq!(
        without_comment("workbook list   # every part, \"# not\""),
        "workbook list"
    );
    assert_eq!(
        without_comment("workbook build --names \"A # B\""),
        "workbook build --names \"A # B\""
    );
    let piped = std::panic::catch_unwind(|| words("workbook list | head"));
    assert!(piped.is_err(), "a pipe needs the shell");
}

/// The lines of the first fenced block of `file` (relative to the
/// project) that mentions `word`, as a reader copies them.
fn block_lines(file: &str, word: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let mut block: Option<Vec<String>> = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            match block.take() {
                Some(lines) if lines.iter().any(|l| l.contains(word)) => return lines,
                Some(_) => {}
                None => block = Some(Vec::new()),
            }
        } else if let Some(lines) = &mut block {
            let line = without_comment(line.trim());
            if !line.is_empty() {
                lines.push(line.to_string());
            }
        }
    }
    panic!("{file} has no block with {word:?}")
}

/// A new user installs the completions and manual pages as Install (the
/// README's link) and `completions --help` show, on a fresh account where
/// none of the folders exist yet: in a real shell, each line succeeds and
/// each file lands where the shells look.
#[cfg(unix)]
#[test]
fn installing_completions_as_the_docs_show_works_on_a_fresh_account() {
    let home = tempdir();
    let binary = std::path::PathBuf::from(env!("CARGO_BIN_EXE_workbook"));
    let path = format!("{}:/usr/bin:/bin", binary.parent().unwrap().display());
    let help = Test::new().args(["completions", "--help"]).run().stdout;
    let from_help: Vec<String> = help
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("mkdir") || l.starts_with("workbook completions"))
        .map(String::from)
        .collect();
    let from_docs = block_lines("docs/src/install.md", "workbook completions");
    assert!(from_docs.len() >= 7, "{from_docs:?}");
    for (source, lines) in [("completions --help", from_help), ("install.md", from_docs)] {
        for line in &lines {
            let out = std::process::Command::new("sh")
                .args(["-c", line])
                .current_dir(home.path())
                .env("HOME", home.path())
                .env("PATH", &path)
                .env("LANG", "C")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{source}: {line}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for made in [
            ".local/share/bash-completion/completions/workbook",
            ".zfunc/_workbook",
            ".config/fish/completions/workbook.fish",
        ] {
            let file = home.path().join(made);
            assert!(
                std::fs::metadata(&file).is_ok_and(|m| m.len() > 100),
                "{source}: no {made}"
            );
            std::fs::remove_file(file).unwrap();
        }
    }
    assert!(
        home.path()
            .join(".local/share/man/man1/workbook-build.1")
            .is_file()
    );
}
