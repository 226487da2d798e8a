//! The in-memory files that carry a couple's data to the templates,
//! serialised from the typed [`Data`] and nothing else: `/data.json`, and
//! `/couple.json` with the names. User text reaches Typst only through
//! here, as strings.

mod contacts;
mod facilitator;
pub(crate) mod keys;
mod variant;

#[cfg(test)]
mod contract;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::guide::layout::Layout;
use crate::guide::select::Selection;
use crate::guide::{Block, Content, Exercise, PartKind, ROOT};
use crate::settings::BuildOptions;
use crate::settings::print::{Ruling, Sides};
pub(crate) use contacts::{Contacts, CounselorData, SupportData};

/// Everything the templates read from `/data.json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Data<'a> {
    pub(crate) counselor: CounselorData,
    pub(crate) support: SupportData,
    /// Rows of the support list, by their labels in support-contacts.toml.
    pub(crate) contacts: Contacts,
    pub(crate) title: &'a str,
    pub(crate) subtitle: &'a str,
    /// The names and the title made from them: `/couple.json`, not here.
    #[serde(skip)]
    pub(crate) couple: CoupleData,
    pub(crate) paper: PaperData,
    pub(crate) print: PrintData,
    pub(crate) ruling_mm: f64,
    pub(crate) start_date: Option<DateData>,
    pub(crate) days: u32,
    pub(crate) parts: Vec<PartData<'a>>,
    pub(crate) steps: Vec<StepData<'a>>,
    /// The printed exercises, by id.
    pub(crate) exercises: BTreeMap<&'a str, ExerciseData<'a>>,
    /// `couple` or `counselor` (see `--edition`).
    pub(crate) edition: &'static str,
    /// The book's language (`en`, `es`) and the couple's country, if known.
    pub(crate) lang: &'static str,
    /// Left out when not given: the templates then keep the language's own
    /// default (the United States for English, as before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) region: Option<String>,
    /// The trust and safety check's statements, when the guide has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) progress: Option<ProgressData<'a>>,
    /// The counselor's edition: the couple's parts, which its notes refer
    /// to (`parts` are then the counselor's own), and the session plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) couple_parts: Option<Vec<PartData<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) facilitator: Option<facilitator::FacilitatorData<'a>>,
    /// The practice's logo, as a virtual path, once it is prepared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) logo: Option<String>,
    /// The cover photo, as a virtual path, once it is prepared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) photo: Option<String>,
    /// Fonts from --font-path for names in other scripts.
    pub(crate) fonts: Fallbacks,
    /// `--handout`: these exercises alone, as a handout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) handout: Option<variant::HandoutData>,
    /// `--split partners`: which of the three files this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) split: Option<&'static str>,
    /// A booklet bound as volumes (see `plan::volumes`), in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) volumes: Option<Vec<VolumeData<'a>>>,
}

/// One volume of a booklet bound as volumes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct VolumeData<'a> {
    /// 1, 2, …
    pub(crate) number: usize,
    /// The id of its first part.
    pub(crate) first: &'a str,
    /// The notes pages that end it on whole sheets (the last volume's
    /// are `print.pad-pages`).
    pub(crate) pad_pages: usize,
}

/// The families to try, in order, after our body and label fonts, for
/// names and practice details in scripts our own fonts lack (chosen by
/// `typeset::fallback`).
#[derive(Debug, Default, Serialize)]
pub(crate) struct Fallbacks {
    pub(crate) body: Vec<String>,
    pub(crate) label: Vec<String>,
}

/// The bytes of the two generated files of one build.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFiles {
    /// `/data.json`: the book, its settings and its counselor.
    pub data: Vec<u8>,
    /// `/couple.json`: the names and the document title.
    pub couple: Vec<u8>,
}

/// The version of the files' shape, written as their `format` key: raised
/// when a key goes or changes meaning, so that a user's own templates can
/// tell which shape they are given.
pub(crate) const FORMAT: u32 = 1;

