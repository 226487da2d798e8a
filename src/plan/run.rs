//! Running a plan: each job laid out, exported and finished in memory,
//! then written where it goes, all files or none.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;

use super::{Job, Plan, Sink};
use crate::Compiled;
use crate::data::{Data, Fallbacks};
use crate::diag::{Error, Result};
use crate::guide::Content;
use crate::messages::step;
use crate::project::Project;
use crate::settings::BuildOptions;
use crate::typeset::world::Engine;

/// What a job is laid out from besides its settings: the engine and the
/// guide, and what a project prepared once for many books.
#[derive(Clone, Copy)]
pub(crate) struct Shared<'a> {
    pub(crate) engine: &'a Engine,
    pub(crate) content: &'a Content,
    /// The practice's logo, decoded already.
    pub(crate) logo: Option<&'a Bytes>,
    /// The fonts are known to cover the guide's texts for this selection.
    pub(crate) guide_checked: bool,
}

impl<'a> Shared<'a> {
    /// An engine and a guide, with nothing prepared.
    pub(crate) fn bare(engine: &'a Engine, content: &'a Content) -> Self {
        Shared {
            engine,
            content,
            logo: None,
            guide_checked: false,
        }
    }

    /// What `project` shares with a book built with `opts`.
    pub(crate) fn of(project: &'a Project, opts: &BuildOptions) -> Self {
        Shared {
            engine: &project.engine,
            content: &project.content,
            logo: project.logo.as_ref(),
            guide_checked: project.guide_checked(opts),
        }
    }
}

/// Lays out one job: selects its parts, refuses impossible options and
/// unprintable text before any layout, prepares the images, writes
/// `data.json`, compiles (twice when a booklet or a duplex book needs
/// pages to fill its last sheet).
pub(crate) fn lay_out(with: Shared<'_>, opts: &BuildOptions, job: &Job) -> Result<Compiled> {
    let (mut data, files) = prepare(with, opts, job)?;
    let engine = with.engine;
    step("compile", || {
        let compiled = Compiled::padded(engine, &mut data, files, opts.now)?;
        // Only the couple's book is long enough to need volumes; its
        // proofs and an ejected project show the volumes too.
        if opts.print.booklet && job.layout == crate::guide::layout::Layout::Book {
            super::volumes::bind(engine, &mut data, compiled, opts.now)
        } else {
            Ok(compiled)
        }
    })
}

/// What every layout of a job starts from: its parts selected, impossible
/// options and unprintable text refused, the images prepared, its data.
fn prepare<'c>(
    with: Shared<'c>,
    opts: &BuildOptions,
    job: &Job,
) -> Result<(Data<'c>, crate::typeset::images::UserFiles)> {
    let (engine, content) = (with.engine, with.content);
    let selection = step("check", || {
        let selection = crate::guide::handout::selection(content, opts, &job.layout)?;
        if job.passes.forms {
            opts.print.check_layout()?;
        }
        crate::typeset::export::pdf_standards(&opts.print)?;
        engine
            .fonts()
            .check_printable(content, &selection, opts, with.guide_checked)?;
        Ok::<_, Error>(selection)
    })?;
    let fallbacks = Fallbacks::for_settings(&engine.fonts().book, opts);
    let mut data = Data::new(
        content,
        &selection,
        opts,
        &job.layout,
        job.passes.forms,
        fallbacks,
    );
    let files = step("images", || {
        crate::typeset::images::prepare_user_files(opts, with.logo, &mut data)
    })?;
    Ok((data, files))
}

/// Lays out one job as the HTML edition: the same data, compiled for
/// Typst's HTML target, in the page that keeps its answers on the device.
pub(crate) fn html(with: Shared<'_>, opts: &BuildOptions, job: &Job) -> Result<Vec<u8>> {
    let engine = with.engine;
    let _watch = engine.watch();
    let (data, files) = prepare(with, opts, job)?;
    let data = data.to_files(engine.user_sources());
    let stamp = crate::typeset::stamp::Stamp::new(opts.now, String::new());
    let book = step("compile", || {
        crate::typeset::html::compile(engine, &data, &files, &stamp)
    })?;
    if engine.user_sources() {
        for warning in &book.warnings {
            crate::messages::warn(warning);
        }
    }
    let title = serde_json::from_slice::<serde_json::Value>(&data.couple)
        .ok()
        .and_then(|c| c["document-title"].as_str().map(str::to_string))
        .unwrap_or_default();
    // The browser keeps a book's answers under its title and which file of
    // it this is: the same book built again finds them.
    let key = format!("{title} · {}", layout_key(&job.layout));
    let page = crate::output::html::page(&book.html, &book.marks, &key, &title);
    // Last: the lock covers the whole page.
    match &job.passes.password {
        Some(password) => step("encrypt", || {
            crate::output::html::lock::lock(
                &page,
                password,
                &crate::output::html::script_hash(),
                &with.content.strings,
                opts.lang,
            )
        })
        .map(String::into_bytes),
        None => Ok(page.into_bytes()),
    }
}

