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

/// Typed text shown as typed: characters that Markdown would read as
/// formatting are escaped, so "*" or "# 1" or "<b>" print literally.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        // A line that would start a heading, a list or a rule (a quote's
        // `>` is escaped below, wherever it is).
        if body.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        }
        // "1." or "1)" would start a numbered list: escape the mark.
        let numbered = body
            .find(['.', ')'])
            .filter(|&at| at > 0 && at < 10 && body[..at].bytes().all(|b| b.is_ascii_digit()));
        for (at, c) in body.char_indices() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
            ) || Some(at) == numbered
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_never_read_as_markup() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("> quote"), "\\> quote");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("a *b* <i>|"), "a \\*b\\* \\<i\\>\\|");
        assert_eq!(escape("Łukasz, Zoë"), "Łukasz, Zoë");
        assert_eq!(
            inline("3\n# Fake heading <img src=x onerror=alert(1)>"),
            "3 # Fake heading \\<img src=x onerror=alert(1)\\>"
        );
    }
}
