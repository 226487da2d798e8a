//! Loading and checking the guide: `guide.toml`, the chapter files and the
//! exercise files, all checked before Typst sees them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Result};
use crate::sources::Sources;

/// Where the guide's files live among the sources.
pub const ROOT: &str = "/workbook";
const MANIFEST: &str = "/workbook/guide.toml";

/// The whole guide, checked: the manifest and every exercise it places.
#[derive(Debug, Clone)]
pub struct Content {
    pub manifest: Manifest,
    /// Exercises by id.
    pub exercises: BTreeMap<String, Exercise>,
    /// Counselors' extra exercises, which their part's text does not place:
    /// the templates print them at the end of the part.
    pub extra: BTreeSet<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub title: String,
    pub subtitle: String,
    #[serde(rename = "step", default)]
    pub steps: Vec<Spanned<Step>>,
    #[serde(rename = "part")]
    pub parts: Vec<Spanned<Part>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub number: Spanned<u32>,
    pub title: String,
    pub part: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: Spanned<String>,
    pub kind: PartKind,
    pub title: String,
    pub file: Spanned<String>,
    #[serde(default)]
    pub exercises: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Front,
    Chapter,
    Back,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    Each,
    Together,
}

impl Who {
    pub fn name(self) -> &'static str {
        match self {
            Who::Each => "each",
            Who::Together => "together",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: Spanned<String>,
    pub title: String,
    pub who: Who,
    pub heading: Option<Spanned<String>>,
    pub minutes: Option<u32>,
    pub intro: String,
    pub closing: Option<String>,
    /// Two or three questions to talk over in session, printed as "To talk
    /// over with your counselor".
    pub debrief: Option<String>,
    /// Only in a counselor's extra exercises: the part it is added to.
    pub part: Option<Spanned<String>>,
    #[serde(rename = "block")]
    pub blocks: Vec<Spanned<Block>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Prompt,
    Checklist,
    Table,
    Tracker,
    Scale,
    Signature,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Day,
    Week,
}

/// One block of an exercise. A flat struct rather than a tagged enum so that
/// every field keeps its position for error messages; which fields a kind
/// takes is checked in [`check_block`].
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Block {
    pub kind: BlockKind,
    pub id: Spanned<String>,
    pub label: Option<String>,
    pub help: Option<String>,
    pub lines: Option<Spanned<u32>>,
    pub items: Option<Spanned<Vec<String>>>,
    pub columns: Option<Spanned<Vec<String>>>,
    pub rows: Option<Vec<String>>,
    pub blank_rows: Option<Spanned<u32>>,
    pub row_lines: Option<Spanned<u32>>,
    pub period: Option<Period>,
    pub count: Option<Spanned<u32>>,
    pub narrow: Option<Spanned<Vec<String>>>,
    pub low: Option<String>,
    pub high: Option<String>,
    /// `"contacts"`: fill rows named like the practice's contacts.
    pub fill: Option<Spanned<String>>,
}

impl Exercise {
    /// Every text the exercise prints, with the key it comes from, so that
    /// font coverage can be checked and a gap named by its key.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("title", self.title.as_str()),
            ("intro", self.intro.as_str()),
        ];
        out.extend(
            self.heading
                .as_ref()
                .map(|h| ("heading", h.get_ref().as_str())),
        );
        out.extend(self.closing.as_deref().map(|c| ("closing", c)));
        out.extend(self.debrief.as_deref().map(|d| ("debrief", d)));
        for b in &self.blocks {
            let b = b.get_ref();
            for (key, text) in [
                ("label", &b.label),
                ("help", &b.help),
                ("low", &b.low),
                ("high", &b.high),
            ] {
                out.extend(text.as_deref().map(|t| (key, t)));
            }
            let lists = [
                ("items", b.items.as_ref().map(|i| i.get_ref())),
                ("columns", b.columns.as_ref().map(|c| c.get_ref())),
                ("rows", b.rows.as_ref()),
            ];
            for (key, list) in lists {
                out.extend(list.into_iter().flatten().map(|t| (key, t.as_str())));
            }
        }
        out
    }
}

