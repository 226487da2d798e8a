//! A plan: the jobs that checked settings ask for. Each job says what to
//! lay out (the book, a handout, one partner's own pages, the facilitator
//! edition), which finishing passes run on it, and where the result goes.
//! `build` (one file, three for `--split partners`, or standard output),
//! `preview`, `eject` and every row of a batch are plans over one
//! [`Project`]; nothing patches the settings to get a variant.
//!
//! New kinds of output plug in here: an HTML edition is a new [`Sink`]
//! (and an export step beside the PDF's in `run`), another language a
//! project loaded from other sources, a web app a caller that keeps the
//! bytes ([`Sink::Memory`]).

pub(crate) mod run;
mod split;
pub mod volumes;

pub(crate) use split::check as check_split;

use std::path::PathBuf;

use crate::diag::Result;
pub use crate::guide::layout::Layout;
use crate::project::Project;
use crate::settings::BuildOptions;
use crate::settings::format::Format;
use crate::settings::password::Password;
use crate::settings::split::SplitFile;

pub use run::Built;

/// One file to make.
#[derive(Debug, Clone)]
pub struct Job {
    /// What to lay out.
    pub layout: Layout,
    /// What is done to the PDF after Typst.
    pub passes: Passes,
    /// Where the result goes.
    pub sink: Sink,
}

/// The finishing passes of one PDF, in the order they run. A PDF that is
/// not imposed gets its viewer preferences (and `/Duplex` when duplex) and
/// a tidied structure tree; an imposed one is sheets for paper, with
/// neither.
#[derive(Debug, Clone, Default)]
pub struct Passes {
    /// Form fields over every write-in area (`--fillable`); the layout
    /// marks them for it too.
    pub forms: bool,
    /// Two pages a sheet for a folded booklet (`--booklet`).
    pub impose: bool,
    /// Locks the PDF (AES-256), last, so that it covers everything before.
    pub password: Option<Password>,
}

/// Where a job's result goes.
#[derive(Debug, Clone)]
pub enum Sink {
    /// A PDF file, its target checked before any layout, written whole.
    /// A booklet too thick to staple is bound as volumes (see
    /// [`volumes`]), known only once laid out: one job that writes
    /// `stem-vol1.pdf`, `stem-vol2.pdf`, … beside this path instead, all
    /// or none.
    File(PathBuf),
    /// Standard output (`-o -`), never a terminal.
    Stdout,
    /// The bytes go back to the caller (a test, a web app's response).
    Memory,
    /// PNG images of the pages of `pages` ("cover,note" or "1,3-5") at
    /// `dpi`, into the folder `dir`.
    Proofs {
        dir: PathBuf,
        pages: String,
        dpi: u32,
    },
    /// The HTML edition: one self-contained page, written whole.
    Html(PathBuf),
    /// The sources with this layout's data.json, as a plain Typst project
    /// in `dir` (`eject`); existing files are replaced only with `force`.
    Project { dir: PathBuf, force: bool },
}

/// The jobs of one command (or one batch row), written all or none.
#[derive(Debug, Clone)]
pub struct Plan {
    pub jobs: Vec<Job>,
}

impl Job {
    /// Everything the settings ask for as one PDF, kept in memory.
    pub fn whole(opts: &BuildOptions) -> Job {
        Job {
            layout: Layout::of(opts),
            passes: Passes::of(opts, None),
            sink: Sink::Memory,
        }
    }
}

impl Passes {
    /// The passes the settings ask for, for the file `split` of a split
    /// book (a partner's file is locked with that partner's own password,
    /// never the shared one, which the other partner knows).
    fn of(opts: &BuildOptions, split: Option<SplitFile>) -> Passes {
        let password = match split {
            Some(SplitFile::A) => opts.partner_passwords[0].clone(),
            Some(SplitFile::B) => opts.partner_passwords[1].clone(),
            Some(SplitFile::Shared) | None => opts.password.clone(),
        };
        Passes {
            forms: opts.print.fillable,
            impose: opts.print.booklet,
            password,
        }
    }

