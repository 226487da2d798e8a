//! The one adapter between the server and the library: every job of a
//! page runs here, through the calls the CLI makes (a [`Plan`] over a
//! [`crate::Project`] loaded once a language, the batch's worker pool,
//! `Answers::read`), its results kept in memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::form::{Refusal, VALUE_FIELDS, args_from, empty_args};
use super::report::{Listed, Progress, checked, list_name, summary};
use super::uploads::{Form, Upload};
use crate::batch::{self, Batch, What};
use crate::diag::{Error, Origin};
use crate::plan::Plan;
use crate::settings::Flags;
use crate::settings::config::{self, LoadedConfig};
use crate::settings::names::PLACEHOLDER;
use crate::settings::password::{self, Givens};
use crate::settings::{BuildOptions, Environment, Given};

/// A file to send back.
pub(crate) struct Download {
    pub(crate) file_name: String,
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// The library's projects every build shares (the server's language's,
/// loaded at the start, and another the first time a form asks for its
/// language), and the practice's settings.
pub(crate) struct Project {
    projects: crate::Projects,
    config: Option<LoadedConfig>,
    /// Where Practice settings are saved: `-c`, else ./workbook.toml.
    pub(crate) config_path: PathBuf,
}

/// The options no row or form can change, for loading and checking: the
/// placeholder names over the config.
fn base(config: Option<&LoadedConfig>, args: &Flags) -> crate::diag::Result<BuildOptions> {
    let mut probe = args.clone();
    probe.names = Some(PLACEHOLDER.to_string());
    BuildOptions::resolve(probe, config, &Environment::read()?)
}

impl Project {
    /// Loads the config (`-c`, or ./workbook.toml when there is one) and
    /// the sources, fonts and extra exercises it names, once.
    pub(crate) fn load(explicit: Option<&Path>) -> crate::diag::Result<Self> {
        let config = config::load(explicit)?;
        let config_path = explicit
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(config::DEFAULT_FILE));
        let base = base(config.as_ref(), &empty_args().into())?;
        let projects = crate::Projects::new(crate::Project::load(&base)?, base, false);
        Ok(Project {
            projects,
            config,
            config_path,
        })
    }

