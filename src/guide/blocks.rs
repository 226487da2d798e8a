//! The checks each block of an exercise passes: which fields its kind
//! needs and takes, their ranges, and caps far above any real exercise.

use toml::Spanned;

use super::schema::{Block, BlockKind, HALF_PAGE, Lines, Moment, Period};

pub(super) type BlockProblem = (usize, String, Option<String>);

/// Caps on an exercise, far above any real one, so that an untrusted
/// `--sources` folder or extra exercise cannot make Typst lay out without
/// bound (a 100,000-row table once took 17 GB): blocks per exercise, items
/// per checklist or scale, columns, rows per table, characters per text.
pub(super) const MAX_BLOCKS: usize = 50;
const MAX_ITEMS: usize = 100;
const MAX_COLUMNS: usize = 12;
const MAX_ROWS: usize = 200;
pub(super) const MAX_TEXT: usize = 4000;
/// The longest sentence starter: it leaves most of an A5 booklet's line
/// to write on.
const MAX_STARTER: usize = 24;
/// The most starters of a half-page prompt: the lines a handout gives it.
const HALF_PAGE_STARTERS: usize = 6;

/// Which fields each kind of block needs and takes, and their ranges.
pub(super) fn check_block(at: usize, b: &Block) -> std::result::Result<(), BlockProblem> {
    use BlockKind::*;
    let kind = format!("{:?}", b.kind).to_lowercase();
    let weekly = b
        .when
        .as_ref()
        .is_none_or(|w| *w.get_ref() == Moment::Weekly);
    let present: Vec<(&str, bool)> = vec![
        ("lines", b.lines.is_some()),
        ("starters", b.starters.is_some()),
        ("items", b.items.is_some()),
        ("columns", b.columns.is_some()),
        ("rows", b.rows.is_some()),
        ("blank-rows", b.blank_rows.is_some()),
        ("row-lines", b.row_lines.is_some()),
        ("period", b.period.is_some()),
        ("count", b.count.is_some()),
        ("narrow", b.narrow.is_some()),
        ("low", b.low.is_some()),
        ("high", b.high.is_some()),
        ("fill", b.fill.is_some()),
        ("when", b.when.is_some()),
    ];
    let (required, allowed): (&[&str], &[&str]) = match b.kind {
        Prompt => (&["label", "lines"], &["lines", "starters"]),
        Checklist => (&["items"], &["items"]),
        Table => (
            &["columns"],
            &[
                "columns",
                "rows",
                "blank-rows",
                "row-lines",
                "narrow",
                "fill",
            ],
        ),
        Tracker => (
            &["columns", "period"],
            &["columns", "period", "count", "narrow", "row-lines"],
        ),
        Scale => (&["items"], &["items", "low", "high"]),
        Signature => (&[], &[]),
        // A line a week needs its number of weeks; the start and the end
        // are one check each.
        Progress if weekly => (&["count"], &["count", "when"]),
        Progress => (&[], &["when"]),
    };
    for (field, is_set) in &present {
        if *is_set && !allowed.contains(field) {
            return Err((
                at,
                format!("a {kind} block has no `{field}`"),
                Some(format!(
                    "a {kind} block takes: {}",
                    ["id", "label", "help"]
                        .iter()
                        .chain(allowed)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        }
    }
    for field in required {
        let is_set =
            *field == "label" && b.label.is_some() || present.iter().any(|(f, s)| f == field && *s);
        if !is_set {
            return Err((at, format!("a {kind} block needs `{field}`"), None));
        }
    }
    let range = |v: &Option<Spanned<u32>>, name: &str, lo: u32, hi: u32| match v {
        Some(n) if !(lo..=hi).contains(n.get_ref()) => Err((
            n.span().start,
            format!("`{name}` is {}; it must be from {lo} to {hi}", n.get_ref()),
            None,
        )),
        _ => Ok(()),
    };
    let too_many = |span: std::ops::Range<usize>, name: &str, n: usize, max: usize| {
        Err((
            span.start,
            format!("`{name}` has {n} entries; at most {max}"),
            Some("a page holds far fewer: split the block".into()),
        ))
    };
    if let Some(items) = &b.items
        && items.get_ref().len() > MAX_ITEMS
    {
        return too_many(items.span(), "items", items.get_ref().len(), MAX_ITEMS);
    }
    for list in [&b.columns, &b.narrow].into_iter().flatten() {
        if list.get_ref().len() > MAX_COLUMNS {
            return too_many(list.span(), "columns", list.get_ref().len(), MAX_COLUMNS);
        }
    }
    if let Some(rows) = &b.rows
        && rows.len() > MAX_ROWS
    {
        return too_many(at..at, "rows", rows.len(), MAX_ROWS);
    }
    if let Some(lines) = &b.lines {
        let at = lines.span().start;
        match lines.get_ref() {
            Lines::Count(n) if !(1..=30).contains(n) => {
                return Err((at, format!("`lines` is {n}; it must be from 1 to 30"), None));
            }
            Lines::Named(word) if word != HALF_PAGE => {
                return Err((
                    at,
                    format!(
                        "`lines` is {word:?}; it must be a number from 1 to 30 or \"{HALF_PAGE}\""
                    ),
                    Some(format!(
                        "\"{HALF_PAGE}\" gives a reflective prompt about half a page to write on, on every paper"
                    )),
                ));
            }
            _ => {}
        }
    }
    if let (Some(starters), Some(lines)) = (&b.starters, &b.lines) {
        check_starters(starters, lines.get_ref())?;
    }
    range(&b.row_lines, "row-lines", 1, 10)?;
    range(&b.blank_rows, "blank-rows", 0, 40)?;
    range(&b.count, "count", 1, 366)?;
    if b.kind == Progress {
        range(&b.count, "count", 1, 26)?;
    }
    for list in [&b.items, &b.columns].into_iter().flatten() {
        if list.get_ref().is_empty() {
            return Err((
                list.span().start,
                "this list must not be empty".into(),
                None,
            ));
        }
    }
    if let (Some(narrow), Some(columns)) = (&b.narrow, &b.columns)
        && let Some(n) = narrow
            .get_ref()
            .iter()
            .find(|n| !columns.get_ref().contains(n))
    {
        return Err((
            narrow.span().start,
            format!("narrow column {n:?} is not one of the columns"),
            None,
        ));
    }
    if b.kind == Table
        && b.rows.as_ref().is_none_or(Vec::is_empty)
        && b.blank_rows.as_ref().is_none_or(|n| *n.get_ref() == 0)
    {
        return Err((
            at,
            "a table block needs `rows` or `blank-rows`".into(),
            None,
        ));
    }
    if let Some(fill) = &b.fill
        && fill.get_ref() != "contacts"
    {
        return Err((
            fill.span().start,
            format!("unknown fill {:?}", fill.get_ref()),
            Some("the only fill is \"contacts\": rows named \"Our counselor\", \"Crisis line\", \"Emergency number\" or \"Domestic-violence line\" get the practice's details".into()),
        ));
    }
    if b.kind == Tracker && b.period == Some(Period::Week) && b.count.is_none() {
        return Err((
            at,
            "a weekly tracker needs `count` (the number of weeks)".into(),
            None,
        ));
    }
    Ok(())
}

/// A prompt's sentence starters: at most one for each of its lines, some
/// words in all, each short enough to leave its line room to write.
fn check_starters(
    starters: &Spanned<Vec<String>>,
    lines: &Lines,
) -> std::result::Result<(), BlockProblem> {
    let at = starters.span().start;
    let list = starters.get_ref();
    let most = match lines {
        Lines::Count(n) => usize::try_from(*n).unwrap_or(0),
        Lines::Named(_) => HALF_PAGE_STARTERS,
    };
    if list.len() > most {
        return Err((
            at,
            format!(
                "`starters` has {} entries and the prompt {most} lines; at most one starter a line",
                list.len()
            ),
            Some("give the prompt more `lines`, or fewer starters".into()),
        ));
    }
    if list.iter().all(|s| s.trim().is_empty()) {
        return Err((
            at,
            "`starters` has no words: \"\" leaves a line without a starter, and at least one starter needs words"
                .into(),
            Some("leave out `starters` for plain ruled lines".into()),
        ));
    }
    if let Some(long) = list.iter().find(|s| s.chars().count() > MAX_STARTER) {
        return Err((
            at,
            format!(
                "the starter {long:?} is {} characters; at most {MAX_STARTER}, so that its line keeps room to write",
                long.chars().count()
            ),
            Some("a starter is a few words (\"I feel\", \"when\", \"because\")".into()),
        ));
    }
    Ok(())
}
