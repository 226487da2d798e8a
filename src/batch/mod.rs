//! `workbook batch`: one workbook per CSV row, built in parallel on one
//! shared engine, with every bad row reported by its line, every line of
//! the file accounted for, and the others still built.

pub(crate) mod failed;
mod header;
pub(crate) mod read;
mod row;
pub(crate) mod sheet;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

pub(crate) use header::{Header, read_header};
use read::{Kind, Records};
use row::{Row, claim};

use crate::diag::{Error, Origin, Result};
use crate::plan::Plan;
use crate::project::Projects;
use crate::settings::config::LoadedConfig;
use crate::settings::{BuildOptions, Environment};

/// Rows waiting for a worker; the reader blocks beyond this, so the
/// rows' settings are not all made at once.
const QUEUE: usize = 64;

/// What happened to the lines `first..=last` of the file.
pub(crate) struct Outcome {
    pub(crate) first: u64,
    pub(crate) last: u64,
    pub(crate) what: What,
}

/// What became of one record.
pub(crate) enum What {
    /// Written to `path` (a split row's shared book; its partner files
    /// beside it), with how many of its files are locked with a password.
    Built { path: PathBuf, locked: usize },
    /// `message` names the file and line (and the cell, when one is at
    /// fault); `cells` go to `failed.csv`.
    Failed {
        message: String,
        hint: Option<String>,
        cells: Vec<String>,
        /// A record whose quotes were broken: which cell is which is not
        /// known, so `failed.csv` keeps none that may hold a password.
        unmapped: bool,
    },
    /// Nothing but delimiters and spaces.
    Blank,
    /// Not tried: the batch stopped before it (a full disk).
    NotBuilt(Vec<String>),
}

/// Every outcome, in line order, and why the batch stopped early, if it did.
pub(crate) struct Report {
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) stopped: Option<String>,
}

/// A row ready to build: its settings, and every file it will write,
/// claimed in line order before any row is built.
struct Ready {
    row: Row,
    opts: BuildOptions,
    /// Its files: the shared book (or the only file) first, then a split
    /// row's partner files.
    plan: Plan,
}

/// What every row of a batch shares.
pub(crate) struct Batch<'a> {
    pub(crate) csv_path: &'a Path,
    pub(crate) header: &'a Header,
    /// The command line's settings, under each row's cells.
    pub(crate) shared: &'a crate::settings::Flags,
    pub(crate) config: Option<&'a LoadedConfig>,
    pub(crate) env: &'a Environment,
    /// The guide, the engine, and what was done once for every row (the
    /// logo decoded, the fonts checked over the guide's texts), a project
    /// a language: the batch's own, and another when a row's `lang` cell
    /// first asks for it.
    pub(crate) projects: &'a Projects,
    pub(crate) out_dir: &'a Path,
    pub(crate) jobs: usize,
}

/// What the workers share while the batch runs.
struct Running {
    /// Set by the first write that finds the disk full: no row after it
    /// is tried, so one clear error replaces a failure for every row.
    stopped: OnceLock<String>,
    written: AtomicU64,
}