impl Content {
    /// Loads and checks the guide from `sources`.
    pub fn load(sources: &Sources) -> Result<Self> {
        let text = read_text(sources, MANIFEST)?;
        let manifest: Manifest = parse_toml(MANIFEST, text)?;
        let mut exercises = BTreeMap::new();
        check_manifest(sources, MANIFEST, text, &manifest)?;
        for part in &manifest.parts {
            for id in &part.get_ref().exercises {
                let path = exercise_path(id.get_ref());
                let ex_text = read_text(sources, &path)?;
                let exercise: Exercise = parse_toml(&path, ex_text)?;
                check_exercise(&path, ex_text, id.get_ref(), &exercise)?;
                exercises.insert(id.get_ref().clone(), exercise);
            }
        }
        check_unplaced(sources, &exercises)?;
        Ok(Content {
            manifest,
            exercises,
            extra: BTreeSet::new(),
        })
    }

    /// Parts in reading order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.manifest.parts.iter().map(|p| p.get_ref())
    }

    /// Every id that `--skip` and `--only` accept: parts, then exercises.
    pub fn ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for part in self.parts() {
            ids.push(part.id.get_ref().clone());
            ids.extend(part.exercises.iter().map(|e| e.get_ref().clone()));
        }
        ids
    }
}

/// `/workbook/exercises/<id>.toml`
pub fn exercise_path(id: &str) -> String {
    format!("{ROOT}/exercises/{id}.toml")
}

fn read_text<'a>(sources: &'a Sources, path: &str) -> Result<&'a str> {
    match sources.get(path) {
        None => Err(content_error(path, "", 0, "file not found".into(), None)),
        Some(bytes) => std::str::from_utf8(bytes)
            .map_err(|e| content_error(path, "", 0, format!("not valid UTF-8 text ({e})"), None)),
    }
}

/// Parses TOML into `T`, turning toml's byte spans into line and column.
pub fn parse_toml<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let message = e.message().trim_end().replace('\n', " ");
        let hint = unknown_field_hint(&message);
        content_error(path, text, offset, message, hint)
    })
}

/// serde lists the expected fields in its message; say it as a hint too.
fn unknown_field_hint(message: &str) -> Option<String> {
    message
        .split_once("expected one of ")
        .map(|(_, fields)| format!("the keys allowed here are {fields}"))
}

/// An error at byte `offset` of `text`, reported as file:line:column.
pub fn content_error(
    path: &str,
    text: &str,
    offset: usize,
    message: String,
    hint: Option<String>,
) -> Error {
    let (line, column) = line_column(text, offset);
    Error::Content {
        file: display_path(path),
        line,
        column,
        message,
        hint,
    }
}

