//! What the counselor's edition adds to `/data.json`: its own parts in
//! place of the couple's (which stay, as `couple-parts`, for the notes to
//! refer to) and the session plan with every chapter and exercise it names
//! resolved to its title and number in the couple's book.

use serde::Serialize;

use super::{Data, PartData};
use crate::guide::counselor::{CounselorGuide, Session};
use crate::guide::select::Selection;
use crate::guide::{Content, PartKind, ROOT};

/// The session plan, as the templates read it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct FacilitatorData<'a> {
    pub(crate) sessions: Vec<SessionData<'a>>,
}

/// One session, with what it names looked up.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct SessionData<'a> {
    #[serde(flatten)]
    pub(crate) session: &'a Session,
    pub(crate) part_refs: Vec<Ref<'a>>,
    pub(crate) exercise_refs: Vec<Ref<'a>>,
}

/// A part or exercise of the couple's book: its title, and its number
/// there when this copy prints it (`none` when it was left out).
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Ref<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) printed: bool,
    pub(crate) number: Option<usize>,
}

/// Turns the couple's data into the counselor's edition: the counselor's
/// parts (its chapter notes only for the chapters this copy keeps, with
/// their numbers) and the session plan.
pub(crate) fn apply<'a>(
    data: &mut Data<'a>,
    content: &'a Content,
    guide: &'a CounselorGuide,
    selection: &Selection,
) {
    data.subtitle = &guide.manifest.subtitle;
    let couple_parts = std::mem::take(&mut data.parts);
    let chapter = |id: &str| {
        couple_parts
            .iter()
            .find(|p| p.id == id && p.kind == PartKind::Chapter)
    };
    data.parts = guide
        .parts()
        .filter(|p| p.kind != PartKind::Chapter || selection.parts.contains(p.id.get_ref()))
        .map(|p| {
            let own = chapter(p.id.get_ref());
            PartData {
                id: p.id.get_ref(),
                kind: p.kind,
                // A chapter's notes carry the chapter's own title and number.
                title: own.map_or(p.title.as_str(), |c| c.title),
                file: format!("{ROOT}/{}", p.file.get_ref().trim_start_matches("./")),
                number: own.and_then(|c| c.number),
                exercises: Vec::new(),
                extra: Vec::new(),
                week: None,
            }
        })
        .collect();
    let sessions = guide
        .sessions
        .iter()
        .map(|session| SessionData {
            session,
            part_refs: session
                .parts
                .iter()
                .map(|id| {
                    let id = id.get_ref().as_str();
                    let printed = couple_parts.iter().find(|p| p.id == id);
                    let title = content
                        .parts()
                        .find(|p| p.id.get_ref() == id)
                        .map_or(id, |p| p.title.as_str());
                    Ref {
                        id,
                        title,
                        printed: printed.is_some(),
                        number: printed.and_then(|p| p.number),
                    }
                })
                .collect(),
            exercise_refs: session
                .exercises
                .iter()
                .map(|id| {
                    let (id, ex) = content
                        .exercises
                        .get_key_value(id.get_ref())
                        .expect("checked when the guide was loaded");
                    let printed = data.exercises.get(id.as_str());
                    Ref {
                        id,
                        title: &ex.title,
                        printed: printed.is_some(),
                        number: printed.map(|e| e.number),
                    }
                })
                .collect(),
        })
        .collect();
    data.couple_parts = Some(couple_parts);
    data.facilitator = Some(FacilitatorData { sessions });
}
