//! `workbook batch`: one workbook per CSV row, built in parallel on one
//! shared engine, with every bad row reported by its line and the others
//! still built.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;

use crate::cli::BuildArgs;
use crate::config::LoadedConfig;
use crate::content::Content;
use crate::error::{Error, Result};
use crate::options::BuildOptions;
use crate::world::Engine;

/// The columns a CSV may have, by lower-case header.
pub const COLUMNS: &[&str] = &[
    "names",
    "output",
    "start-date",
    "days",
    "paper",
    "sides",
    "photo",
    "note",
    "skip",
];
/// Rows waiting for a worker; the reader blocks beyond this, so memory
/// stays flat however long the file is.
const QUEUE: usize = 64;
/// comemo's caches grow with every couple: after each build, drop what the
/// last two builds did not use. The templates' results are used by every
/// build and stay; one couple's layout goes.
const EVICT_AGE: usize = 2;
/// The longest cell we take; a note has its own, smaller cap.
const MAX_CELL: usize = 2000;
const MAX_NOTE: usize = 1200;

/// One row, read and not yet built.
struct Row {
    line: u64,
    cells: Vec<String>,
}

/// What happened to one row.
pub enum Outcome {
    Built { line: u64, path: PathBuf },
    Failed { line: u64, reason: String },
}

/// The CSV's header: which column holds which field.
pub struct Header {
    index: Vec<(String, usize)>,
}

impl Header {
    fn get<'a>(&self, cells: &'a [String], field: &str) -> Option<&'a str> {
        let (_, i) = self.index.iter().find(|(f, _)| f == field)?;
        cells.get(*i).map(|c| c.trim()).filter(|c| !c.is_empty())
    }
}

/// Reads and checks the header row: unknown, repeated or missing columns
/// stop the batch before anything is built.
pub fn read_header(path: &Path, reader: &mut csv::Reader<std::fs::File>) -> Result<Header> {
    let bad = |message: String, hint: Option<String>| Error::Usage {
        message: format!("{}:1: {message}", path.display()),
        hint,
    };
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("cannot read the header row ({e})"), None))?
        .clone();
    let mut index = Vec::new();
    for (i, raw) in headers.iter().enumerate() {
        let name = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        if !COLUMNS.contains(&name.as_str()) {
            let closest = COLUMNS
                .iter()
                .map(|c| (strsim::jaro_winkler(&name, c), c))
                .filter(|(s, _)| *s > 0.75)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(bad(
                format!("unknown column {raw:?}"),
                Some(format!("{closest}the columns are {}", COLUMNS.join(", "))),
            ));
        }
        if index.iter().any(|(f, _)| *f == name) {
            return Err(bad(format!("the column {name:?} appears twice"), None));
        }
        index.push((name, i));
    }
    if !index.iter().any(|(f, _)| f == "names") {
        return Err(bad(
            "the header has no `names` column".into(),
            Some("the first row names the columns, e.g. names,start-date,paper".into()),
        ));
    }
    Ok(Header { index })
}

