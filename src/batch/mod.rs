//! `workbook batch`: one workbook per CSV row, built in parallel on one
//! shared engine, with every bad row reported by its line and the others
//! still built.

mod header;
mod lines;
mod read;
mod row;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;

pub(crate) use header::{Header, read_header};
use lines::LineCounter;
use row::{Row, output_path};

use crate::cli::BuildArgs;
use crate::diag::{Error, Origin, Result};
use crate::guide::Content;
use crate::settings::config::LoadedConfig;
use crate::settings::{BuildOptions, Environment};
use crate::typeset::world::Engine;

/// Rows waiting for a worker; the reader blocks beyond this, so memory
/// stays flat however long the file is.
const QUEUE: usize = 64;
/// comemo's caches grow with every couple: after each build, drop what the
/// last two builds did not use. The templates' results are used by every
/// build and stay; one couple's layout goes.
const EVICT_AGE: usize = 2;

/// What happened to one row.
pub(crate) enum Outcome {
    Built {
        line: u64,
        path: PathBuf,
    },
    /// `message` names the file and line (and the cell, when one is at fault).
    Failed {
        line: u64,
        message: String,
    },
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
    pub(crate) out_dir: &'a Path,
    pub(crate) jobs: usize,
}

impl Batch<'_> {
    /// Builds every row; `report` sees each outcome as it happens.
    pub(crate) fn run(
        &self,
        reader: csv::Reader<std::fs::File>,
        mut report: impl FnMut(&Outcome),
    ) -> Vec<Outcome> {
        let csv_path = self.csv_path;
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
                                message: format!(
                                    "{}:{line}: cannot read this row ({e})",
                                    csv_path.display()
                                ),
                            });
                            if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                                break;
                            }
                        }
                    }
                }
            });
            for _ in 0..self.jobs.max(1) {
                let done_tx = done_tx.clone();
                let (job_rx, taken) = (&job_rx, &taken);
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
                        let result = self.build_row(&row, taken);
                        comemo::evict(EVICT_AGE);
                        let outcome = match result {
                            Ok(path) => Outcome::Built {
                                line: row.line,
                                path,
                            },
                            Err(e) => Outcome::Failed {
                                line: row.line,
                                message: row_message(csv_path, row.line, &e),
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

    /// Builds one row: its settings over the shared ones, its file name,
    /// the PDF.
    fn build_row(&self, row: &Row, taken: &Mutex<HashSet<String>>) -> Result<PathBuf> {
        let values = row.values(self.header, self.csv_path)?;
        let opts = BuildOptions::resolve_row(self.shared.clone(), self.config, values, self.env)?;
        let path = output_path(
            self.out_dir,
            self.header.get(&row.cells, "output"),
            &opts,
            taken,
        )?;
        crate::output::check_pdf_target(&path, &[self.csv_path])?;
        let pdf = crate::build_pdf(self.engine, self.content, &opts)?;
        crate::output::write_atomic(&path, &pdf)?;
        Ok(path)
    }
}

/// A row's error as printed: a bad cell names its own line and column;
/// anything else is put at the row's line.
fn row_message(csv_path: &Path, line: u64, error: &Error) -> String {
    match error.origin() {
        Some(Origin::Cell { .. }) => error.to_string(),
        _ => format!("{}:{line}: {error}", csv_path.display()),
    }
}