/// Paths as the user knows them: `workbook/guide.toml`, without the leading slash.
fn display_path(path: &str) -> String {
    path.trim_start_matches('/').to_string()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn check_manifest(sources: &Sources, path: &str, text: &str, manifest: &Manifest) -> Result<()> {
    let err = |span: std::ops::Range<usize>, message: String, hint: Option<String>| {
        content_error(path, text, span.start, message, hint)
    };
    let mut part_ids = BTreeSet::new();
    let mut placed = BTreeSet::new();
    for part in &manifest.parts {
        let part = part.get_ref();
        let id = part.id.get_ref();
        if !is_kebab(id) {
            return Err(err(
                part.id.span(),
                format!("part id {id:?} must be kebab-case"),
                Some("use lower-case letters, digits and dashes, e.g. \"my-chapter\"".into()),
            ));
        }
        if !part_ids.insert(id.clone()) {
            return Err(err(
                part.id.span(),
                format!("part id {id:?} is used twice"),
                None,
            ));
        }
        let file = part.file.get_ref();
        let full = format!("{ROOT}/{}", file.trim_start_matches("./"));
        if file.starts_with('/') || file.contains("..") || !full.ends_with(".typ") {
            return Err(err(
                part.file.span(),
                format!("{file:?} must be a .typ file inside the workbook folder"),
                Some("paths are relative to guide.toml, e.g. \"chapters/intro.typ\"".into()),
            ));
        }
        if sources.get(&full).is_none() {
            return Err(err(
                part.file.span(),
                format!("the file {file:?} does not exist"),
                None,
            ));
        }
        for ex in &part.exercises {
            let ex_id = ex.get_ref();
            if !is_kebab(ex_id) {
                return Err(err(
                    ex.span(),
                    format!("exercise id {ex_id:?} must be kebab-case"),
                    None,
                ));
            }
            if part_ids.contains(ex_id) {
                return Err(err(
                    ex.span(),
                    format!("{ex_id:?} is already a part id"),
                    None,
                ));
            }
            if !placed.insert(ex_id.clone()) {
                return Err(err(
                    ex.span(),
                    format!("exercise {ex_id:?} is placed twice"),
                    Some("each exercise belongs to one part".into()),
                ));
            }
            if sources.get(&exercise_path(ex_id)).is_none() {
                return Err(err(
                    ex.span(),
                    format!(
                        "no exercise file for {ex_id:?}: exercises/{ex_id}.toml does not exist"
                    ),
                    None,
                ));
            }
        }
        check_chapter_calls(sources, &full, part)?;
    }
    if !part_ids.contains("safety") {
        return Err(content_error(
            path,
            text,
            0,
            "the guide has no part with id \"safety\"".into(),
            Some("the safety note must come before any exercise".into()),
        ));
    }
    for (i, step) in manifest.steps.iter().enumerate() {
        let s = step.get_ref();
        if *s.number.get_ref() != i as u32 + 1 {
            return Err(err(
                s.number.span(),
                format!(
                    "step {} is out of order; steps are numbered 1, 2, 3, ...",
                    s.number.get_ref()
                ),
                None,
            ));
        }
        if !part_ids.contains(s.part.get_ref()) {
            return Err(err(
                s.part.span(),
                format!(
                    "step {} names the unknown part {:?}",
                    s.number.get_ref(),
                    s.part.get_ref()
                ),
                None,
            ));
        }
    }
    Ok(())
}

/// The exercises a chapter file places with `#exercise("id")` must be the
/// ones its part lists, in the same order, so that `list`, `--skip` and the
/// printed book agree.
fn check_chapter_calls(sources: &Sources, file: &str, part: &Part) -> Result<()> {
    let text = read_text(sources, file)?;
    let calls = find_calls(text, "#exercise(\"");
    let listed: Vec<&str> = part
        .exercises
        .iter()
        .map(|e| e.get_ref().as_str())
        .collect();
    for (i, (offset, id)) in calls.iter().enumerate() {
        if listed.get(i) != Some(id) {
            let message = if listed.contains(id) {
                format!("exercise {id:?} is placed out of the order listed in guide.toml")
            } else {
                format!(
                    "exercise {id:?} is placed here but not listed for part {:?} in guide.toml",
                    part.id.get_ref()
                )
            };
            return Err(content_error(file, text, *offset, message, None));
        }
    }
    if let Some(missing) = listed.get(calls.len()) {
        return Err(content_error(
            file,
            text,
            text.len(),
            format!(
                "guide.toml lists exercise {missing:?} for this part, but the file never places it"
            ),
            Some(format!(
                "add #exercise(\"{missing}\") where the reader should do it"
            )),
        ));
    }
    Ok(())
}

/// Offsets and first string arguments of every `prefix...")` in `text`,
/// skipping line comments.
fn find_calls<'a>(text: &'a str, prefix: &str) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut from = 0;
        while let Some(i) = code[from..].find(prefix) {
            let start = from + i;
            let arg = &code[start + prefix.len()..];
            if let Some(end) = arg.find('"') {
                out.push((line_start + start, &arg[..end]));
            }
            from = start + prefix.len();
        }
        line_start += line.len();
    }
    out
}

