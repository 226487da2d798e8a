//! `workbook batch`: one workbook per CSV row, built in parallel on one
//! shared engine, with every bad row reported by its line, every line of
//! the file accounted for, and the others still built.

pub(crate) mod failed;
mod faults;
mod header;
pub(crate) mod read;
mod row;

use std::collections::HashMap;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

pub(crate) use header::{Header, read_header};
use read::{Kind, Records};
use row::{Row, output_path};

use crate::cli::BuildArgs;
use crate::diag::{Error, Origin, Result};
use crate::guide::Content;
use crate::settings::config::LoadedConfig;
use crate::settings::{BuildOptions, Environment};
use crate::typeset::world::Engine;

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
    Built(PathBuf),
    /// `message` names the file and line (and the cell, when one is at
    /// fault); `cells` go to `failed.csv`.
    Failed {
        message: String,
        hint: Option<String>,
        cells: Vec<String>,
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

/// What every row of a batch shares.
pub(crate) struct Batch<'a> {
    pub(crate) csv_path: &'a Path,
    pub(crate) header: &'a Header,
    /// The command line's settings, under each row's cells.
    pub(crate) shared: &'a BuildArgs,
    pub(crate) config: Option<&'a LoadedConfig>,
    pub(crate) env: &'a Environment,
    pub(crate) engine: &'a Engine,
    pub(crate) content: &'a Content,
    /// The practice's logo, decoded once for every row.
    pub(crate) logo: Option<&'a typst::foundations::Bytes>,
    /// The parts skipped and kept for which the fonts' coverage of the
    /// guide's texts was checked before the batch: a row that selects the
    /// same parts is not checked again.
    pub(crate) checked_selection: (&'a [String], &'a [String]),
    pub(crate) out_dir: &'a Path,
    pub(crate) jobs: usize,
}

