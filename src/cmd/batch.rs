//! `workbook batch couples.csv`: many workbooks, one summary.

use std::path::PathBuf;
use std::time::Instant;

use crate::batch::{self, Outcome};
use crate::cli::BatchArgs;
use crate::error::{Error, Result};

pub fn run(args: BatchArgs) -> Result<()> {
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

    let config = crate::config::load(args.build.config.as_deref())?;
    // Settings that no row can change are checked once, before any row is
    // built: otherwise every row would fail alike.
    let mut probe = args.build.clone();
    probe.names = Some("Partner One & Partner Two".to_string());
    let base = crate::options::BuildOptions::resolve(probe, config.as_ref())?;
    base.print.check_layout()?;
    base.print.pdf_standards()?;
    let sources_dir = args
        .build
        .sources
        .clone()
        .or_else(|| crate::config::path_from(config.as_ref(), |c| c.sources.as_ref()));
    let extra = crate::config::path_from(config.as_ref(), |c| c.content.extra_exercises.as_ref());
    let (engine, content) = crate::cmd::build::engine_from(
        sources_dir.as_deref(),
        &args.build.font_path,
        extra.as_deref(),
    )?;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    // More workers than a few per core only adds memory and contention.
    let jobs = args.jobs.unwrap_or(cores).clamp(1, cores * 4);

    let outcomes = batch::run_rows(
        &csv_path,
        reader,
        &header,
        &args.build,
        config.as_ref(),
        &engine,
        &content,
        &out_dir,
        jobs,
        batch::reporter(&csv_path),
    );
    let built = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Built { .. }))
        .count();
    let failed: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Failed { line, reason } => Some((line, reason)),
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
    for (line, reason) in &failed {
        message.push_str(&format!("\n  {}:{line}: {reason}", csv_path.display()));
    }
    Err(Error::BatchRows { message })
}