    /// No passes at all: the layout as Typst made it, for images and
    /// projects (form fields are made by workbook after Typst, so a plain
    /// `typst compile` of an ejected folder would be left with their
    /// placeholder links).
    fn none() -> Passes {
        Passes::default()
    }
}

impl Plan {
    /// `workbook build`: the book, the facilitator edition or a handout, to
    /// `-o` or the default file name (`-` is standard output); with
    /// `--split partners`, three files beside each other.
    pub fn new(project: &Project, opts: &BuildOptions) -> Result<Plan> {
        let target = opts.output.clone().unwrap_or_else(|| {
            PathBuf::from(crate::output::names::for_settings(opts))
                .with_extension(opts.format.extension())
        });
        Plan::to(project, opts, target)
    }

    /// The same jobs, written to `target` (a batch row's claimed name).
    pub fn to(project: &Project, opts: &BuildOptions, target: PathBuf) -> Result<Plan> {
        let html = opts.format == Format::Html;
        if html && target.as_os_str() == "-" {
            return Err(crate::diag::Error::usage(
                "-o -: the HTML edition is written to a file, not to standard output",
                Some("give a file name, for example -o workbook.html".to_string()),
            ));
        }
        // The HTML edition: the same jobs, each a page; nothing of a PDF's
        // finishing applies to it.
        let sink_for = |path: PathBuf| {
            if html {
                Sink::Html(path)
            } else {
                Sink::File(path)
            }
        };
        // A page keeps only its password (and a partner's file the
        // partner's own): the rest of a PDF's finishing means nothing there.
        let passes_for = |split| {
            let passes = Passes::of(opts, split);
            if html {
                Passes {
                    password: passes.password,
                    ..Passes::none()
                }
            } else {
                passes
            }
        };
        if opts.split.is_some() {
            split::check(opts)?;
            split::check_content(&project.content, opts)?;
            let targets = crate::output::names::split_targets(&target, &opts.names);
            let jobs = SplitFile::ALL
                .into_iter()
                .zip(targets)
                .map(|(file, path)| Job {
                    layout: Layout::Split(file),
                    passes: passes_for(Some(file)),
                    sink: sink_for(path),
                })
                .collect();
            return Ok(Plan { jobs });
        }
        let sink = if target.as_os_str() == "-" {
            Sink::Stdout
        } else {
            sink_for(target)
        };
        Ok(Plan {
            jobs: vec![Job {
                layout: Layout::of(opts),
                passes: passes_for(None),
                sink,
            }],
        })
    }

    /// `workbook preview` and `batch --preview`: PNG images of chosen
    /// pages of the book, laid out without form fields.
    pub fn proofs(opts: &BuildOptions, dir: PathBuf, pages: &str, dpi: u32) -> Plan {
        Plan {
            jobs: vec![Job {
                layout: Layout::of(opts),
                passes: Passes::none(),
                sink: Sink::Proofs {
                    dir,
                    pages: pages.to_string(),
                    dpi,
                },
            }],
        }
    }

    /// `workbook eject`: the sources and this book's data as a plain Typst
    /// project in `dir`.
    pub fn eject(opts: &BuildOptions, dir: PathBuf, force: bool) -> Plan {
        Plan {
            jobs: vec![Job {
                layout: Layout::of(opts),
                passes: Passes::none(),
                sink: Sink::Project { dir, force },
            }],
        }
    }

    /// How many of the plan's files are locked with a password.
    pub fn locked(&self) -> usize {
        self.jobs
            .iter()
            .filter(|j| j.passes.password.is_some())
            .count()
    }

    /// The files the plan writes, in order.
    pub fn files(&self) -> Vec<PathBuf> {
        self.jobs
            .iter()
            .filter_map(|j| match &j.sink {
                Sink::File(path) | Sink::Html(path) => Some(path.clone()),
                _ => None,
            })
            .collect()
    }
}
