//! The one in-memory file that carries a couple's data to the templates:
//! `/data.json`, serialised from the typed [`Data`] and nothing else. User
//! text reaches Typst only through here, as strings.

mod contacts;
pub mod keys;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::guide::select::Selection;
use crate::guide::{Block, Content, Exercise, PartKind, ROOT};
use crate::settings::BuildOptions;
use crate::settings::print::{Ruling, Sides};
pub use contacts::{Contacts, CounselorData, SupportData};

/// Everything the templates read from `/data.json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Data<'a> {
    pub counselor: CounselorData,
    pub support: SupportData,
    /// Rows of the support list, by their labels in support-contacts.toml.
    pub contacts: Contacts,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub document_title: String,
    pub names: NamesData,
    pub paper: PaperData,
    pub print: PrintData,
    pub ruling_mm: f64,
    pub start_date: Option<DateData>,
    pub days: u32,
    pub parts: Vec<PartData<'a>>,
    pub steps: Vec<StepData<'a>>,
    /// The printed exercises, by id.
    pub exercises: BTreeMap<&'a str, ExerciseData<'a>>,
    /// The practice's logo, as a virtual path, once it is prepared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The cover photo, as a virtual path, once it is prepared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}

/// The names as given, and the keys their form fields use.
#[derive(Debug, Serialize)]
pub struct NamesData {
    pub a: String,
    pub b: String,
    pub keys: PartnerKeys,
}

/// `ana` and `ben`, as in `apology.ana.what-i-did`.
#[derive(Debug, Serialize)]
pub struct PartnerKeys {
    pub a: String,
    pub b: String,
}

/// The size of the paper, by name and in millimetres.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PaperData {
    pub name: &'static str,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// How the book is printed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PrintData {
    pub sides: Sides,
    pub booklet: bool,
    pub ruling: Ruling,
    pub ink_saver: bool,
    pub fillable: bool,
    /// Notes pages added so that a booklet folds from whole sheets.
    #[serde(skip_serializing_if = "is_zero")]
    pub pad_pages: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The first day of the dated logs.
#[derive(Debug, Serialize)]
pub struct DateData {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// One printed part.
#[derive(Debug, Serialize)]
pub struct PartData<'a> {
    pub id: &'a str,
    pub kind: PartKind,
    pub title: &'a str,
    /// The chapter file, as a virtual path.
    pub file: String,
    /// Chapters are numbered among the printed chapters.
    pub number: Option<usize>,
    /// The part's printed exercises, in order.
    pub exercises: Vec<&'a str>,
    /// A counselor's own exercises, printed after the part's text.
    pub extra: Vec<&'a str>,
}

/// One of the five steps, and whether this copy teaches it.
#[derive(Debug, Serialize)]
pub struct StepData<'a> {
    pub number: u32,
    pub title: &'a str,
    pub part: &'a str,
    pub included: bool,
}

/// An exercise as the templates read it: its own fields, its number in
/// reading order, and its blocks with their field keys.
#[derive(Debug, Serialize)]
pub struct ExerciseData<'a> {
    #[serde(flatten)]
    pub exercise: &'a Exercise,
    pub number: usize,
    pub block: Vec<BlockData<'a>>,
}

/// A block and the keys of its form fields.
#[derive(Debug, Serialize)]
pub struct BlockData<'a> {
    #[serde(flatten)]
    pub block: &'a Block,
    pub keys: keys::BlockKeys,
}

/// The document title shown by PDF viewers and read by screen readers.
pub fn document_title(content: &Content, opts: &BuildOptions) -> String {
    format!(
        "{}: a workbook for {}",
        content.manifest.title,
        opts.names.joined()
    )
}

impl<'a> Data<'a> {
    /// The data of one workbook, before its images are prepared.
    pub fn new(content: &'a Content, selection: &Selection, opts: &BuildOptions) -> Self {
        let print = &opts.print;
        let (width_mm, height_mm) = print.page_size_mm();
        let printed = |id: &str| selection.exercises.contains(id);
        let mut chapter = 0;
        let parts = content
            .parts()
            .filter(|p| selection.parts.contains(p.id.get_ref()))
            .map(|p| {
                let number = (p.kind == PartKind::Chapter).then(|| {
                    chapter += 1;
                    chapter
                });
                let ids = || p.exercises.iter().map(|e| e.get_ref().as_str());
                PartData {
                    id: p.id.get_ref(),
                    kind: p.kind,
                    title: &p.title,
                    file: format!("{ROOT}/{}", p.file.get_ref().trim_start_matches("./")),
                    number,
                    exercises: ids().filter(|e| printed(e)).collect(),
                    extra: ids()
                        .filter(|e| printed(e) && content.extra.contains(*e))
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let steps = content
            .manifest
            .steps
            .iter()
            .map(|s| {
                let s = s.get_ref();
                StepData {
                    number: *s.number.get_ref(),
                    title: &s.title,
                    part: s.part.get_ref(),
                    included: selection.parts.contains(s.part.get_ref()),
                }
            })
            .collect();
        // Exercises are numbered in reading order among those printed.
        let exercises = parts
            .iter()
            .flat_map(|p| p.exercises.iter().copied())
            .enumerate()
            .map(|(i, id)| {
                let exercise = &content.exercises[id];
                let block = exercise
                    .blocks
                    .iter()
                    .map(|b| BlockData {
                        block: b.get_ref(),
                        keys: keys::block(b.get_ref()),
                    })
                    .collect();
                let data = ExerciseData {
                    exercise,
                    number: i + 1,
                    block,
                };
                (id, data)
            })
            .collect();
        let (key_a, key_b) = keys::partners(&opts.names);
        Data {
            counselor: CounselorData::from(&opts.branding),
            support: SupportData::from(&opts.branding),
            contacts: Contacts::from(&opts.branding),
            title: &content.manifest.title,
            subtitle: &content.manifest.subtitle,
            document_title: document_title(content, opts),
            names: NamesData {
                a: opts.names.a.clone(),
                b: opts.names.b.clone(),
                keys: PartnerKeys { a: key_a, b: key_b },
            },
            paper: PaperData {
                name: print.paper.name(),
                width_mm,
                height_mm,
            },
            print: PrintData {
                sides: print.sides,
                booklet: print.booklet,
                ruling: print.ruling,
                ink_saver: print.ink_saver,
                fillable: print.fillable,
                pad_pages: 0,
            },
            ruling_mm: print.ruling.mm(),
            start_date: opts.start_date.map(|d| DateData {
                year: d.year(),
                month: d.month().into(),
                day: d.day(),
            }),
            days: opts.days,
            parts,
            steps,
            exercises,
            logo: None,
            photo: None,
        }
    }

    /// The bytes of `/data.json`.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("data.json serialises")
    }
}
