//! The answers as Markdown, for a counselor to read or print: a heading per
//! part, per exercise and partner, and per prompt; written answers as
//! paragraphs, tables and logs as tables (their rows carry the dates),
//! checklists as ticked items, scales as values with what the ends mean.

use std::fmt::Write;

use super::{Answer, Kind};

/// Renders `answers` (already filtered) under the book's `title`.
pub(super) fn render(title: Option<&str>, answers: &[&Answer]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Answers: {}\n",
        inline(title.unwrap_or("a filled-in workbook"))
    );
    if answers.is_empty() {
        out.push_str("Nothing has been written in this workbook yet.\n");
        return out;
    }
    let mut part: Option<&Option<String>> = None;
    let mut copy: Option<(&Option<String>, &Option<String>)> = None;
    for block in blocks(answers) {
        let first = block[0];
        if part != Some(&first.part) {
            part = Some(&first.part);
            copy = None;
            let _ = writeln!(
                out,
                "## {}\n",
                inline(first.part.as_deref().unwrap_or("Other pages"))
            );
        }
        if copy != Some((&first.exercise, &first.partner)) {
            copy = Some((&first.exercise, &first.partner));
            if let Some(exercise) = &first.exercise {
                let whose = match &first.partner {
                    Some(p) => format!(" — {p}"),
                    None => String::new(),
                };
                let _ = writeln!(out, "### {}\n", inline(&format!("{exercise}{whose}")));
            }
        }
        write_block(&mut out, &block);
    }
    out
}

/// Consecutive answers to one prompt of one copy of an exercise.
fn blocks<'a>(answers: &[&'a Answer]) -> Vec<Vec<&'a Answer>> {
    let mut out: Vec<Vec<&Answer>> = Vec::new();
    for a in answers {
        let same = out.last().is_some_and(|b: &Vec<&Answer>| {
            let f = b[0];
            f.part == a.part
                && f.exercise == a.exercise
                && f.partner == a.partner
                && f.prompt == a.prompt
                && f.kind == a.kind
                && f.row.is_some()
                && a.row.is_some()
        });
        if same {
            out.last_mut().expect("checked").push(a);
        } else {
            out.push(vec![a]);
        }
    }
    out
}

fn write_block(out: &mut String, block: &[&Answer]) {
    let first = block[0];
    if let Some(prompt) = &first.prompt {
        let _ = write!(out, "**{}**", inline(prompt));
        if let Some(scale) = &first.scale {
            let _ = write!(out, " ({})", inline(scale));
        }
        out.push_str("\n\n");
    }
    let value = |a: &Answer| a.value.clone().unwrap_or_default();
    let label = |a: &Answer| {
        inline(
            &[a.row.as_deref(), a.column.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": "),
        )
    };
    match first.kind {
        Kind::Check => {
            for a in block {
                let tick = if a.value.is_some() { "x" } else { " " };
                let _ = writeln!(out, "- [{tick}] {}", label(a));
            }
        }
        Kind::Choice => {
            for a in block {
                // The option's name comes from the file, which may be
                // anyone's: shown as text, on its one line.
                let _ = writeln!(out, "- {}: {}", label(a), inline(&value(a)));
            }
        }
        Kind::Text if block.iter().all(|a| a.row.is_some() && a.column.is_some()) => {
            table(out, block);
        }
        Kind::Text if first.row.is_some() => {
            for a in block {
                let _ = writeln!(
                    out,
                    "- {}: {}",
                    label(a),
                    escape(&value(a)).replace('\n', "  \n  ")
                );
            }
        }
        Kind::Text if first.value.is_none() => out.push_str("*(left empty)*\n"),
        Kind::Text => {
            let text = value(first);
            let lines: Vec<String> = text.lines().map(escape).collect();
            // Two spaces keep a typed line break in Markdown.
            out.push_str(&lines.join("  \n"));
            out.push('\n');
        }
    }
    out.push('\n');
}

