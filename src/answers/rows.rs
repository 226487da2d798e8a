//! The answers as rows for programs: CSV (`exercise, partner, prompt, row,
//! column, value`, one row per field) and JSON (the same rows as objects,
//! with the part and the field's name too).
//!
//! CSV is written by hand, with the cell writer `failed.csv` uses too
//! (src/spreadsheet.rs): quoting is a few lines, and a crate for it would
//! be a dependency for one loop.

use serde::Serialize;

use super::{Answer, Kind};

const COLUMNS: [&str; 6] = ["exercise", "partner", "prompt", "row", "column", "value"];

/// What a field holds, as text: typed text, the option chosen, "yes" for a
/// ticked box, and with `--all` "no" for an unticked one or "" for empty.
fn value(a: &Answer) -> String {
    match (&a.value, a.kind) {
        (Some(v), _) => v.clone(),
        (None, Kind::Check) => "no".into(),
        (None, _) => String::new(),
    }
}

/// RFC 4180 with CRLF line ends, its cells split by `delimiter`. A cell
/// that a spreadsheet would run as a formula gets a leading `'`, which
/// Excel, LibreOffice and Numbers show as text: typed answers stay words
/// (src/spreadsheet.rs).
pub(super) fn csv(answers: &[&Answer], delimiter: char) -> String {
    let mut out = COLUMNS.join(&delimiter.to_string()) + "\r\n";
    for a in answers {
        let cells = [
            a.exercise
                .clone()
                .or_else(|| a.part.clone())
                .unwrap_or_default(),
            a.partner.clone().unwrap_or_default(),
            a.prompt.clone().unwrap_or_default(),
            a.row.clone().unwrap_or_default(),
            a.column.clone().unwrap_or_default(),
            value(a),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c, delimiter)).collect();
        out.push_str(&line.join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A cell of the answers' CSV: guarded and quoted by the one CSV writer
/// (src/spreadsheet.rs), with line breaks inside as a spreadsheet writes
/// them.
fn cell(text: &str, delimiter: char) -> String {
    crate::spreadsheet::cell(&text.replace('\n', "\r\n"), delimiter)
}

#[derive(Serialize)]
struct Row<'a> {
    part: Option<&'a str>,
    exercise: Option<&'a str>,
    partner: Option<&'a str>,
    prompt: Option<&'a str>,
    row: Option<&'a str>,
    column: Option<&'a str>,
    value: String,
    field: &'a str,
}

/// A JSON array of objects, one per field, pretty-printed.
pub(super) fn json(answers: &[&Answer]) -> String {
    let rows: Vec<Row> = answers
        .iter()
        .map(|a| Row {
            part: a.part.as_deref(),
            exercise: a.exercise.as_deref(),
            partner: a.partner.as_deref(),
            prompt: a.prompt.as_deref(),
            row: a.row.as_deref(),
            column: a.column.as_deref(),
            value: value(a),
            field: &a.field,
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("strings serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("plain", ','), "plain");
        assert_eq!(cell("a, b", ','), "\"a, b\"");
        assert_eq!(cell("a, b", ';'), "a, b");
        assert_eq!(cell("a; b", ';'), "\"a; b\"");
        assert_eq!(cell("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("one\ntwo", ','), "\"one\r\ntwo\"");
        assert_eq!(cell("=HYPERLINK(\"x\")", ','), "\"'=HYPERLINK(\"\"x\"\")\"");
        // A leading minus can start a formula (`-1+cmd|...`), and
        // spreadsheets skip the spaces before `=`.
        assert_eq!(cell("- a list", ','), "'- a list");
        assert_eq!(cell(" =1+1", ','), "' =1+1");
        assert_eq!(cell("-2+3", ','), "'-2+3");
        assert_eq!(cell("＝1+1", ','), "'＝1+1");
        assert_eq!(cell("a - b = c", ','), "a - b = c");
        assert_eq!(cell("+1", ','), "'+1");
        assert_eq!(cell("@SUM(A1)", ','), "'@SUM(A1)");
        assert_eq!(cell("\tx", ','), "'\tx");
        assert_eq!(cell("\rx", ','), "\"'\rx\"");
    }
}