pub(crate) fn check_exercise(path: &str, text: &str, id: &str, ex: &Exercise) -> Result<()> {
    let err = |offset: usize, message: String, hint: Option<String>| {
        content_error(path, text, offset, message, hint)
    };
    if ex.id.get_ref() != id {
        return Err(err(
            ex.id.span().start,
            format!(
                "id {:?} does not match the file name {id}.toml",
                ex.id.get_ref()
            ),
            None,
        ));
    }
    let placeholders: &[&str] = match ex.who {
        Who::Each => &["{name}", "{other}"],
        Who::Together => &[],
    };
    match (&ex.heading, ex.who) {
        (None, Who::Each) => {
            return Err(err(
                0,
                "an exercise for each partner needs a heading with {name}".into(),
                Some("for example: heading = \"{name}'s apology\"".into()),
            ));
        }
        (Some(h), Who::Each) if !h.get_ref().contains("{name}") => {
            return Err(err(
                h.span().start,
                "the heading must contain {name}".into(),
                None,
            ));
        }
        (Some(h), Who::Together) => {
            return Err(err(
                h.span().start,
                "heading is only for exercises with who = \"each\"".into(),
                Some("a shared exercise is headed by its title".into()),
            ));
        }
        _ => {}
    }
    if ex.blocks.is_empty() {
        return Err(err(
            0,
            "an exercise needs at least one [[block]]".into(),
            None,
        ));
    }
    let mut ids = BTreeSet::new();
    for block in &ex.blocks {
        let b = block.get_ref();
        if !is_kebab(b.id.get_ref()) {
            return Err(err(
                b.id.span().start,
                format!("block id {:?} must be kebab-case", b.id.get_ref()),
                None,
            ));
        }
        if !ids.insert(b.id.get_ref().clone()) {
            return Err(err(
                b.id.span().start,
                format!("block id {:?} is used twice", b.id.get_ref()),
                None,
            ));
        }
        check_block(block.span().start, b)
            .map_err(|(offset, message, hint)| err(offset, message, hint))?;
    }
    check_placeholders(path, text, placeholders)
}

type BlockProblem = (usize, String, Option<String>);

/// Which fields each kind of block needs and takes, and their ranges.
fn check_block(at: usize, b: &Block) -> std::result::Result<(), BlockProblem> {
    use BlockKind::*;
    let kind = format!("{:?}", b.kind).to_lowercase();
    let present: Vec<(&str, bool)> = vec![
        ("lines", b.lines.is_some()),
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
    ];
    let (required, allowed): (&[&str], &[&str]) = match b.kind {
        Prompt => (&["label", "lines"], &["lines"]),
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
    range(&b.lines, "lines", 1, 30)?;
    range(&b.row_lines, "row-lines", 1, 10)?;
    range(&b.blank_rows, "blank-rows", 0, 40)?;
    range(&b.count, "count", 1, 366)?;
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

/// `{name}` and `{other}` only make sense in an exercise for each partner;
/// any other `{word}` is a typo that would print as it is.
fn check_placeholders(path: &str, text: &str, allowed: &[&str]) -> Result<()> {
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let start = from + i;
        let rest = &text[start..];
        let end = rest.find('}').map(|e| e + 1).unwrap_or(1);
        let word = &rest[..end];
        let is_placeholder = word.len() > 2
            && word[1..word.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if is_placeholder && !allowed.contains(&word) {
            let hint = if allowed.is_empty() {
                "names can only be filled in exercises with who = \"each\"".to_string()
            } else {
                format!("the placeholders are {}", allowed.join(" and "))
            };
            return Err(content_error(
                path,
                text,
                start,
                format!("unknown placeholder {word}"),
                Some(hint),
            ));
        }
        from = start + 1;
    }
    Ok(())
}

/// An exercise file that no part places would silently never print.
fn check_unplaced(sources: &Sources, placed: &BTreeMap<String, Exercise>) -> Result<()> {
    let prefix = format!("{ROOT}/exercises/");
    for (path, _) in sources.under(&prefix) {
        let Some(id) = path
            .strip_prefix(&prefix)
            .and_then(|p| p.strip_suffix(".toml"))
        else {
            continue;
        };
        if !placed.contains_key(id) {
            return Err(content_error(
                path,
                "",
                0,
                format!("exercise {id:?} is not placed in any part"),
                Some(format!(
                    "list it in a part's `exercises` in workbook/guide.toml and add #exercise(\"{id}\") to that part's file"
                )),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é\nx", 3), (2, 1));
    }

    #[test]
    fn finds_calls_outside_comments() {
        let text = "a #exercise(\"x\") b\n// #exercise(\"y\")\n#exercise(\"z\")";
        let ids: Vec<_> = find_calls(text, "#exercise(\"")
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        assert_eq!(ids, ["x", "z"]);
    }

    #[test]
    fn embedded_content_passes_its_checks() {
        Content::load(&Sources::embedded()).unwrap();
    }
}