impl Batch<'_> {
    /// Builds every row of `records` (the header already read); `report`
    /// sees each event as it happens. Returns when every record is
    /// accounted for, whatever stderr does and whatever a row does.
    pub(crate) fn run(&self, records: Records<'_>, mut report: impl FnMut(&Outcome)) -> Report {
        let running = Running {
            stopped: OnceLock::new(),
            written: AtomicU64::new(0),
        };
        let (job_tx, job_rx) = mpsc::sync_channel::<Ready>(QUEUE);
        // Each worker holds the receiver: when the last one is gone it is
        // dropped, and the reader's next send fails instead of blocking.
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = mpsc::channel::<Outcome>();
        let mut outcomes = Vec::new();
        std::thread::scope(|scope| {
            let done = done_tx.clone();
            let running = &running;
            scope.spawn(move || self.read_rows(records, &job_tx, &done, running));
            for _ in 0..self.jobs.max(1) {
                let (done, job_rx) = (done_tx.clone(), Arc::clone(&job_rx));
                scope.spawn(move || self.work(&job_rx, &done, running));
            }
            drop((done_tx, job_rx));
            for outcome in done_rx {
                report(&outcome);
                outcomes.push(outcome);
            }
        });
        outcomes.sort_by_key(|o| o.first);
        Report {
            outcomes,
            stopped: running.stopped.into_inner(),
        }
    }

    /// Accounts for every line of `records` as [`Batch::run`] would, but
    /// builds nothing: each row's settings are resolved and its files
    /// claimed, and a row that would be built is `Built` with the file it
    /// would write (`workbook serve` shows this before a build).
    pub(crate) fn check(&self, records: Records<'_>) -> Report {
        let mut taken: HashMap<String, u64> = HashMap::new();
        let mut outcomes = Vec::new();
        for record in records {
            let (first, last) = (record.first, record.last);
            let what = match not_a_row(self.csv_path, first, record.kind) {
                Ok(what) => what,
                Err(cells) => {
                    let row = Row { first, last, cells };
                    match self.prepare(&row, &mut taken) {
                        Ok((_, plan)) => What::Built {
                            path: plan.files()[0].clone(),
                            locked: plan.locked(),
                        },
                        Err(e) => failure(self.csv_path, first, &e, row.cells),
                    }
                }
            };
            outcomes.push(Outcome { first, last, what });
        }
        Report {
            outcomes,
            stopped: None,
        }
    }

    /// The reader: blank and unreadable records are accounted for here;
    /// each row's settings are resolved and its files claimed here, in
    /// line order, so that which row gets a name never depends on which
    /// worker is faster; rows ready to build go to the workers.
    fn read_rows(
        &self,
        records: Records<'_>,
        jobs: &mpsc::SyncSender<Ready>,
        done: &mpsc::Sender<Outcome>,
        running: &Running,
    ) {
        // File names taken so far, in lower case, with the line of the row
        // that took each.
        let mut taken: HashMap<String, u64> = HashMap::new();
        for record in records {
            let (first, last) = (record.first, record.last);
            let what = match not_a_row(self.csv_path, first, record.kind) {
                Ok(what) => what,
                Err(cells) if running.stopped.get().is_some() => What::NotBuilt(cells),
                Err(cells) => {
                    let row = Row { first, last, cells };
                    let prepared = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        self.prepare(&row, &mut taken)
                    }));
                    match prepared {
                        Ok(Ok((opts, plan))) => {
                            let job = Ready { row, opts, plan };
                            match jobs.send(job) {
                                Ok(()) => continue,
                                // No worker is left to build it.
                                Err(mpsc::SendError(job)) => What::NotBuilt(job.row.cells),
                            }
                        }
                        Ok(Err(e)) => failure(self.csv_path, first, &e, row.cells),
                        Err(panic) => crashed(self.csv_path, first, &*panic, row.cells),
                    }
                }
            };
            if done.send(Outcome { first, last, what }).is_err() {
                return;
            }
        }
    }

    /// A worker: builds rows until there are none, each under
    /// `catch_unwind`, so a panic is that row's failure, not the batch's.
    fn work(
        &self,
        jobs: &Mutex<mpsc::Receiver<Ready>>,
        done: &mpsc::Sender<Outcome>,
        running: &Running,
    ) {
        loop {
            let next = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
            let Ok(job) = next else { return };
            let (first, last) = (job.row.first, job.row.last);
            let what = if running.stopped.get().is_some() {
                What::NotBuilt(job.row.cells)
            } else {
                let result =
                    std::panic::catch_unwind(AssertUnwindSafe(|| self.build_row(&job, running)));
                forget_unused(self.jobs);
                match result {
                    Ok(Ok(path)) => What::Built {
                        path,
                        locked: job.plan.locked(),
                    },
                    // A second row that finds the disk full (it was being
                    // built in parallel) adds nothing to the first's error.
                    Ok(Err(e))
                        if is_disk_full(&e)
                            && running
                                .stopped
                                .set(row_message(self.csv_path, first, &e))
                                .is_err() =>
                    {
                        What::NotBuilt(job.row.cells)
                    }
                    Ok(Err(e)) => failure(self.csv_path, first, &e, job.row.cells),
                    Err(panic) => crashed(self.csv_path, first, &*panic, job.row.cells),
                }
            };
            if done.send(Outcome { first, last, what }).is_err() {
                return;
            }
        }
    }

    /// Makes one row ready to build, in the reader: its settings over the
    /// shared ones, and its files, each claimed for this row's line. A
    /// split row whose partner file is an earlier row's file fails, naming
    /// that line, instead of replacing another couple's workbook.
    fn prepare(&self, row: &Row, taken: &mut HashMap<String, u64>) -> Result<(BuildOptions, Plan)> {
        let values = row.values(self.header, self.csv_path)?;
        // An old id in this row's skip cell still works, and says so.
        for warning in self
            .projects
            .first()
            .content
            .renamed_warnings(values.skip.iter().flatten())
        {
            crate::diag::warn(&format!(
                "{}:{}: skip: {warning}",
                self.csv_path.display(),
                row.first
            ));
        }
        let opts = BuildOptions::resolve_row(self.shared.clone(), self.config, values, self.env)?;
        if opts.split.is_some() {
            crate::plan::check_split(&opts)?;
        }
        let targets = claim(
            self.out_dir,
            self.header.get(&row.cells, "output"),
            &opts,
            taken,
            row.first,
        )?;
        // Another language's project loads here, on the reader's thread,
        // the first time a row asks for it; a failure is that row's.
        let project = self.projects.get(opts.lang)?;
        let plan = Plan::to(project, &opts, targets[0].clone())?;
        Ok((opts, plan))
    }

    /// Builds one row, prepared, and writes its files; the path of the
    /// first (the shared book of a split row, the first volume of a
    /// booklet bound as volumes).
    fn build_row(&self, job: &Ready, running: &Running) -> Result<PathBuf> {
        crate::faults::panic_at(job.row.first);
        let path = job.plan.files()[0].clone();
        job.plan.check_targets(&[self.csv_path])?;
        let built = job
            .plan
            .build(self.projects.get(job.opts.lang)?, &job.opts)?;
        crate::faults::disk_full(running.written.load(Ordering::SeqCst)).map_err(|source| {
            Error::Io {
                path: path.clone(),
                source,
            }
        })?;
        let written = built.write()?;
        running.written.fetch_add(1, Ordering::SeqCst);
        Ok(written.into_iter().next().unwrap_or(path))
    }
}