/// `/data.json`: the book, its settings and its counselor, the same for
/// every couple of a batch. With `couple` (a user's own templates, perhaps
/// ejected before there was a `/couple.json`) the names are in it too.
#[derive(Serialize)]
struct DataJson<'d, 'a> {
    format: u32,
    #[serde(flatten)]
    data: &'d Data<'a>,
    #[serde(flatten)]
    couple: Option<&'d CoupleData>,
}

/// `/couple.json`: the one file that changes from couple to couple.
#[derive(Serialize)]
struct CoupleJson<'d> {
    format: u32,
    #[serde(flatten)]
    couple: &'d CoupleData,
}

/// The names, and the document title made from them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct CoupleData {
    pub(crate) names: NamesData,
    pub(crate) document_title: String,
}

/// The names as given, and the keys their form fields use.
#[derive(Debug, Serialize)]
pub(crate) struct NamesData {
    pub(crate) a: String,
    pub(crate) b: String,
    /// False in a counselor's guide built without names, which then says
    /// "Partner A" and "Partner B" and leaves lines for the real names.
    pub(crate) given: bool,
    pub(crate) keys: PartnerKeys,
}

/// `ana` and `ben`, as in `apology.ana.what-i-did`.
#[derive(Debug, Serialize)]
pub(crate) struct PartnerKeys {
    pub(crate) a: String,
    pub(crate) b: String,
}

/// The size of the paper, by name and in millimetres.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct PaperData {
    pub(crate) name: &'static str,
    pub(crate) width_mm: f64,
    pub(crate) height_mm: f64,
}

/// How the book is printed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct PrintData {
    pub(crate) sides: Sides,
    pub(crate) booklet: bool,
    pub(crate) ruling: Ruling,
    pub(crate) ink_saver: bool,
    pub(crate) fillable: bool,
    /// PDF/A, which has no CMYK: black is then a gray rather than the
    /// black ink alone.
    pub(crate) pdf_a: bool,
    /// Pages added so that a booklet folds from whole sheets (notes pages)
    /// or a duplex print ends on one (a blank page).
    pub(crate) pad_pages: usize,
}

/// The first day of the dated logs.
#[derive(Debug, Serialize)]
pub(crate) struct DateData {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// One printed part.
#[derive(Debug, Serialize)]
pub(crate) struct PartData<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: PartKind,
    pub(crate) title: &'a str,
    /// The chapter file, as a virtual path.
    pub(crate) file: String,
    /// Chapters are numbered among the printed chapters.
    pub(crate) number: Option<usize>,
    /// The part's printed exercises, in order.
    pub(crate) exercises: Vec<&'a str>,
    /// A counselor's own exercises, printed after the part's text.
    pub(crate) extra: Vec<&'a str>,
    /// Chapters: the week of the schedule this chapter starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) week: Option<u32>,
}

/// One of the five steps, and whether this copy teaches it.
#[derive(Debug, Serialize)]
pub(crate) struct StepData<'a> {
    pub(crate) number: u32,
    pub(crate) title: &'a str,
    pub(crate) part: &'a str,
    pub(crate) included: bool,
}

/// An exercise as the templates read it: its own fields, its number in
/// reading order, and its blocks with their field keys.
#[derive(Debug, Serialize)]
pub(crate) struct ExerciseData<'a> {
    #[serde(flatten)]
    pub(crate) exercise: &'a Exercise,
    pub(crate) number: usize,
    pub(crate) block: Vec<BlockData<'a>>,
    /// The week of the couple's schedule its chapter starts (chapters
    /// only): its dated logs start then, not all on the first day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) week: Option<u32>,
}

/// A block and the keys of its form fields.
#[derive(Debug, Serialize)]
pub(crate) struct BlockData<'a> {
    #[serde(flatten)]
    pub(crate) block: &'a Block,
    pub(crate) keys: keys::BlockKeys,
}

/// The trust and safety check and the keys of its statements (`item-03`).
#[derive(Debug, Serialize)]
pub(crate) struct ProgressData<'a> {
    #[serde(flatten)]
    pub(crate) progress: &'a crate::guide::progress::Progress,
    pub(crate) keys: Vec<String>,
}