    /// The server's language: workbook.toml's `lang`, else English. A
    /// form's `lang` field may ask for another.
    pub(crate) fn lang(&self) -> &'static str {
        self.projects.first_lang()
    }

    /// The config as loaded, if there is one.
    pub(crate) fn config(&self) -> Option<&LoadedConfig> {
        self.config.as_ref()
    }

    /// Every part of the guide that may be left out, `(id, title)`, in
    /// reading order: all but the safety note, which always stays.
    pub(crate) fn parts(&self) -> Vec<(String, String)> {
        self.projects
            .first()
            .content
            .parts()
            .filter(|p| p.id.get_ref() != "safety")
            .map(|p| (p.id.get_ref().clone(), p.title.clone()))
            .collect()
    }

    /// The exercises that print as a handout, `(id, title)`.
    pub(crate) fn handouts(&self) -> Vec<(String, String)> {
        let content = &self.projects.first().content;
        content
            .parts()
            .flat_map(|p| p.exercises.iter())
            .map(|id| id.get_ref())
            .filter(|id| crate::guide::handout::can_be_handout(content, id))
            .map(|id| (id.clone(), content.exercises[id].title.clone()))
            .collect()
    }

    /// One build: the PDF, or for `split` a zip of the three.
    pub(crate) fn build(&self, form: &Form) -> Result<Download, Refusal> {
        let args = args_from(form, &VALUE_FIELDS)?;
        let env = Environment::read()?;
        let mut opts = BuildOptions::resolve(args, self.config.as_ref(), &env)?;
        passwords(form, &mut opts, &env)?;
        let name = crate::output::names::for_settings(&opts);
        // The plan the CLI would make for a file of that name; its bytes
        // stay here, for the response.
        let project = self.projects.get(opts.lang)?;
        let plan = Plan::to(project, &opts, PathBuf::from(&name))?;
        let targets = plan.files();
        let mut pdfs = plan.build(project, &opts)?.into_bytes();
        if opts.split.is_none() {
            return Ok(Download {
                file_name: name,
                content_type: "application/pdf",
                bytes: pdfs.remove(0),
            });
        }
        let files = targets
            .iter()
            .zip(pdfs)
            .map(|(t, pdf)| (t.to_string_lossy().into_owned(), pdf))
            .collect();
        Ok(Download {
            file_name: name.replace(".pdf", ".zip"),
            content_type: "application/zip",
            bytes: zip(files).map_err(|e| Refusal::from(Error::internal(e.to_string())))?,
        })
    }

    /// Proof images of the book this form asks for, as `workbook preview`
    /// draws them: the cover, the welcome note, the safety page and the
    /// support list, `(name, PNG)`, at 60 dots per inch.
    pub(crate) fn proofs(&self, form: &Form) -> Result<Vec<(String, Vec<u8>)>, Refusal> {
        use crate::typeset::preview;
        let args = args_from(form, &VALUE_FIELDS)?;
        let env = Environment::read()?;
        let opts = BuildOptions::resolve(args, self.config.as_ref(), &env)?;
        // Laid out as `workbook preview` lays it out: no form fields.
        let plan = Plan::proofs(&opts, PathBuf::new(), preview::DEFAULT_PAGES, 60);
        let project = self.projects.get(opts.lang)?;
        let compiled = {
            let _watch = project.engine.watch();
            crate::plan::run::lay_out(
                crate::plan::run::Shared::of(project, &opts),
                &opts,
                &plan.jobs[0],
            )?
        };
        let marks = preview::landmarks(&project.content, &opts);
        let (wanted, _) = preview::pages(&compiled.document, preview::DEFAULT_PAGES, &marks)?;
        let mut out = Vec::new();
        for page in wanted {
            out.push((page.name, preview::png(&compiled.document, page.index, 60)?));
        }
        Ok(out)
    }

    /// `workbook batch` on an uploaded client list, in `scratch` (a private
    /// folder the caller removes): a zip of the PDFs, the failed rows'
    /// file, and the summary. `progress` counts the records done.
    pub(crate) fn batch(
        &self,
        form: &Form,
        scratch: &Path,
        progress: &Progress,
    ) -> Result<Listed, Refusal> {
        progress.done.store(0, Ordering::Relaxed);
        progress.total.store(0, Ordering::Relaxed);
        progress.running.store(true, Ordering::Relaxed);
        let out = self.batch_in(form, scratch, progress);
        progress.running.store(false, Ordering::Relaxed);
        out.map_err(|r| r.without(scratch))
    }

    fn batch_in(
        &self,
        form: &Form,
        scratch: &Path,
        progress: &Progress,
    ) -> Result<Listed, Refusal> {
        for (field, why) in [
            (
                "names",
                "each couple's names come from the list's names column",
            ),
            (
                "handout",
                "a client list builds whole workbooks, one per row",
            ),
        ] {
            if form.get(field).is_some() {
                return Err(Refusal::from(Error::usage(
                    format!("--{field}: `workbook batch` does not take it: {why}"),
                    None,
                )));
            }
        }
        let list = form.file("csv").ok_or_else(|| Refusal {
            field: Some("csv".into()),
            message: "choose the client list to upload".into(),
            hints: vec!["a CSV file, or an .xlsx or .ods spreadsheet, with a header row".into()],
            bad_input: true,
        })?;
        let csv_path = save(scratch, list, "clients.csv")?;
        let (decoded, sheet_column) = match crate::batch::sheet::kind(&csv_path) {
            Some(kind) => {
                let (decoded, column) =
                    crate::batch::sheet::read(&csv_path, kind, form.get("sheet"))?;
                (decoded, Some(column))
            }
            None => (crate::batch::read::read_file(&csv_path)?, None),
        };
        let delimiter = crate::batch::read::delimiter(&decoded.text);
        let mut records = crate::batch::read::Records::new(
            &decoded,
            delimiter,
            crate::settings::branding::cap("note"),
        );
        let mut header = batch::header_of(&csv_path, &mut records)?;
        header.sheet_column = sheet_column;
        // What no row can change is checked once, before any row, as the
        // CLI's batch does.
        let args: Flags = args_from(form, &VALUE_FIELDS)?.into();
        let env = Environment::read()?;
        let base = base(self.config.as_ref(), &args)?;
        base.print.check_layout()?;
        if base.split.is_some() {
            crate::plan::check_split(&base)?;
        }
        crate::typeset::export::pdf_standards(&base.print)?;
        // The logo decoded and the fonts checked once, for every row, as
        // the CLI's batch does, on projects of the batch's own: one in the
        // form's language now, another when a row's `lang` asks for it.
        let mut project = crate::Project::load(&base)?;
        project.prepare(&base)?;
        let projects = crate::Projects::new(project, base, true);
        let out_dir = scratch.join("out");
        std::fs::create_dir(&out_dir).map_err(|source| Error::Io {
            path: out_dir.clone(),
            source,
        })?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let run = Batch {
            csv_path: &csv_path,
            header: &header,
            shared: &args,
            config: self.config.as_ref(),
            env: &env,
            projects: &projects,
            out_dir: &out_dir,
            jobs: (cores / 2).max(1),
        };
        if form.get("check") == Some("on") {
            return Ok(checked(&list_name(&csv_path), &run.check(records), scratch));
        }
        // Counting first is cheap (the list is in memory), as in the CLI.
        progress
            .total
            .store(records.clone().count(), Ordering::Relaxed);
        let report = run.run(records, |_| {
            progress.done.fetch_add(1, Ordering::Relaxed);
        });
        let to_fix: Vec<&batch::Outcome> = report
            .outcomes
            .iter()
            .filter(|o| matches!(o.what, What::Failed { .. } | What::NotBuilt(_)))
            .collect();
        let list_name = list_name(&csv_path);
        if !to_fix.is_empty() {
            let failed = out_dir.join(batch::failed::file_name(&csv_path));
            batch::failed::write(&failed, &header, &to_fix, delimiter).map_err(|source| {
                Error::Io {
                    path: failed.clone(),
                    source,
                }
            })?;
        }
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&out_dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Refusal::from(Error::internal(e.to_string())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&out_dir)
                .map_err(|e| Refusal::from(Error::internal(e.to_string())))?
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(entry.path()).map_err(|source| Error::Io {
                path: entry.path().to_path_buf(),
                source,
            })?;
            files.push((name, bytes));
        }
        let summary = summary(&list_name, &report).replace(&format!("{}/", scratch.display()), "");
        files.push(("summary.txt".into(), summary.into_bytes()));
        let stem = Path::new(&list_name)
            .file_stem()
            .map_or("clients".into(), |s| s.to_string_lossy().into_owned());
        Ok(Listed::Zip(Download {
            file_name: format!("workbooks-{stem}.zip"),
            content_type: "application/zip",
            bytes: zip(files).map_err(|e| Refusal::from(Error::internal(e.to_string())))?,
        }))
    }

    /// Reloads nothing: the caller makes a new project after a save.
    /// Checks the practice settings of `form` as the CLI would read them
    /// from workbook.toml, and saves them there when all are good.
    pub(crate) fn save_settings(&self, form: &Form, scratch: &Path) -> Result<(), Vec<Refusal>> {
        super::settings::save(self, form, scratch)
    }
}