/// Rows and columns in the order they first appear. The cells are indexed
/// by row and column once: a search per cell would be cubic, and a file of
/// 5,000 cells would take minutes.
fn table(out: &mut String, block: &[&Answer]) {
    use std::collections::{HashMap, HashSet};
    let mut rows: Vec<&str> = Vec::new();
    let mut columns: Vec<&str> = Vec::new();
    let (mut row_seen, mut column_seen) = (HashSet::new(), HashSet::new());
    let mut cells: HashMap<(&str, &str), &Answer> = HashMap::new();
    for a in block {
        let (r, c) = (
            a.row.as_deref().unwrap_or(""),
            a.column.as_deref().unwrap_or(""),
        );
        if row_seen.insert(r) {
            rows.push(r);
        }
        if column_seen.insert(c) {
            columns.push(c);
        }
        // The first answer for a cell, as a search from the top would find.
        cells.entry((r, c)).or_insert(a);
    }
    // A workbook's tables are full: every row has every column. A file
    // whose cells each name their own row and column would make a grid of
    // millions of empty cells (5,000 fields, 25 million cells), so such a
    // sparse table is written as a list instead.
    if rows.len() * columns.len() > 4 * block.len() + 64 {
        for a in block {
            let label = inline(&format!(
                "{}: {}",
                a.row.as_deref().unwrap_or(""),
                a.column.as_deref().unwrap_or("")
            ));
            let value = a.value.as_deref().map(escape).unwrap_or_default();
            let _ = writeln!(out, "- {label}: {}", value.replace('\n', "  \n  "));
        }
        return;
    }
    let cell = |s: &str| escape(s).replace('\n', "<br>");
    let _ = writeln!(
        out,
        "| | {} |",
        columns
            .iter()
            .map(|c| cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---|".repeat(columns.len()));
    for r in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| {
                cells
                    .get(&(r, *c))
                    .and_then(|a| a.value.as_deref())
                    .map(cell)
                    .unwrap_or_default()
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", cell(r), cells.join(" | "));
    }
}

/// Text for one line (a heading, a label, an option): its line breaks
/// become spaces, so a value from the file cannot start a heading of its
/// own, and the rest is escaped.
fn inline(text: &str) -> String {
    escape(&text.replace(['\r', '\n'], " "))
}

/// Typed text shown as typed: only what Markdown (CommonMark, with
/// GitHub's tables and strikethrough) would read as formatting is escaped,
/// so "*" or "# 1" or "<b>" print literally while a date (`7.12.2026`), a
/// phone number (`+48 22…`) or `a > b` stay as they were typed.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let mark = line_mark(body);
        let chars: Vec<char> = body.chars().collect();
        for (at, &c) in chars.iter().enumerate() {
            let (before, after) = (
                at.checked_sub(1).map(|b| chars[b]),
                chars.get(at + 1).copied(),
            );
            if Some(at) == mark || inline_mark(c, before, after, &chars[at..]) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Where a line would start a block of its own, the (char) position of
/// the mark to escape: a heading (`#`), a quote (`>`), a list item (`- `,
/// `+ `, `* `, `1. `, `1) `), or a line of `=` or `-` alone, which makes
/// the line above a heading or draws a rule.
fn line_mark(body: &str) -> Option<usize> {
    let ends_mark = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let first = body.chars().next()?;
    match first {
        '#' | '>' => return Some(0),
        '-' | '+' | '*' if ends_mark(&body[1..]) => return Some(0),
        '=' | '-' if body.trim_end().chars().all(|c| c == first) => return Some(0),
        _ => {}
    }
    // One to nine digits, then `.` or `)`, then a space or the line's end.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let after = &body[digits..];
    ((1..=9).contains(&digits) && after.starts_with(['.', ')']) && ends_mark(&after[1..]))
        .then_some(digits)
}

/// Whether `c`, anywhere in a line, would be read as formatting: a
/// backslash before punctuation (or ending the line: a line break), code
/// (`` ` ``), emphasis (`*`, and `_` unless inside a word, where it is
/// not), strikethrough (`~`), a link (`[`), HTML or an autolink (`<`), a
/// table's cell border (`|`), and `&` when it starts a character
/// reference (`&amp;`).
fn inline_mark(c: char, before: Option<char>, after: Option<char>, from: &[char]) -> bool {
    match c {
        '`' | '*' | '~' | '[' | '<' | '|' => true,
        '\\' => after.is_none_or(|a| a.is_ascii_punctuation()),
        '_' => {
            !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
        }
        '&' => {
            let name = from[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                .count();
            name > 0 && from.get(1 + name) == Some(&';')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_never_read_as_markup() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("#1 priority"), "\\#1 priority");
        assert_eq!(escape("> quote"), "\\> quote");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("12) twelfth"), "12\\) twelfth");
        assert_eq!(escape("2."), "2\\.");
        // A year ending a sentence would start a list numbered from 2026.
        assert_eq!(escape("2026. A good year"), "2026\\. A good year");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("+ item"), "\\+ item");
        assert_eq!(escape("* item"), "\\* item");
        assert_eq!(escape("  - indented"), "  \\- indented");
        assert_eq!(escape("title\n==="), "title\n\\===");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("a *b* <i>|"), "a \\*b\\* \\<i>\\|");
        assert_eq!(escape("`code` ~~gone~~"), "\\`code\\` \\~\\~gone\\~\\~");
        assert_eq!(escape("[a link](http://x)"), "\\[a link](http://x)");
        assert_eq!(
            escape("_both_ and __strong__"),
            "\\_both\\_ and \\_\\_strong\\_\\_"
        );
        assert_eq!(escape("&amp; &#35;"), "\\&amp; \\&#35;");
        assert_eq!(escape("a \\*"), "a \\\\\\*");
        assert_eq!(escape("ends \\"), "ends \\\\");
        assert_eq!(escape("Łukasz, Zoë"), "Łukasz, Zoë");
        assert_eq!(
            inline("3\n# Fake heading <img src=x onerror=alert(1)>"),
            "3 # Fake heading \\<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn what_markdown_does_not_read_stays_as_typed() {
        for typed in [
            "7.12.2026",
            "+48 22 123 45 67",
            "+1 (555) 010-0199",
            "-5 degrees",
            "1.5 hours",
            "1,000 thanks",
            "a > b, and c = d",
            "Ana & Ben",
            "snake_case_name",
            "C:\\Users\\ana",
            "=1+1",
            "#",
            "",
        ] {
            let want = if typed == "#" { "\\#" } else { typed };
            assert_eq!(escape(typed), want, "{typed:?}");
        }
    }
}
