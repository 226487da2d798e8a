//! Start dates as people type them: day first with dots, slashes that need
//! an order, and a wrong month named as such (issue 29, item 3).

use crate::support::*;

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
    let out = Test::build()
        .args(["--start-date", "08/12/2026"])
        .status(2)
        .run();
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
    let config = dir.path().join("workbook.toml");
    std::fs::write(
        &config,
        "[couple]\ndate-order = \"dmy\"\nstart-date = \"08/12/2026\"\n",
    )
    .unwrap();
    let opts = options_from_config(&config, &["--names", "Ana & Ben"]);
    assert_eq!(opts.start_date.unwrap().to_string(), "2026-12-08");

    // The same cell in a client list, without the order: that row fails,
    // named by line, with both readings.
    std::fs::remove_file(&config).unwrap();
    Test::in_dir(dir)
        .csv("c.csv", "names,start-date\nAna & Ben,08/12/2026\n")
        .args(["batch", "c.csv", "--out-dir", "out"])
        .status(1)
        .stderr_has("c.csv:2: start-date \"08/12/2026\": it could be 8 December 2026 (day first) or 12 August 2026 (month first)")
        .run();
}

#[test]
fn typing_month_13_says_the_month_is_wrong_not_the_form() {
    let out = Test::build()
        .args(["--start-date", "2026-13-01"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: --start-date "2026-13-01": the month is 13; months run from 1 to 12
    hint: write the first day as year-month-day, e.g. 2026-12-01
    "#);
}
