//! Start dates as people type them: day first with dots, slashes that need
//! an order, and a wrong month named as such (issue 29, item 3).

use crate::support::{options, options_from_config, run, tempdir};

fn start(args: &[&str]) -> String {
    let mut all = vec!["--names", "Ana & Ben"];
    all.extend_from_slice(args);
    options(&all).start_date.expect("a start date").to_string()
}

#[test]
fn typing_the_start_date_day_first_with_dots_reads_1_december() {
    assert_eq!(start(&["--start-date", "01.12.2026"]), "2026-12-01");
    // Dots are day first whatever the order says.
    assert_eq!(
        start(&["--start-date", "1.12.2026", "--date-order", "mdy"]),
        "2026-12-01"
    );
}

#[test]
fn typing_08_12_2026_is_refused_with_both_readings_until_the_order_is_given() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--start-date",
            "08/12/2026",
        ],
    );
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r#"
    error: --start-date "08/12/2026": it could be 8 December 2026 (day first) or 12 August 2026 (month first)
    hint: write it as year-month-day (e.g. 2026-12-08), or say which comes first: date-order = "dmy" or "mdy" under [couple] in workbook.toml, or --date-order dmy
    "#);
    assert_eq!(
        start(&["--start-date", "08/12/2026", "--date-order", "dmy"]),
        "2026-12-08"
    );
    assert_eq!(
        start(&["--start-date", "08/12/2026", "--date-order", "MDY"]),
        "2026-08-12"
    );
}

#[test]
fn setting_date_order_in_workbook_toml_settles_a_client_lists_slashed_dates() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "[couple]\ndate-order = \"dmy\"\nstart-date = \"08/12/2026\"\n",
    )
    .unwrap();
    let opts = options_from_config(&dir.path().join("workbook.toml"), &["--names", "Ana & Ben"]);
    assert_eq!(opts.start_date.unwrap().to_string(), "2026-12-08");

    // The same cell in a client list, without the order: that row fails,
    // named by line, with both readings.
    std::fs::write(
        dir.path().join("c.csv"),
        "names,start-date\nAna & Ben,08/12/2026\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("workbook.toml")).unwrap();
    let out = run(dir.path(), &["batch", "c.csv", "--out-dir", "out"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "c.csv:2: start-date \"08/12/2026\": it could be 8 December 2026 (day first) or 12 August 2026 (month first)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn typing_month_13_says_the_month_is_wrong_not_the_form() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--start-date",
            "2026-13-01",
        ],
    );
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r#"
    error: --start-date "2026-13-01": the month is 13; months run from 1 to 12
    hint: write the first day as year-month-day, e.g. 2026-12-01
    "#);
}