/// Turns one row into build options over the batch's shared flags and config.
fn row_options(
    header: &Header,
    row: &Row,
    shared: &BuildArgs,
    config: Option<&LoadedConfig>,
    csv_dir: &Path,
) -> Result<BuildOptions> {
    if let Some(long) = row.cells.iter().find(|c| c.chars().count() > MAX_CELL) {
        return Err(Error::usage(
            format!(
                "a cell has {} characters; at most {MAX_CELL}",
                long.chars().count()
            ),
            None,
        ));
    }
    let mut args = shared.clone();
    let cell = |f| header.get(&row.cells, f).map(str::to_string);
    args.names = cell("names").or(args.names.take());
    if args.names.is_none() {
        return Err(Error::usage("the names cell is empty", None));
    }
    if let Some(d) = cell("start-date") {
        args.start_date = Some(d);
    }
    if let Some(d) = cell("days") {
        args.days = Some(
            d.parse()
                .map_err(|_| Error::usage(format!("days {d:?} is not a whole number"), None))?,
        );
    }
    if let Some(p) = cell("paper") {
        args.paper = Some(clap::ValueEnum::from_str(&p, true).map_err(|_| {
            Error::usage(format!("paper {p:?}: use a4, letter or universal"), None)
        })?);
    }
    if let Some(s) = cell("sides") {
        args.sides = Some(
            clap::ValueEnum::from_str(&s, true)
                .map_err(|_| Error::usage(format!("sides {s:?}: use single or duplex"), None))?,
        );
    }
    if let Some(p) = cell("photo") {
        args.photo = Some(csv_dir.join(p));
    }
    if let Some(s) = cell("skip") {
        args.skip = s
            .split([';', ' '])
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut opts = BuildOptions::resolve(args, config)?;
    if let Some(note) = cell("note") {
        let count = note.chars().count();
        if count > MAX_NOTE {
            return Err(Error::usage(
                format!("note has {count} characters; at most {MAX_NOTE} fit its page"),
                None,
            ));
        }
        if let Some(c) = note
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\r')
        {
            return Err(Error::usage(
                format!("note contains the control character U+{:04X}", c as u32),
                None,
            ));
        }
        opts.branding.note = Some(note);
    }
    Ok(opts)
}

/// Chooses a file name in `out_dir` that no earlier row of this run took.
fn output_path(
    out_dir: &Path,
    wanted: Option<&str>,
    opts: &BuildOptions,
    taken: &Mutex<HashSet<String>>,
) -> Result<PathBuf> {
    let name = match wanted {
        Some(w) => {
            let file = Path::new(w);
            if file.components().count() != 1 || w.starts_with('.') || !is_portable_name(w) {
                return Err(Error::usage(
                    format!("output {w:?} must be a plain file name inside the output folder"),
                    None,
                ));
            }
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            {
                w.to_string()
            } else {
                format!("{w}.pdf")
            }
        }
        None => crate::output::default_file_name(&opts.names),
    };
    let mut taken = taken.lock().expect("no worker panics while holding it");
    let stem = name.trim_end_matches(".pdf").to_string();
    let mut candidate = name.clone();
    let mut n = 2;
    // Compared without case: "X.pdf" and "x.pdf" are one file on many disks.
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}.pdf");
        n += 1;
    }
    taken.insert(candidate.to_lowercase());
    Ok(out_dir.join(candidate))
}

/// A file name that works on Windows, macOS and Linux.
fn is_portable_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit());
    !reserved
        && !name
            .chars()
            .any(|c| c.is_control() || "\\/:*?\"<>|".contains(c))
}

