//! The one adapter between the server and the library: every job of a
//! page runs here, through the calls the CLI makes (`load_for`,
//! `build_pdf`, the batch's worker pool, `Answers::read`), on one project
//! loaded once. When the `Project` → `Plan` → `Job` API lands (issue 27),
//! this file is the one to change.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use clap::Parser;

use super::uploads::{Form, Upload};
use crate::batch::{self, Batch, What};
use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{Error, Origin};
use crate::guide::Content;
use crate::settings::config::{self, LoadedConfig};
use crate::settings::names::PLACEHOLDER;
use crate::settings::password::{self, Givens};
use crate::settings::{BuildOptions, Environment, Given};
use crate::typeset::world::Engine;

/// The fields a form may send, by the CLI's option names: the build's
/// layout and content, never a path on this computer (`--sources`,
/// `--font-path`, `--photo`, `-o`, `-c`) or a limit.
const VALUE_FIELDS: [&str; 13] = [
    "names",
    "paper",
    "sides",
    "start-date",
    "date-order",
    "days",
    "skip",
    "only",
    "ruling",
    "edition",
    "handout",
    "split",
    "pdf-standard",
];
/// The on/off fields: `on` gives `--x`, `off` gives `--no-x`.
const SWITCHES: [&str; 3] = ["fillable", "ink-saver", "booklet"];

/// How far the client list being built is: counts only, never a name.
#[derive(Default)]
pub(crate) struct Progress {
    pub(crate) running: AtomicBool,
    /// Records of the list (rows and blank lines), and those done.
    pub(crate) total: AtomicUsize,
    pub(crate) done: AtomicUsize,
}

impl Progress {
    /// As JSON, for the page's script.
    pub(crate) fn json(&self) -> String {
        format!(
            "{{\"running\":{},\"done\":{},\"total\":{}}}",
            self.running.load(Ordering::Relaxed),
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed)
        )
    }
}

/// A file to send back.
pub(crate) struct Download {
    pub(crate) file_name: String,
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// What a client list gives: the zip, or with `check=on` every line
/// accounted for before anything is built.
pub(crate) enum Listed {
    Zip(Download),
    Checked { summary: String, lines: Vec<Line> },
}

/// One record of a checked list: its lines, and what would become of it.
pub(crate) struct Line {
    pub(crate) lines: String,
    pub(crate) what: String,
    pub(crate) fine: bool,
}

/// Why a job was refused, in the CLI's own words, and the form field at
/// fault when one is.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub(crate) field: Option<String>,
    pub(crate) message: String,
    pub(crate) hints: Vec<String>,
    /// The user's to fix (400), or ours (500).
    pub(crate) bad_input: bool,
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal {
            field: field_of(&e),
            message: e.to_string(),
            hints: e.hints(),
            bad_input: e.is_bad_input(),
        }
    }
}

impl Refusal {
    /// Without the server's private folder in the words: the user never
    /// saw that path.
    fn without(mut self, scratch: &Path) -> Self {
        let folder = format!("{}/", scratch.display());
        self.message = self.message.replace(&folder, "");
        for hint in &mut self.hints {
            *hint = hint.replace(&folder, "");
        }
        self
    }
}

/// The form field an error is about: the flag or key it names.
fn field_of(e: &Error) -> Option<String> {
    let named = |text: &str| -> Option<String> {
        let word = text.strip_prefix("--")?;
        let word: String = word
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Some(word)
    };
    match e {
        Error::Value { origin, .. } => match origin.as_ref() {
            Origin::Flag(flag) => named(flag).or_else(|| Some(flag.to_string())),
            Origin::Key { key, .. } => Some(key.clone()),
            Origin::Cell { .. } => None,
        },
        Error::Usage { message, .. } if message.starts_with("no names given") => {
            Some("names".into())
        }
        Error::Usage { message, .. } => named(message),
        Error::MissingGlyphs { field, .. } if field.contains("names") => Some("names".into()),
        Error::Image { field, .. } if field.contains("logo") => Some("logo".into()),
        _ => None,
    }
}

/// The engine and guide every build shares, and the practice's settings.
pub(crate) struct Project {
    engine: Engine,
    content: Content,
    config: Option<LoadedConfig>,
    /// Where Practice settings are saved: `-c`, else ./workbook.toml.
    pub(crate) config_path: PathBuf,
}

/// `workbook build` with no options, as clap makes it.
fn empty_args() -> BuildArgs {
    match Cli::try_parse_from(["workbook", "build"]).map(|c| c.command) {
        Ok(Command::Build(args)) => args,
        _ => unreachable!("`workbook build` parses"),
    }
}