/// Lays out, exports and finishes one job, giving PDF bytes ready to
/// print: viewer preferences and form fields, or imposed on sheets for a
/// booklet; locked with a password when one is given. A booklet bound as
/// volumes gives one PDF for each, in order; anything else one PDF. A
/// fault found in a user's own templates is theirs to fix, not our bug.
pub(crate) fn pdf(with: Shared<'_>, opts: &BuildOptions, job: &Job) -> Result<Vec<Vec<u8>>> {
    let engine = with.engine;
    let user = engine.user_sources();
    // Typst cannot be cancelled: a runaway build from --sources ends the process.
    let _watch = engine.watch();
    let compiled = lay_out(with, opts, job)?;
    let marks = (job.passes.forms)
        .then(|| crate::typeset::marks::for_form(&compiled.document, user))
        .transpose()?;
    let pdf = step("export", || compiled.export(engine, &opts.print))?;
    let pdfs = if job.passes.impose {
        let blame = |e: Error| e.blame_user_sources(user, crate::pdf::booklet::BLAME);
        // The note that the booklet is not tagged, in the book's language.
        let note = with.content.strings.get("titles.booklet-subject", &[]);
        step("finish", || {
            if compiled.volumes.is_empty() {
                Ok(vec![crate::pdf::booklet::impose(&pdf, &note)?])
            } else {
                let impose = |pages| crate::pdf::booklet::impose_pages(&pdf, pages, &note);
                compiled.volumes.iter().cloned().map(impose).collect()
            }
        })
        .map_err(blame)?
    } else {
        let blame = |e: Error| e.blame_user_sources(user, crate::typeset::marks::FIELD_BLAME);
        vec![
            step("finish", || {
                crate::pdf::finish(pdf, opts.print.sides.into(), marks.as_deref())
            })
            .map_err(blame)?,
        ]
    };
    // Last: encryption covers everything the steps before added.
    match &job.passes.password {
        Some(password) => step("encrypt", || {
            pdfs.iter()
                .map(|pdf| crate::pdf::encrypt::lock(pdf, password))
                .collect()
        }),
        None => Ok(pdfs),
    }
}

/// Which file of a book a layout is, for the browser's key of its answers.
fn layout_key(layout: &crate::guide::layout::Layout) -> String {
    use crate::guide::layout::Layout;
    match layout {
        Layout::Book => "book".to_string(),
        Layout::Facilitator => "counselor".to_string(),
        Layout::Handout { ids, .. } => format!("handout {}", ids.join(" ")),
        Layout::Split(file) => format!("split {}", file.name()),
    }
}

/// The PDFs of a plan, built in memory and not yet written: one for each
/// job, or one for each volume of a booklet bound as volumes.
pub struct Built<'a> {
    files: Vec<(&'a Job, Vec<Vec<u8>>)>,
}

impl Plan {
    /// Checks every target of the plan before any layout, so a bad one
    /// costs no time: like a PDF's each file (none of them one of
    /// `inputs`, the files this build reads), and standard output.
    pub fn check_targets(&self, inputs: &[&Path]) -> Result<()> {
        for job in &self.jobs {
            match &job.sink {
                Sink::File(path) => {
                    crate::output::check_pdf_target(path, inputs)?;
                    // A booklet may be written as volumes beside it.
                    if job.passes.impose {
                        for volume in
                            crate::output::names::volume_targets(path, super::volumes::MAX_VOLUMES)
                        {
                            crate::output::check_pdf_target(&volume, inputs)?;
                        }
                    }
                }
                Sink::Html(path) => crate::output::check_html_target(path, inputs)?,
                Sink::Stdout => crate::output::stdout::check()?,
                Sink::Memory | Sink::Proofs { .. } | Sink::Project { .. } => {}
            }
        }
        Ok(())
    }

