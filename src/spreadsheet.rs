//! CSV cells that a spreadsheet opens as text: the one writer for every
//! CSV file workbook writes (`failed-LIST.csv`, `answers --format csv`).
//! A cell is quoted when it must be (RFC 4180), and a cell a spreadsheet
//! would run as a formula gets a leading `'`, which Excel, LibreOffice and
//! Numbers show as text: a typed answer or a client's note stays words,
//! never `=HYPERLINK(…)` or `-2+3` run as code (OWASP's CSV injection).
//! `batch` takes the `'` off again when it reads such a cell, so a
//! `failed-LIST.csv` runs again as it was written.

/// The cell for `text` in a file delimited by `delimiter`.
pub(crate) fn cell(text: &str, delimiter: char) -> String {
    let text = if guarded(text) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([delimiter, '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A cell as read back: without the `'` that [`cell`] put before a
/// formula. Exactly the inverse, so every cell survives the round trip:
/// a cell that itself starts with `'` before a formula got one more.
pub(crate) fn unguard(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest.to_string(),
        _ => text,
    }
}

/// Whether [`cell`] puts a `'` before `text`: it is a formula, behind any
/// `'` already there.
fn guarded(text: &str) -> bool {
    is_formula(text.trim_start_matches('\''))
}

/// Whether a spreadsheet may run the cell as a formula: it starts with `=`,
/// `+`, `-` or `@` (or their full-width forms, which some locales accept),
/// after any spaces or line breaks, which spreadsheets skip; or with a tab
/// or a carriage return (OWASP's list for CSV injection), or a line feed:
/// CSV readers (ours too) may read a carriage return in a cell as one, and
/// the guard must still be known for what it is when read back.
///
/// A sign alone (`-`, the batch file's "no password") is text to every
/// spreadsheet and stays as it is.
///
/// A phone number written with a `+` (`+48 22 123 45 67`) is guarded too,
/// although the `'` shows. Excel reads a cell that starts with `+` as a
/// formula, and in its formulas a space between two numbers is an
/// operator (intersection), not a syntax error: LibreOffice, asked to run
/// `=+48 22 123 45 67` or `=+1 (555) 010-0199`, parses both and shows
/// `#VALUE!` (tried with Calc 7.4), and `+1-555-0100` is a sum. Digits
/// alone cannot call anything, but the cell would not show the number, so
/// the `'` stays. (LibreOffice's own CSV import starts formulas with `=`
/// only, and opens `+48 22 …` as text either way.) Written without the
/// `+` (`0048 22 …`) or after a word (`tel. +48 …`) a number needs no
/// guard.
fn is_formula(text: &str) -> bool {
    let start = text.trim_start_matches([' ', '\t', '\r', '\n', '\u{a0}', '\u{3000}']);
    let mut chars = start.chars();
    let sign = chars
        .next()
        .is_some_and(|c| ['=', '+', '-', '@', '＝', '＋', '－', '＠'].contains(&c));
    text.starts_with(['\t', '\r', '\n']) || (sign && !chars.as_str().trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_where_they_must_be() {
        assert_eq!(cell("plain", ','), "plain");
        assert_eq!(cell("a, b", ','), "\"a, b\"");
        assert_eq!(cell("a, b", ';'), "a, b");
        assert_eq!(cell("a; b", ';'), "\"a; b\"");
        assert_eq!(cell("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("one\ntwo", ','), "\"one\ntwo\"");
        assert_eq!(cell("", ','), "");
    }

    #[test]
    fn every_start_of_a_formula_is_guarded() {
        assert_eq!(cell("=1+1", ','), "'=1+1");
        assert_eq!(cell("+1", ','), "'+1");
        assert_eq!(cell("-2+3", ','), "'-2+3");
        assert_eq!(cell("- a list", ','), "'- a list");
        assert_eq!(cell("@SUM(A1)", ','), "'@SUM(A1)");
        assert_eq!(cell("\tx", ','), "'\tx");
        assert_eq!(cell("\rx", ','), "\"'\rx\"");
        assert_eq!(cell("\nx", ','), "\"'\nx\"");
        // Spreadsheets skip spaces and line breaks before a formula.
        assert_eq!(cell(" =1+1", ','), "' =1+1");
        assert_eq!(cell("\n=1", ','), "\"'\n=1\"");
        assert_eq!(cell("\u{a0}=1", ','), "'\u{a0}=1");
        // Full-width forms, which some locales run too.
        assert_eq!(cell("＝1+1", ','), "'＝1+1");
        assert_eq!(cell("＠x", ','), "'＠x");
        // Quoted and guarded at once: the quote goes round the guard.
        assert_eq!(cell("=HYPERLINK(\"x\")", ','), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn a_phone_number_with_a_plus_is_guarded_as_excel_would_run_it() {
        assert_eq!(cell("+48 22 123 45 67", ','), "'+48 22 123 45 67");
        assert_eq!(cell("+1 (555) 010-0199", ','), "'+1 (555) 010-0199");
        assert_eq!(cell("+1-2", ','), "'+1-2");
        // Without the `+`, or after a word, no spreadsheet runs it.
        assert_eq!(cell("0048 22 123 45 67", ','), "0048 22 123 45 67");
        assert_eq!(cell("(555) 010-0199", ','), "(555) 010-0199");
        assert_eq!(cell("tel. +48 22 123 45 67", ','), "tel. +48 22 123 45 67");
    }

    #[test]
    fn text_that_only_holds_a_sign_is_left_alone() {
        assert_eq!(cell("a - b = c", ','), "a - b = c");
        assert_eq!(cell("Ana & Ben", ','), "Ana & Ben");
        assert_eq!(cell("it's", ','), "it's");
        assert_eq!(cell("2026-12-01", ','), "2026-12-01");
        assert_eq!(cell("-", ','), "-");
        assert_eq!(cell(" = ", ','), " = ");
    }

    #[test]
    fn every_cell_reads_back_as_it_was() {
        for text in [
            "=1", "'=1", "''=1", "-", "'-", "'", "plain", "'plain", "", " =x", "@", "\t", "a-b",
        ] {
            let written = cell(text, ',');
            // What a CSV reader gives for the cell: unquoted.
            let read = match written.strip_prefix('"') {
                Some(inner) => inner.strip_suffix('"').unwrap().replace("\"\"", "\""),
                None => written.clone(),
            };
            assert_eq!(unguard(read), text, "{text:?} was written {written:?}");
        }
    }
}
