//! `workbook batch couples.csv`: many workbooks, one summary.

use std::path::PathBuf;
use std::time::Instant;

use std::io::IsTerminal;

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

use crate::batch::{self, Batch, Outcome};
use crate::cli::BatchArgs;
use crate::diag::{Error, Result};
use crate::settings::names::PLACEHOLDER;
use crate::settings::{BuildOptions, Environment};

/// Builds every row of the CSV and prints a summary.
pub(crate) fn run(args: BatchArgs) -> Result<()> {
    let started = Instant::now();
    super::refuse_output(
        &args.build,
        "batch",
        "each row's PDF is written to --out-dir, named after the couple or the CSV's output column",
    )?;
    let csv_path = args.csv.clone();
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !out_dir.is_dir() {
        return Err(Error::usage(
            format!("--out-dir {}: not a folder", out_dir.display()),
            Some("create it first".to_string()),
        ));
    }
    // Find an unwritable folder now, not after building every row.
    tempfile::Builder::new()
        .prefix(".workbook-probe-")
        .tempfile_in(&out_dir)
        .map_err(|e| {
            Error::usage(
                format!("--out-dir {}: cannot write there ({e})", out_dir.display()),
                None,
            )
        })?;
    let meta = std::fs::metadata(&csv_path).map_err(|e| {
        Error::usage(
            format!("{}: cannot read it ({e})", csv_path.display()),
            None,
        )
    })?;
    if !meta.is_file() {
        return Err(Error::usage(
            format!("{}: not a regular file", csv_path.display()),
            None,
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(&csv_path)
        .map_err(|e| {
            Error::usage(
                format!("{}: cannot read it ({e})", csv_path.display()),
                None,
            )
        })?;
    let header = batch::read_header(&csv_path, &mut reader)?;

    let config = crate::settings::config::load(args.build.config.as_deref())?;
    // Settings that no row can change are checked once, before any row is
    // built: otherwise every row would fail alike.
    let env = Environment::read()?;
    let mut probe = args.build.clone();
    probe.names = Some(PLACEHOLDER.to_string());
    let base = BuildOptions::resolve(probe, config.as_ref(), &env)?;
    base.print.check_layout()?;
    crate::typeset::export::pdf_standards(&base.print)?;
    let (engine, content) = crate::load_for(&base)?;
    // A limit ends the process mid-batch: say first what was built.
    crate::typeset::limits::before_exit(move || {
        let (built, failed) = (BUILT.load(Relaxed), FAILED.load(Relaxed));
        eprintln!(
            "built {built} of {} workbooks before the limit stopped the batch",
            built + failed
        );
    });
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    // More workers than a few per core only adds memory and contention.
    let jobs = args.jobs.unwrap_or(cores).clamp(1, cores * 4);

    let batch = Batch {
        csv_path: &csv_path,
        header: &header,
        shared: &args.build,
        config: config.as_ref(),
        env: &env,
        engine: &engine,
        content: &content,
        out_dir: &out_dir,
        jobs,
    };
    let outcomes = batch.run(reader, reporter());
    let built = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Built { .. }))
        .count();
    let failed: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Failed { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    eprintln!(
        "built {built} of {} workbooks in {:.1} s",
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{} row{} failed:",
        failed.len(),
        if failed.len() == 1 { "" } else { "s" }
    );
    for failure in &failed {
        message.push_str(&format!("\n  {failure}"));
    }
    Err(Error::BatchRows { message })
}

/// Rows built and failed so far, for the summary a limit prints.
static BUILT: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);

/// A progress bar on a terminal, plain lines otherwise.
fn reporter() -> impl FnMut(&Outcome) {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} workbooks {msg}")
                .expect("a valid template"),
        );
        bar
    });
    move |outcome| {
        let counter = match outcome {
            Outcome::Built { .. } => &BUILT,
            Outcome::Failed { .. } => &FAILED,
        };
        counter.fetch_add(1, Relaxed);
        report(outcome, bar.as_ref())
    }
}

/// One outcome: on the bar when there is one, else as a line.
fn report(outcome: &Outcome, bar: Option<&indicatif::ProgressBar>) {
    match (outcome, bar) {
        (Outcome::Built { path, .. }, Some(bar)) => {
            bar.inc(1);
            bar.set_message(path.display().to_string());
        }
        (Outcome::Built { path, line }, None) => {
            eprintln!("built {} (line {line})", path.display())
        }
        (Outcome::Failed { message, .. }, Some(bar)) => bar.println(format!("error: {message}")),
        (Outcome::Failed { message, .. }, None) => eprintln!("error: {message}"),
    }
}