/// A row's failure, as the summary and `failed.csv` take it.
/// What the reader makes of a record by itself: a blank line, or one whose
/// cells cannot be mapped to the header (refused as it stands); the cells
/// of a row to prepare otherwise.
fn not_a_row(csv_path: &Path, first: u64, kind: Kind) -> std::result::Result<What, Vec<String>> {
    match kind {
        Kind::Blank => Ok(What::Blank),
        Kind::Bad { problem, cells } => Ok(What::Failed {
            message: format!("{}:{first}: {}", csv_path.display(), problem.reason),
            hint: problem.hint,
            cells,
            unmapped: true,
        }),
        Kind::Cells(cells) => Err(cells),
    }
}

fn failure(csv_path: &Path, line: u64, error: &Error, cells: Vec<String>) -> What {
    What::Failed {
        message: row_message(csv_path, line, error),
        hint: error.hints().into_iter().next(),
        cells,
        unmapped: false,
    }
}

/// A row that panicked: a bug of ours, that row's failure alone.
fn crashed(
    csv_path: &Path,
    line: u64,
    panic: &(dyn std::any::Any + Send),
    cells: Vec<String>,
) -> What {
    What::Failed {
        message: format!(
            "{}:{line}: internal error: workbook crashed building this row ({})",
            csv_path.display(),
            panic_text(panic)
        ),
        hint: Some("this is a bug in workbook; please report it with this row".into()),
        cells,
        unmapped: false,
    }
}

/// Reads the header from the first record of `records` and tells the
/// reader its shape; an empty or unreadable header stops the batch.
pub(crate) fn header_of(csv_path: &Path, records: &mut Records<'_>) -> Result<Header> {
    let csv = csv_path.display();
    let hint = || Some("the first row names the columns, e.g. names,start-date,paper".to_string());
    let header = match records.next().map(|r| r.kind) {
        None => return Err(Error::usage(format!("{csv}: the file is empty"), hint())),
        Some(Kind::Cells(cells)) => read_header(csv_path, cells)?,
        Some(Kind::Blank) => {
            return Err(Error::usage(
                format!("{csv}:1: the header row is empty"),
                hint(),
            ));
        }
        Some(Kind::Bad { problem, .. }) => {
            return Err(Error::Usage {
                message: format!("{csv}:1: {}", problem.reason),
                hint: problem.hint,
            });
        }
    };
    records.expect_rows(header.cells.len(), header.column("names").unwrap_or(0));
    Ok(header)
}

/// What `batch --preview` did: the images written, and each row that
/// could not be previewed, as its message (file and line first).
pub(crate) struct Preview {
    pub(crate) written: Vec<PathBuf>,
    pub(crate) failed: Vec<String>,
}