/// The options no row or form can change, for loading and checking: the
/// placeholder names over the config.
fn base(config: Option<&LoadedConfig>, args: &BuildArgs) -> crate::diag::Result<BuildOptions> {
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
        let (engine, content) = crate::load_for(&base(config.as_ref(), &empty_args())?)?;
        Ok(Project {
            engine,
            content,
            config,
            config_path,
        })
    }

    /// The config as loaded, if there is one.
    pub(crate) fn config(&self) -> Option<&LoadedConfig> {
        self.config.as_ref()
    }

    /// Every part of the guide that may be left out, `(id, title)`, in
    /// reading order: all but the safety note, which always stays.
    pub(crate) fn parts(&self) -> Vec<(String, String)> {
        self.content
            .parts()
            .filter(|p| p.id.get_ref() != "safety")
            .map(|p| (p.id.get_ref().clone(), p.title.clone()))
            .collect()
    }

    /// The exercises that print as a handout, `(id, title)`.
    pub(crate) fn handouts(&self) -> Vec<(String, String)> {
        self.content
            .parts()
            .flat_map(|p| p.exercises.iter())
            .map(|id| id.get_ref())
            .filter(|id| crate::guide::handout::can_be_handout(&self.content, id))
            .map(|id| (id.clone(), self.content.exercises[id].title.clone()))
            .collect()
    }

    /// One build: the PDF, or for `split` a zip of the three.
    pub(crate) fn build(&self, form: &Form) -> Result<Download, Refusal> {
        let args = args_from(form, &VALUE_FIELDS)?;
        let env = Environment::read()?;
        let mut opts = BuildOptions::resolve(args, self.config.as_ref(), &env)?;
        passwords(form, &mut opts, &env)?;
        let name = crate::settings::edition::default_file_name(&opts);
        if opts.split.is_none() {
            let pdf = crate::build_pdf(&self.engine, &self.content, &opts)?;
            return Ok(Download {
                file_name: name,
                content_type: "application/pdf",
                bytes: pdf,
            });
        }
        crate::output::split::check(&opts)?;
        let targets = crate::output::split::targets(Path::new(&name), &opts);
        let pdfs = crate::output::split::build(&self.engine, &self.content, &opts)?;
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
        let mut opts = BuildOptions::resolve(args, self.config.as_ref(), &env)?;
        opts.print.fillable = false;
        let compiled = {
            let _watch = self.engine.watch();
            crate::compile(&self.engine, &self.content, &opts)?
        };
        let marks = preview::landmarks(&self.content, &opts);
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
        let args = args_from(form, &VALUE_FIELDS)?;
        let env = Environment::read()?;
        let base = base(self.config.as_ref(), &args)?;
        base.print.check_layout()?;
        if base.split.is_some() {
            crate::output::split::check(&base)?;
        }
        crate::typeset::export::pdf_standards(&base.print)?;
        let selection =
            crate::guide::select::Selection::new(&self.content, &base.skip, &base.only)?;
        self.engine
            .fonts()
            .check_printable(&self.content, &selection, &base)?;
        let logo = base
            .branding
            .logo
            .as_deref()
            .map(crate::typeset::images::prepare_logo)
            .transpose()?;
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
            engine: &self.engine,
            content: &self.content,
            logo: logo.as_ref(),
            checked_selection: (&base.skip, &base.only),
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

/// The command line a form stands for, parsed by the CLI's own clap
/// definitions: the same defaults, the same checks, the same messages.
fn args_from(form: &Form, allowed: &[&str]) -> Result<BuildArgs, Refusal> {
    let mut argv = vec!["workbook".to_string(), "build".to_string()];
    for (name, value) in &form.fields {
        let value = value.trim();
        if allowed.contains(&name.as_str()) {
            let values: Vec<&str> = if matches!(name.as_str(), "skip" | "only" | "handout") {
                value
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|v| !v.is_empty())
                    .collect()
            } else if value.is_empty() {
                vec![]
            } else {
                vec![value]
            };
            for v in values {
                argv.push(format!("--{name}={v}"));
            }
        } else if SWITCHES.contains(&name.as_str()) {
            match value {
                "on" | "yes" | "true" | "1" => argv.push(format!("--{name}")),
                "off" | "no" | "false" | "0" => argv.push(format!("--no-{name}")),
                "" => {}
                other => {
                    return Err(Refusal {
                        field: Some(name.clone()),
                        message: format!("{name} {other:?}: use on or off"),
                        hints: vec![],
                        bad_input: true,
                    });
                }
            }
        }
    }
    match Cli::try_parse_from(&argv) {
        Ok(Cli {
            command: Command::Build(args),
            ..
        }) => Ok(args),
        Ok(_) => unreachable!("the build subcommand was given"),
        Err(e) => Err(clap_refusal(&e)),
    }
}

/// A clap error as the CLI prints it, first line only, with the field.
fn clap_refusal(e: &clap::Error) -> Refusal {
    use clap::error::{ContextKind, ContextValue};
    let field = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg
            .trim_start_matches('-')
            .split([' ', '='])
            .next()
            .map(str::to_string),
        _ => None,
    };
    let text = e.render().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    Refusal {
        field,
        message,
        hints: vec![],
        bad_input: true,
    }
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