/// Saves an upload in `scratch` under its own name (or `fallback`),
/// keeping its extension: a spreadsheet is known by it.
pub(crate) fn save(scratch: &Path, upload: &Upload, fallback: &str) -> Result<PathBuf, Refusal> {
    let name = if upload.file_name.is_empty() {
        fallback
    } else {
        &upload.file_name
    };
    let path = scratch.join(name);
    std::fs::write(&path, &upload.bytes).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// The passwords typed into the form, chosen and checked as the CLI
/// chooses those of `--password-file` and its partner files.
fn passwords(form: &Form, opts: &mut BuildOptions, env: &Environment) -> Result<(), Refusal> {
    let given = |field: &'static str| {
        form.get(field).map(|v| Given {
            value: v.to_string(),
            origin: Origin::Flag(field),
        })
    };
    let (shared, a, b) = (
        given("password"),
        given("partner1-password"),
        given("partner2-password"),
    );
    if shared.is_none() && a.is_none() && b.is_none() {
        return Ok(());
    }
    let (password, partners) = password::choose(
        Givens {
            shared: [shared, None],
            partners: [[a, None], [b, None]],
        },
        env.password.as_ref(),
        opts.split.is_some(),
    )?;
    opts.password = password;
    opts.partner_passwords = partners;
    Ok(())
}

/// A zip of `(name, bytes)`, compressed (PDFs shrink little; the CSV
/// and the summary do).
pub(crate) fn zip(files: Vec<(String, Vec<u8>)>) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time: the same files give the same zip.
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The answers of a filled PDF: read, in `format` (md, csv, json).
pub(crate) fn answers(form: &Form) -> Result<(crate::answers::Answers, String), Refusal> {
    let file = form.file("file").ok_or_else(|| Refusal {
        field: Some("file".into()),
        message: "choose the filled-in PDF to upload".into(),
        hints: vec![],
        bad_input: true,
    })?;
    let name = if file.file_name.is_empty() {
        "the file".to_string()
    } else {
        file.file_name.clone()
    };
    let bad = |reason: &str, hint: &str| Refusal {
        field: Some("file".into()),
        message: format!("{name}: {reason}"),
        hints: vec![hint.to_string()],
        bad_input: true,
    };
    if !file.bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(bad(
            "it is not a PDF",
            "give the filled-in workbook, a file ending in .pdf",
        ));
    }
    let password = form
        .get("password")
        .map(|v| password::check_at(v, &Origin::Flag("password")))
        .transpose()?;
    let answers = crate::answers::Answers::read(&file.bytes, password.as_ref()).map_err(|e| {
        let mut r = Refusal::from(e);
        r.message = format!("{name}: {}", r.message);
        r.field = Some("file".into());
        r
    })?;
    Ok((answers, name))
}