/// What the workers share while the batch runs.
struct Running {
    /// File names taken so far, in lower case.
    taken: Mutex<HashSet<String>>,
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
            taken: Mutex::new(HashSet::new()),
            stopped: OnceLock::new(),
            written: AtomicU64::new(0),
        };
        let (job_tx, job_rx) = mpsc::sync_channel::<Row>(QUEUE);
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

    /// The reader: blank and unreadable records are accounted for here,
    /// rows go to the workers.
    fn read_rows(
        &self,
        records: Records<'_>,
        jobs: &mpsc::SyncSender<Row>,
        done: &mpsc::Sender<Outcome>,
        running: &Running,
    ) {
        let csv = self.csv_path.display();
        for record in records {
            let (first, last) = (record.first, record.last);
            let what = match record.kind {
                Kind::Blank => What::Blank,
                Kind::Bad { problem, cells } => What::Failed {
                    message: format!("{csv}:{first}: {}", problem.reason),
                    hint: problem.hint,
                    cells,
                },
                Kind::Cells(cells) if running.stopped.get().is_some() => What::NotBuilt(cells),
                Kind::Cells(cells) => {
                    let row = Row { first, last, cells };
                    if let Err(mpsc::SendError(row)) = jobs.send(row) {
                        // No worker is left to build it.
                        What::NotBuilt(row.cells)
                    } else {
                        continue;
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
        jobs: &Mutex<mpsc::Receiver<Row>>,
        done: &mpsc::Sender<Outcome>,
        running: &Running,
    ) {
        let csv = self.csv_path.display();
        loop {
            let next = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
            let Ok(row) = next else { return };
            let (first, last) = (row.first, row.last);
            let what = if running.stopped.get().is_some() {
                What::NotBuilt(row.cells)
            } else {
                let result =
                    std::panic::catch_unwind(AssertUnwindSafe(|| self.build_row(&row, running)));
                forget_unused(self.jobs);
                match result {
                    Ok(Ok(path)) => What::Built(path),
                    // A second row that finds the disk full (it was being
                    // built in parallel) adds nothing to the first's error.
                    Ok(Err(e))
                        if is_disk_full(&e)
                            && running
                                .stopped
                                .set(row_message(self.csv_path, first, &e))
                                .is_err() =>
                    {
                        What::NotBuilt(row.cells)
                    }
                    Ok(Err(e)) => {
                        let message = row_message(self.csv_path, first, &e);
                        What::Failed {
                            message,
                            hint: e.hints().into_iter().next(),
                            cells: row.cells,
                        }
                    }
                    Err(panic) => What::Failed {
                        message: format!(
                            "{csv}:{first}: internal error: workbook crashed building this row ({})",
                            panic_text(&*panic)
                        ),
                        hint: Some(
                            "this is a bug in workbook; please report it with this row".into(),
                        ),
                        cells: row.cells,
                    },
                }
            };
            if done.send(Outcome { first, last, what }).is_err() {
                return;
            }
        }
    }

    /// Builds one row: its settings over the shared ones, its file name,
    /// the PDF.
    fn build_row(&self, row: &Row, running: &Running) -> Result<PathBuf> {
        faults::panic_at(row.first);
        let values = row.values(self.header, self.csv_path)?;
        // An old id in this row's skip cell still works, and says so.
        for warning in self.content.renamed_warnings(values.skip.iter().flatten()) {
            crate::diag::warn(&format!(
                "{}:{}: skip: {warning}",
                self.csv_path.display(),
                row.first
            ));
        }
        let mut opts =
            BuildOptions::resolve_row(self.shared.clone(), self.config, values, self.env)?;
        opts.branding.logo_png = self.logo.cloned();
        opts.content_checked =
            (opts.skip.as_slice(), opts.only.as_slice()) == self.checked_selection;
        let path = output_path(
            self.out_dir,
            self.header.get(&row.cells, "output"),
            &opts,
            &running.taken,
        )?;
        if opts.split.is_some() {
            return self.build_split(&opts, path, running);
        }
        crate::output::check_pdf_target(&path, &[self.csv_path])?;
        let pdf = crate::build_pdf(self.engine, self.content, &opts)?;
        faults::disk_full(running.written.load(Ordering::SeqCst)).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        crate::output::write_atomic(&path, &pdf)?;
        running.written.fetch_add(1, Ordering::SeqCst);
        Ok(path)
    }
}

impl Batch<'_> {
    /// One row split for the partners (`--split partners` or its `split`
    /// cell): the shared book at `path`, each partner's own pages beside
    /// it, all three written or none.
    fn build_split(
        &self,
        opts: &BuildOptions,
        path: PathBuf,
        running: &Running,
    ) -> Result<PathBuf> {
        use crate::output::split;
        split::check(opts)?;
        let targets = split::targets(&path, opts);
        {
            // The partners' files take their names too: no later row's
            // shared book may land on them.
            let mut taken = running.taken.lock().unwrap_or_else(PoisonError::into_inner);
            for t in &targets[1..] {
                let name = t.file_name().unwrap_or_default().to_string_lossy();
                taken.insert(name.to_lowercase());
            }
        }
        split::check_targets(&targets, &[self.csv_path])?;
        let pdfs = split::build(self.engine, self.content, opts)?;
        faults::disk_full(running.written.load(Ordering::SeqCst)).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        split::write(&targets, &pdfs)?;
        running.written.fetch_add(1, Ordering::SeqCst);
        Ok(path)
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

impl Batch<'_> {
    /// Proof images instead of PDFs: the pages a practice checks, for the
    /// first `rows` rows that hold a couple, one after another.
    pub(crate) fn preview(
        &self,
        records: Records<'_>,
        rows: usize,
        dpi: u32,
    ) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        let couples = records.filter_map(|record| match record.kind {
            Kind::Cells(cells) => Some(Row {
                first: record.first,
                last: record.last,
                cells,
            }),
            _ => None,
        });
        for row in couples.take(rows) {
            let values = row.values(self.header, self.csv_path)?;
            let mut opts =
                BuildOptions::resolve_row(self.shared.clone(), self.config, values, self.env)?;
            opts.branding.logo_png = self.logo.cloned();
            opts.print.fillable = false;
            // Under the same limits as a build of this batch (issue 30, 3).
            let compiled = {
                let _watch = self.engine.watch();
                crate::compile(self.engine, self.content, &opts)?
            };
            let spec = crate::typeset::preview::DEFAULT_PAGES;
            written.extend(crate::typeset::preview::write_pages(
                &compiled,
                self.content,
                &opts,
                spec,
                dpi,
                self.out_dir,
            )?);
        }
        Ok(written)
    }
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