/// The document title shown by PDF viewers and read by screen readers.
pub(crate) fn document_title(content: &Content, opts: &BuildOptions, layout: &Layout) -> String {
    use crate::settings::edition::Edition;
    match (opts.edition, opts.names_given) {
        (Edition::Counselor, true) => {
            return content.strings.get(
                "titles.facilitator-for",
                &[
                    ("title", &content.manifest.title),
                    ("couple", &content.strings.joined(&opts.names)),
                ],
            );
        }
        (Edition::Counselor, false) => {
            return content
                .strings
                .get("titles.facilitator", &[("title", &content.manifest.title)]);
        }
        (Edition::Couple, _) => {}
    }
    variant::document_title(content, opts, layout)
}

impl<'a> Data<'a> {
    /// The data of one workbook, before its images are prepared.
    pub(crate) fn new(
        content: &'a Content,
        selection: &Selection,
        opts: &BuildOptions,
        layout: &Layout,
        forms: bool,
        fonts: Fallbacks,
    ) -> Self {
        let print = &opts.print;
        let (width_mm, height_mm) = print.page_size_mm();
        let printed = |id: &str| selection.exercises.contains(id);
        let mut chapter = 0;
        // Weeks count only the chapters in this copy, so a log never
        // waits for a chapter that was left out.
        let mut next_week = 1;
        let parts = content
            .parts()
            .filter(|p| selection.parts.contains(p.id.get_ref()))
            .map(|p| {
                let number = (p.kind == PartKind::Chapter).then(|| {
                    chapter += 1;
                    chapter
                });
                let week = (p.kind == PartKind::Chapter).then_some(next_week);
                next_week += p.weeks();
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
                    week,
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
            .flat_map(|p| p.exercises.iter().map(|id| (*id, p.week)))
            .enumerate()
            .map(|(i, (id, week))| {
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
                    week,
                };
                (id, data)
            })
            .collect();
        let (key_a, key_b) = keys::partners(&opts.names);
        let mut data = Data {
            counselor: CounselorData::from(&opts.branding),
            support: SupportData::from(&opts.branding),
            contacts: Contacts::from(&opts.branding),
            title: &content.manifest.title,
            subtitle: &content.manifest.subtitle,
            couple: CoupleData {
                names: NamesData {
                    a: opts.names.a.clone(),
                    b: opts.names.b.clone(),
                    given: opts.names_given,
                    keys: PartnerKeys { a: key_a, b: key_b },
                },
                document_title: document_title(content, opts, layout),
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
                fillable: forms,
                pdf_a: print.effective_standards().iter().any(|s| {
                    matches!(
                        s,
                        crate::settings::print::Standard::A2b
                            | crate::settings::print::Standard::A2a
                    )
                }),
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
            edition: opts.edition.name(),
            lang: opts.lang,
            region: opts.region.clone(),
            progress: content.progress.as_ref().map(|progress| ProgressData {
                progress,
                keys: (0..progress.statements.get_ref().len())
                    .map(crate::guide::progress::item_key)
                    .collect(),
            }),
            couple_parts: None,
            facilitator: None,
            logo: None,
            photo: None,
            fonts,
            handout: variant::handout(content, layout),
            split: layout.split_file().map(|f| f.name()),
            volumes: None,
        };
        variant::finish(&mut data);
        if opts.edition == crate::settings::edition::Edition::Counselor
            && let Some(guide) = &content.counselor
        {
            facilitator::apply(&mut data, content, guide, selection);
        }
        data
    }

    /// The bytes of `/data.json` and `/couple.json`. The names, and the
    /// title made from them, go only in the second, so that `/data.json`
    /// is the same for every couple of a batch and Typst's memoized layout
    /// of every page that prints no name is reused. With `legacy` (a
    /// user's own templates, perhaps ejected before there was a
    /// `/couple.json`) they are in both.
    pub(crate) fn to_files(&self, legacy: bool) -> DataFiles {
        let data = DataJson {
            format: FORMAT,
            data: self,
            couple: legacy.then_some(&self.couple),
        };
        let couple = CoupleJson {
            format: FORMAT,
            couple: &self.couple,
        };
        DataFiles {
            data: serde_json::to_vec_pretty(&data).expect("data.json serialises"),
            couple: serde_json::to_vec_pretty(&couple).expect("couple.json serialises"),
        }
    }
}