    /// Lays out, exports and finishes every PDF of the plan, in memory.
    pub fn build<'a>(&'a self, project: &Project, opts: &BuildOptions) -> Result<Built<'a>> {
        let files = self
            .jobs
            .iter()
            .map(|job| {
                let with = Shared::of(project, opts);
                let bytes = match job.sink {
                    Sink::Html(_) => vec![html(with, opts, job)?],
                    _ => pdf(with, opts, job)?,
                };
                Ok((job, bytes))
            })
            .collect::<Result<_>>()?;
        Ok(Built { files })
    }

    /// Runs the plan: its PDFs built, then written all or none; or its
    /// proof images drawn, or its project written. Returns the files
    /// written.
    pub fn run(&self, project: &Project, opts: &BuildOptions) -> Result<Vec<PathBuf>> {
        if let [job] = self.jobs.as_slice() {
            match &job.sink {
                Sink::Proofs { dir, pages, dpi } => {
                    return proofs(project, opts, job, dir, pages, *dpi);
                }
                Sink::Project { dir, force } => return eject(project, opts, job, dir, *force),
                _ => {}
            }
        }
        self.build(project, opts)?.write()
    }
}

impl Built<'_> {
    /// Writes the PDFs where their jobs say: one file atomically, several
    /// all or none; standard output in pieces. Returns the files written.
    pub fn write(self) -> Result<Vec<PathBuf>> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        for (job, mut pdfs) in self.files {
            match &job.sink {
                // One page: the HTML edition has no volumes.
                Sink::Html(path) => files.extend(pdfs.drain(..).map(|page| (path.clone(), page))),
                Sink::File(path) if pdfs.len() == 1 => files.push((path.clone(), pdfs.remove(0))),
                // A booklet bound as volumes: `book-vol1.pdf`, `book-vol2.pdf`, …
                Sink::File(path) => {
                    let names = crate::output::names::volume_targets(path, pdfs.len());
                    files.extend(names.into_iter().zip(pdfs));
                }
                Sink::Stdout => match pdfs.as_slice() {
                    [pdf] => crate::output::stdout::write(pdf)?,
                    _ => return Err(volumes_to_stdout(pdfs.len())),
                },
                Sink::Memory | Sink::Proofs { .. } | Sink::Project { .. } => {}
            }
        }
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        match files.as_slice() {
            [] => {}
            [(path, pdf)] => step("write", || crate::output::write_atomic(path, pdf))?,
            _ => {
                let pdfs: Vec<Vec<u8>> = files.into_iter().map(|(_, pdf)| pdf).collect();
                step("write", || crate::output::files::write(&paths, &pdfs))?;
            }
        }
        Ok(paths)
    }

    /// The PDFs' bytes, in the plan's order, each volume of a booklet in
    /// turn (for a caller that keeps them).
    pub fn into_bytes(self) -> Vec<Vec<u8>> {
        self.files.into_iter().flat_map(|(_, pdfs)| pdfs).collect()
    }
}

/// A booklet bound as volumes is several files; standard output holds one.
fn volumes_to_stdout(count: usize) -> Error {
    Error::usage(
        format!(
            "--booklet: this booklet is bound as {count} volumes of at most {} sheets, so that each staples, and standard output (-o -) holds only one file",
            super::volumes::MAX_SHEETS
        ),
        Some(
            "give -o a file name, used as a stem: -o book.pdf writes book-vol1.pdf, book-vol2.pdf, …"
                .to_string(),
        ),
    )
}

/// Draws the chosen pages as PNG files into `dir`, made when missing.
fn proofs(
    project: &Project,
    opts: &BuildOptions,
    job: &Job,
    dir: &Path,
    pages: &str,
    dpi: u32,
) -> Result<Vec<PathBuf>> {
    // The same watch as a build: --time-limit and --memory-limit hold for
    // a user's --sources here too.
    let compiled = {
        let _watch = project.engine.watch();
        lay_out(Shared::of(project, opts), opts, job)?
    };
    // Made only now: bad options or a failed layout leave no empty folder.
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::usage(
            format!("-o {}: cannot create the folder ({e})", dir.display()),
            Some("choose a folder you can write to".to_string()),
        )
    })?;
    crate::output::proofs::write(&compiled, &project.content, opts, pages, dpi, dir)
}

/// Writes the sources, this layout's `data.json` and `couple.json` and the
/// couple's prepared images into `dir` as a plain Typst project.
fn eject(
    project: &Project,
    opts: &BuildOptions,
    job: &Job,
    dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>> {
    let compiled = lay_out(Shared::of(project, opts), opts, job)?;
    let mut files = crate::sources::Sources::default();
    for (path, bytes) in project.engine.sources().iter() {
        files.insert(path, bytes.to_vec());
    }
    files.insert(crate::typeset::world::DATA, compiled.data.data.clone());
    files.insert(crate::typeset::world::COUPLE, compiled.data.couple.clone());
    for (path, bytes) in &compiled.files {
        files.insert(path, bytes.to_vec());
    }
    files.insert(
        "/README.md",
        crate::output::eject::README.as_bytes().to_vec(),
    );
    crate::output::eject::write(&files, dir, force)
}