/// The list's own name, as the user's computer had it.
fn list_name(csv_path: &Path) -> String {
    csv_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every line of a checked list, and how many of each kind.
fn checked(list: &str, report: &batch::Report, scratch: &Path) -> Listed {
    let folder = format!("{}/", scratch.display());
    let (mut build, mut fix, mut blank) = (0, 0, 0);
    let mut lines = Vec::new();
    for o in &report.outcomes {
        let n = o.last - o.first + 1;
        let (what, fine) = match &o.what {
            What::Built { path, .. } => {
                build += n;
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                (format!("will be built as {name}"), true)
            }
            What::Failed { message, hint, .. } => {
                fix += n;
                let mut text = message.replace(&folder, "");
                if let Some(hint) = hint {
                    text.push_str(&format!(" ({hint})"));
                }
                (text, false)
            }
            What::Blank => {
                blank += n;
                ("blank: skipped".to_string(), true)
            }
            What::NotBuilt(_) => continue,
        };
        let range = if o.first == o.last {
            o.first.to_string()
        } else {
            format!("{} to {}", o.first, o.last)
        };
        lines.push(Line {
            lines: range,
            what,
            fine,
        });
    }
    let header = report.outcomes.first().map_or(1, |o| o.first - 1);
    let total = report.outcomes.last().map_or(header, |o| o.last);
    Listed::Checked {
        summary: format!(
            "{list}: {total} lines: {header} header, {build} to build, {fix} to fix, {blank} blank"
        ),
        lines,
    }
}

/// What became of every line, in the words of `workbook batch`'s summary.
fn summary(list: &str, report: &batch::Report) -> String {
    let (mut rows, mut built) = (0, 0);
    let (mut built_lines, mut failed_lines, mut blank_lines, mut not_built) = (0, 0, 0, 0);
    let mut failed = String::new();
    for o in &report.outcomes {
        let lines = o.last - o.first + 1;
        match &o.what {
            What::Built { .. } => {
                rows += 1;
                built += 1;
                built_lines += lines;
            }
            What::Failed { message, hint, .. } => {
                rows += 1;
                failed_lines += lines;
                failed.push_str(&format!("error: {message}\n"));
                if let Some(hint) = hint {
                    failed.push_str(&format!("hint: {hint}\n"));
                }
            }
            What::NotBuilt(_) => {
                rows += 1;
                not_built += lines;
            }
            What::Blank => blank_lines += lines,
        }
    }
    let header_lines = report.outcomes.first().map_or(1, |o| o.first - 1);
    let total = report.outcomes.last().map_or(header_lines, |o| o.last);
    let mut text = format!(
        "built {built} of {rows} workbooks\n{list}: {total} lines: {header_lines} header, {built_lines} built, {failed_lines} failed, {blank_lines} blank"
    );
    if not_built > 0 {
        text.push_str(&format!(", {not_built} not built"));
    }
    text.push('\n');
    text.push_str(&failed);
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Form {
        Form {
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            files: vec![],
        }
    }

    #[test]
    fn fields_become_the_clis_options() {
        let args = args_from(
            &form(&[
                ("names", "Ana & Ben"),
                ("paper", "letter"),
                ("skip", "apology, safety"),
                ("fillable", "off"),
                ("fillable", "on"),
                ("booklet", "off"),
                ("sources", "/etc"),
            ]),
            &VALUE_FIELDS,
        )
        .unwrap();
        assert_eq!(args.names.as_deref(), Some("Ana & Ben"));
        assert_eq!(args.skip, ["apology", "safety"]);
        assert!(args.fillable && !args.no_fillable);
        assert!(args.no_booklet);
        // Never a path on this computer from a form.
        assert_eq!(args.sources, None);
    }

    #[test]
    fn a_bad_value_names_its_field_in_the_clis_words() {
        let r = args_from(&form(&[("days", "many")]), &VALUE_FIELDS).unwrap_err();
        assert_eq!(r.field.as_deref(), Some("days"));
        assert!(
            r.message.starts_with("invalid value 'many' for '--days"),
            "{}",
            r.message
        );
        let r = args_from(&form(&[("paper", "a3")]), &VALUE_FIELDS).unwrap_err();
        assert_eq!(r.field.as_deref(), Some("paper"));
    }

    #[test]
    fn errors_point_at_their_fields() {
        let e = crate::diag::Problem::new("no such month").at(Origin::Flag("--start-date"), None);
        assert_eq!(field_of(&e).as_deref(), Some("start-date"));
        let e = Error::usage("no names given", None);
        assert_eq!(field_of(&e).as_deref(), Some("names"));
    }
}