/// Builds every row; `report` sees each outcome as it happens.
#[allow(clippy::too_many_arguments)]
pub fn run_rows(
    csv_path: &Path,
    reader: csv::Reader<std::fs::File>,
    header: &Header,
    shared: &BuildArgs,
    config: Option<&LoadedConfig>,
    engine: &Engine,
    content: &Content,
    out_dir: &Path,
    jobs: usize,
    mut report: impl FnMut(&Outcome),
) -> Vec<Outcome> {
    let csv_dir = csv_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let taken: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let (job_tx, job_rx) = mpsc::sync_channel::<Row>(QUEUE);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Outcome>();
    let mut outcomes = Vec::new();
    std::thread::scope(|scope| {
        let done_for_reader = done_tx.clone();
        scope.spawn(move || {
            let mut reader = reader;
            let mut record = csv::StringRecord::new();
            let mut lines = LineCounter::new(csv_path);
            loop {
                let line = lines.line_at(reader.position().byte() + 1);
                match reader.read_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line = record
                            .position()
                            .map(|p| lines.line_at(p.byte() + 1))
                            .unwrap_or(line);
                        let row = Row {
                            line,
                            cells: record.iter().map(str::to_string).collect(),
                        };
                        if job_tx.send(row).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let line = e
                            .position()
                            .map(|p| lines.line_at(p.byte() + 1))
                            .unwrap_or(line);
                        let _ = done_for_reader.send(Outcome::Failed {
                            line,
                            reason: format!("cannot read this row ({e})"),
                        });
                        if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                            break;
                        }
                    }
                }
            }
        });
        for _ in 0..jobs.max(1) {
            let done_tx = done_tx.clone();
            let (job_rx, taken, csv_dir) = (&job_rx, &taken, &csv_dir);
            scope.spawn(move || {
                loop {
                    let row = match job_rx
                        .lock()
                        .expect("no worker panics while holding it")
                        .recv()
                    {
                        Ok(row) => row,
                        Err(_) => break,
                    };
                    let result =
                        row_options(header, &row, shared, config, csv_dir).and_then(|opts| {
                            let path = output_path(
                                out_dir,
                                header.get(&row.cells, "output"),
                                &opts,
                                taken,
                            )?;
                            crate::output::check_pdf_target(&path, &[csv_path])?;
                            let pdf = crate::build_pdf(engine, content, &opts)?;
                            crate::output::write_atomic(&path, &pdf)?;
                            Ok(path)
                        });
                    comemo::evict(EVICT_AGE);
                    let outcome = match result {
                        Ok(path) => Outcome::Built {
                            line: row.line,
                            path,
                        },
                        // A row's cells stand where flags would: name the column, not the flag.
                        Err(e) => Outcome::Failed {
                            line: row.line,
                            reason: e.to_string().trim_start_matches("--").to_string(),
                        },
                    };
                    if done_tx.send(outcome).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        for outcome in done_rx {
            report(&outcome);
            outcomes.push(outcome);
        }
    });
    outcomes.sort_by_key(|o| match o {
        Outcome::Built { line, .. } | Outcome::Failed { line, .. } => *line,
    });
    outcomes
}

/// A progress bar on a terminal, plain lines otherwise.
pub fn reporter(csv_path: &Path) -> impl FnMut(&Outcome) {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} workbooks {msg}")
                .expect("a valid template"),
        );
        bar
    });
    let csv = csv_path.display().to_string();
    move |outcome| match (outcome, &bar) {
        (Outcome::Built { path, .. }, Some(bar)) => {
            bar.inc(1);
            bar.set_message(path.display().to_string());
        }
        (Outcome::Built { path, line }, None) => {
            eprintln!("built {} (line {line})", path.display())
        }
        (Outcome::Failed { line, reason }, Some(bar)) => {
            bar.println(format!("error: {csv}:{line}: {reason}"))
        }
        (Outcome::Failed { line, reason }, None) => eprintln!("error: {csv}:{line}: {reason}"),
    }
}

/// Line numbers from byte offsets, by a second sequential read of the file.
/// The csv crate's own line count is one short with Windows (CRLF) line
/// endings; byte offsets are exact for any ending.
struct LineCounter {
    reader: Option<std::io::BufReader<std::fs::File>>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    fn new(path: &Path) -> Self {
        LineCounter {
            reader: std::fs::File::open(path).ok().map(std::io::BufReader::new),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the byte before `end`, counting newlines up to
    /// `end` (exclusive); offsets must not go backwards. With CRLF endings
    /// csv puts a record's start on the `\n` of the line before, so callers
    /// pass the record's byte + 1 to count that newline too.
    fn line_at(&mut self, byte: u64) -> u64 {
        use std::io::BufRead;
        while self.offset < byte {
            let Some(reader) = self.reader.as_mut() else {
                break;
            };
            let Ok(buf) = reader.fill_buf() else { break };
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((byte - self.offset) as usize);
            self.line += buf[..take].iter().filter(|&&b| b == b'\n').count() as u64;
            reader.consume(take);
            self.offset += take as u64;
        }
        self.line
    }
}