impl Batch<'_> {
    /// Proof images instead of PDFs: the pages a practice checks, for the
    /// first `rows` rows that hold a couple (or fail to), one after
    /// another. A bad row is reported and the others still drawn, as a
    /// batch builds them, so the proofs never wait for the last fix.
    pub(crate) fn preview(&self, records: Records<'_>, rows: usize, dpi: u32) -> Preview {
        let mut preview = Preview {
            written: Vec::new(),
            failed: Vec::new(),
        };
        let rows_only = records.filter(|record| record.kind != Kind::Blank);
        for record in rows_only.take(rows) {
            let first = record.first;
            let cells = match not_a_row(self.csv_path, first, record.kind) {
                Ok(What::Failed { message, .. }) => {
                    preview.failed.push(message);
                    continue;
                }
                Ok(_) => continue,
                Err(cells) => cells,
            };
            let row = Row {
                first,
                last: record.last,
                cells,
            };
            match self.proofs(&row, dpi) {
                Ok(written) => preview.written.extend(written),
                Err(e) => preview.failed.push(row_message(self.csv_path, first, &e)),
            }
        }
        preview
    }

    /// One row's proof images.
    fn proofs(&self, row: &Row, dpi: u32) -> Result<Vec<PathBuf>> {
        let values = row.values(self.header, self.csv_path)?;
        let opts = BuildOptions::resolve_row(self.shared.clone(), self.config, values, self.env)?;
        // Under the same limits as a build of this batch (issue 30, 3).
        let spec = crate::typeset::preview::DEFAULT_PAGES;
        let plan = Plan::proofs(&opts, self.out_dir.to_path_buf(), spec, dpi);
        plan.run(self.projects.get(opts.lang)?, &opts)
    }
}

/// The error for the rows `--preview` could not draw (exit 1, as for a
/// batch whose rows failed), each with its line; none is no error.
pub(crate) fn preview_failures(csv_path: &Path, preview: &Preview) -> Result<()> {
    let count = preview.failed.len();
    if count == 0 {
        return Ok(());
    }
    let mut message = format!(
        "{count} row{} could not be previewed:",
        if count == 1 { "" } else { "s" }
    );
    for line in &preview.failed {
        message.push_str(&format!("\n  {line}"));
    }
    Err(Error::BatchRows {
        message,
        hint: Some(format!(
            "fix {} in {} and preview again; the other rows' proofs are written",
            if count == 1 { "it" } else { "them" },
            csv_path.display()
        )),
    })
}

/// A warning for each row whose couple an earlier row already has, with
/// both lines: read before any row is built, so they come first.
pub(crate) fn duplicates(records: Records<'_>, header: &Header, csv_path: &Path) -> Vec<String> {
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut warnings = Vec::new();
    for record in records {
        let Kind::Cells(cells) = record.kind else {
            continue;
        };
        let row = Row {
            first: record.first,
            last: record.last,
            cells,
        };
        let Some(couple) = row.couple(header) else {
            continue;
        };
        match seen.get(&couple) {
            Some(before) => warnings.push(format!(
                "{}:{}: the same couple as on line {before}; both are built, as separate files",
                csv_path.display(),
                row.first
            )),
            None => {
                seen.insert(couple, row.first);
            }
        }
    }
    warnings
}

/// A warning for each row whose names hold a `?`, when Excel's plain
/// "CSV" may have written the file (`Decoded::plain_csv`): it writes `?`
/// for every letter its code page lacks ("Łukasz" becomes "?ukasz"), and
/// the book would print the `?`. "CSV UTF-8" keeps every letter.
pub(crate) fn lost_letters(records: Records<'_>, header: &Header, csv_path: &Path) -> Vec<String> {
    records
        .filter_map(|record| match record.kind {
            Kind::Cells(cells) => {
                let names = header.get(&cells, "names")?;
                names.contains('?').then(|| {
                    format!(
                        "{}:{}: names {names:?}: this file was saved as plain CSV, which cannot hold some letters: save as CSV UTF-8",
                        csv_path.display(),
                        record.first
                    )
                })
            }
            _ => None,
        })
        .collect()
}

/// A write that failed for want of space: every later row would fail alike.
fn is_disk_full(error: &Error) -> bool {
    use std::io::ErrorKind;
    matches!(error, Error::Io { source, .. }
        if matches!(source.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded))
}

/// What a panic said, when it said it as text.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// A row's error as printed: a bad cell names its own line and column;
/// anything else is put at the row's line.
fn row_message(csv_path: &Path, line: u64, error: &Error) -> String {
    match error.origin() {
        Some(Origin::Cell { .. }) => error.to_string(),
        _ => format!("{}:{line}: {error}", csv_path.display()),
    }
}

/// comemo's caches grow with every couple. After each build, drop what
/// none of the last `jobs` builds used (each worker evicts once a build,
/// so that is the other workers' latest builds too): what every couple
/// shares stays, one couple's own layout goes. Then give the freed memory
/// back, so that the next couple's layout is not built around the holes.
fn forget_unused(jobs: usize) {
    comemo::evict(jobs.max(1));
    // Measured on a 40-row batch: 8 % less peak memory for 8 % more time.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: glibc's malloc_trim only releases free heap memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
