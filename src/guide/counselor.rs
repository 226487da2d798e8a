//! The counselor's edition of the guide (`workbook/counselor/`): its own
//! manifest of parts (about, session plan, screening, one set of notes per
//! chapter of the couple's book, progress summary, reading list) and the
//! twelve-session plan, checked against the couple's guide so that every
//! session names chapters and exercises that exist.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::calls::check_chapter_calls;
use super::schema::{Manifest, PartKind};
use super::{Exercise, ROOT, read_text};
use crate::diag::{Error, Result, parse_toml};
use crate::sources::Sources;

pub const MANIFEST: &str = "/workbook/counselor/guide.toml";
pub const SESSIONS: &str = "/workbook/counselor/sessions.toml";
/// The plan's length: twelve weekly sessions, as the couple's book assumes.
pub const SESSION_COUNT: usize = 12;

/// The counselor's edition, checked.
#[derive(Debug, Clone)]
pub struct CounselorGuide {
    pub manifest: Manifest,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionsFile {
    #[serde(rename = "session")]
    sessions: Vec<Spanned<Session>>,
}

/// One row of the session plan.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Session {
    pub number: Spanned<u32>,
    pub title: String,
    /// Includes a meeting with each partner alone (screening).
    #[serde(default)]
    pub individual: bool,
    pub aims: String,
    /// Parts of the couple's book this session works from.
    pub parts: Vec<Spanned<String>>,
    /// Exercises of the couple's book it uses (at least one).
    pub exercises: Vec<Spanned<String>>,
    pub homework: String,
    pub watch_for: String,
}

impl Session {
    /// Every text it prints, for the font check.
    pub(crate) fn texts(&self) -> [&str; 4] {
        [&self.title, &self.aims, &self.homework, &self.watch_for]
    }
}

impl CounselorGuide {
    /// Reads and checks the counselor's edition against the couple's
    /// `manifest` and `exercises`, when the sources have one.
    pub(crate) fn load(
        sources: &Sources,
        couple: &Manifest,
        exercises: &std::collections::BTreeMap<String, Exercise>,
    ) -> Result<Option<Self>> {
        if sources.get(MANIFEST).is_none() {
            return Ok(None);
        }
        let text = read_text(sources, MANIFEST)?;
        let manifest: Manifest = parse_toml(MANIFEST, text)?;
        check_manifest(sources, text, &manifest, couple)?;
        let text = read_text(sources, SESSIONS)?;
        let file: SessionsFile = parse_toml(SESSIONS, text)?;
        let part_ids: BTreeSet<&str> = couple
            .parts
            .iter()
            .map(|p| p.get_ref().id.get_ref().as_str())
            .collect();
        let err = |offset: usize, message: String, hint: Option<String>| {
            Error::at(SESSIONS, text, offset, message, hint)
        };
        if file.sessions.len() != SESSION_COUNT {
            return Err(err(
                0,
                format!(
                    "the plan has {} sessions; it must have {SESSION_COUNT}",
                    file.sessions.len()
                ),
                None,
            ));
        }
        for (i, s) in file.sessions.iter().enumerate() {
            let session = s.get_ref();
            if *session.number.get_ref() as usize != i + 1 {
                return Err(err(
                    session.number.span().start,
                    format!(
                        "session {} is out of order; number them 1 to 12",
                        session.number.get_ref()
                    ),
                    None,
                ));
            }
            if session.exercises.is_empty() {
                return Err(err(
                    s.span().start,
                    format!("session {} names no exercise", i + 1),
                    Some(
                        "each session works from at least one exercise of the couple's book".into(),
                    ),
                ));
            }
            for p in &session.parts {
                if !part_ids.contains(p.get_ref().as_str()) {
                    return Err(err(
                        p.span().start,
                        format!("{:?} is not a part of the couple's guide", p.get_ref()),
                        Some("see `workbook list` for the ids".into()),
                    ));
                }
            }
            for e in &session.exercises {
                if !exercises.contains_key(e.get_ref()) {
                    return Err(err(
                        e.span().start,
                        format!("{:?} is not an exercise of the couple's guide", e.get_ref()),
                        Some("see `workbook list` for the ids".into()),
                    ));
                }
            }
        }
        Ok(Some(CounselorGuide {
            manifest,
            sessions: file.sessions.into_iter().map(Spanned::into_inner).collect(),
        }))
    }

    /// Parts in reading order.
    pub fn parts(&self) -> impl Iterator<Item = &super::Part> {
        self.manifest.parts.iter().map(|p| p.get_ref())
    }

    /// For `workbook list`: the parts of the counselor's edition, in order.
    pub fn listing(&self) -> String {
        use std::fmt::Write;
        let mut out =
            String::from("The counselor's edition (--edition counselor) has these parts:\n");
        let mut chapter = 0;
        for part in self.parts() {
            let (kind, title) = match part.kind {
                PartKind::Chapter => {
                    chapter += 1;
                    ("chapter", format!("{chapter}. Notes on {}", part.title))
                }
                PartKind::Front => ("front", part.title.clone()),
                PartKind::Back => ("back", part.title.clone()),
            };
            let _ = writeln!(out, "{:<31} {kind:<19} {title}", part.id.get_ref());
        }
        let _ = writeln!(
            out,
            "Its session plan has {} sessions; chapter notes follow the chapters the couple's copy keeps (--skip, --only).",
            self.sessions.len()
        );
        out
    }
}

/// Ids unique and kebab-case, files present, `#exercise` never called, and
/// one chapter part for each chapter of the couple's book, by its id.
fn check_manifest(
    sources: &Sources,
    text: &str,
    manifest: &Manifest,
    couple: &Manifest,
) -> Result<()> {
    let err = |offset: usize, message: String| Error::at(MANIFEST, text, offset, message, None);
    let mut ids = BTreeSet::new();
    for part in &manifest.parts {
        let part = part.get_ref();
        if !ids.insert(part.id.get_ref().as_str()) {
            return Err(err(
                part.id.span().start,
                format!("part id {:?} is used twice", part.id.get_ref()),
            ));
        }
        if !part.exercises.is_empty() {
            return Err(err(
                part.id.span().start,
                "the counselor's guide places no exercises; its notes refer to the couple's".into(),
            ));
        }
        let file = part.file.get_ref();
        let full = format!("{ROOT}/{}", file.trim_start_matches("./"));
        if file.contains("..") || !full.ends_with(".typ") || sources.get(&full).is_none() {
            return Err(err(
                part.file.span().start,
                format!("the file {file:?} does not exist"),
            ));
        }
        check_chapter_calls(sources, &full, part)?;
    }
    let chapters = |m: &Manifest| -> BTreeSet<String> {
        m.parts
            .iter()
            .map(|p| p.get_ref())
            .filter(|p| p.kind == PartKind::Chapter)
            .map(|p| p.id.get_ref().clone())
            .collect()
    };
    let (ours, theirs) = (chapters(manifest), chapters(couple));
    if let Some(missing) = theirs.difference(&ours).next() {
        return Err(err(
            0,
            format!("the couple's chapter {missing:?} has no chapter part of notes here"),
        ));
    }
    if let Some(extra) = ours.difference(&theirs).next() {
        return Err(err(
            0,
            format!("the chapter part {extra:?} is not a chapter of the couple's guide"),
        ));
    }
    Ok(())
}
