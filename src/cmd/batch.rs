//! `workbook batch couples.csv`: many workbooks, one summary that accounts
//! for every line of the file, and the failed rows in a file to fix.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use crate::batch::read::{self, Records};
use crate::batch::{self, Batch, Outcome, Report, What, failed};
use crate::cli::BatchArgs;
use crate::diag::{Error, Result, say, warn};
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
    if args.build.names.is_some() {
        return Err(Error::usage(
            "--names: `workbook batch` takes each couple's names from the CSV's names column",
            Some("use `workbook build --names` for one couple".to_string()),
        ));
    }
    if !args.build.handout.is_empty() {
        return Err(Error::usage(
            "--handout: `workbook batch` builds whole workbooks, one per row",
            Some("use `workbook build --handout ID` for a handout".to_string()),
        ));
    }
    let csv_path = args.csv.clone();
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if crate::output::is_link_loop_at(&out_dir) {
        return Err(Error::usage(
            format!(
                "--out-dir {}: the links there form a loop",
                out_dir.display()
            ),
            Some("fix the link, or give another folder".to_string()),
        ));
    }
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::usage(
            format!("--out-dir {}: not a folder", out_dir.display()),
            Some("give a folder, or a name for a new one".to_string()),
        ));
    }
    // A spreadsheet is read as the CSV it would export, so every check
    // below treats it the same.
    let (decoded, sheet_column) = match (crate::batch::sheet::kind(&csv_path), &args.sheet) {
        (Some(kind), sheet) => {
            let (decoded, column) = crate::batch::sheet::read(&csv_path, kind, sheet.as_deref())?;
            (decoded, Some(column))
        }
        (None, Some(_)) => {
            return Err(Error::usage(
                "--sheet: only a spreadsheet (.xlsx, .ods) has sheets",
                Some("leave --sheet out for a CSV file".to_string()),
            ));
        }
        (None, None) => (read::read_file(&csv_path)?, None),
    };
    let csv = csv_path.display();
    match decoded.encoding {
        "UTF-8" if decoded.lossy => warn(&format!(
            "{csv} is UTF-8 with some bytes that are not; the rows holding them are not built"
        )),
        "UTF-8" => {}
        "Windows-1252" => warn(&format!(
            "{csv} is not UTF-8: read as Windows-1252, as Excel saves \"CSV\" on Western systems"
        )),
        other => say(&format!("reading {csv} as {other}\n")),
    }
    let delimiter = read::delimiter(&decoded.text);
    let note_cap = crate::settings::branding::cap("note");
    let mut records = Records::new(&decoded, delimiter, note_cap);
    let mut header = batch::header_of(&csv_path, &mut records)?;
    header.sheet_column = sheet_column;
    if decoded.plain_csv {
        for warning in batch::lost_letters(records.clone(), &header, &csv_path) {
            warn(&warning);
        }
    }
    if !header.ignored.is_empty() {
        let quoted: Vec<String> = header.ignored.iter().map(|c| format!("{c:?}")).collect();
        warn(&format!(
            "{csv}:1: ignoring the columns {}: workbook does not use them",
            quoted.join(", ")
        ));
    }

    let config = crate::settings::config::load(args.build.config.as_deref())?;
    // What no row can change is prepared and checked once, before any row
    // is built: a bad value is one error (exit 2), not one per row.
    let env = Environment::read()?;
    let shared = crate::settings::Flags::from(args.build);
    let mut probe = shared.clone();
    probe.names = Some(PLACEHOLDER.to_string());
    let base = BuildOptions::resolve(probe, config.as_ref(), &env)?;
    base.print.check_layout()?;
    if base.split.is_some() {
        crate::plan::check_split(&base)?;
    }
    crate::typeset::export::pdf_standards(&base.print)?;
    let mut project = crate::Project::load(&base)?;
    // A limit ends the process mid-batch: say first what was built.
    crate::typeset::limits::before_exit(move || {
        let (built, failed) = (BUILT.load(Relaxed), FAILED.load(Relaxed));
        say(&format!(
            "built {built} of {} workbooks before the limit stopped the batch\n",
            built + failed
        ));
    });
    if let Some(warning) = config.as_ref().and_then(|c| c.support_warning()) {
        say(&warning);
    }
    for warning in (project.content).renamed_warnings(base.skip.iter().chain(&base.only)) {
        warn(&warning);
    }
    // The fonts checked over the guide's texts and the logo decoded, once
    // for all rows. A row in another language loads and prepares its own
    // project when it comes (an English-only batch loads no other).
    project.prepare(&base)?;
    let projects = crate::Projects::new(project, base, true);

    std::fs::create_dir_all(&out_dir).map_err(|e| {
        Error::usage(
            format!("--out-dir {}: cannot create it ({e})", out_dir.display()),
            None,
        )
    })?;
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
    // One batch at a time in a folder: two would claim the same file
    // names and remove each other's failed files. Held until the run ends.
    let _lock = lock(&out_dir)?;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    // Typst lays out each workbook on every core already, so by default
    // half as many workbooks are built at once: on two cores, one at a
    // time is 3/4 of the speed of two for 2/3 of the memory (the book,
    // Performance). More workers than a few per core only adds memory and
    // contention.
    let jobs = args.jobs.unwrap_or((cores / 2).max(1)).clamp(1, cores * 4);

    let batch = Batch {
        csv_path: &csv_path,
        header: &header,
        shared: &shared,
        config: config.as_ref(),
        env: &env,
        projects: &projects,
        out_dir: &out_dir,
        jobs,
    };
    for warning in batch::duplicates(records.clone(), &header, &csv_path) {
        warn(&warning);
    }
    if let Some(rows) = args.preview {
        let preview = batch.preview(records, rows as usize, 96);
        for path in &preview.written {
            say(&format!("wrote {}\n", path.display()));
        }
        say(&format!(
            "wrote {} proof images; no workbooks were built\n",
            preview.written.len()
        ));
        return batch::preview_failures(&csv_path, &preview);
    }
    // Counting first is cheap (the file is in memory) and lets the bar
    // show how far along the batch is and when it will end.
    let total = records.clone().count() as u64;
    let report = batch.run(records, reporter(total));
    summary(&csv_path, &report, started);
    let failed_csv = out_dir.join(failed::file_name(&csv_path));
    let to_fix: Vec<&Outcome> = report
        .outcomes
        .iter()
        .filter(|o| matches!(o.what, What::Failed { .. } | What::NotBuilt(_)))
        .collect();
    if to_fix.is_empty() {
        // This list's failed file from an earlier run is out of date now; the file
        // just read is left alone, even when it is that one.
        if failed_csv.is_file() && !failed::same_file(&failed_csv, &csv_path) {
            let _ = std::fs::remove_file(&failed_csv);
        }
        return Ok(());
    }
    let written = failed::write(&failed_csv, &header, &to_fix, delimiter);
    let message = match &report.stopped {
        Some(why) => format!("stopped at the first failed write, for want of space: {why}"),
        None => {
            let mut list = format!(
                "{} row{} failed:",
                to_fix.len(),
                if to_fix.len() == 1 { "" } else { "s" }
            );
            for row in &to_fix {
                if let What::Failed { message, .. } = &row.what {
                    list.push_str(&format!("\n  {message}"));
                }
            }
            list
        }
    };
    let hint = match written {
        Ok(()) => format!(
            "the rows to fix are in {0}: fix them there and run `workbook batch {0}` with the same options",
            failed_csv.display()
        ),
        Err(e) => format!(
            "the rows to fix could not be written to {}: {e}",
            failed_csv.display()
        ),
    };
    Err(Error::BatchRows {
        message,
        hint: Some(hint),
    })
}

/// Takes the out-dir's lock: an advisory lock on the folder itself (no
/// lock file is left behind), released by the system when the process
/// ends, however it ends.
#[cfg(unix)]
fn lock(dir: &Path) -> Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    let folder = std::fs::File::open(dir).map_err(|e| {
        Error::usage(
            format!("--out-dir {}: cannot open it ({e})", dir.display()),
            None,
        )
    })?;
    // SAFETY: flock on a descriptor we own; it only changes lock state.
    if unsafe { libc::flock(folder.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            return Err(Error::usage(
                format!(
                    "--out-dir {}: another `workbook batch` is writing there now",
                    dir.display()
                ),
                Some("wait for it to finish, or choose another --out-dir".to_string()),
            ));
        }
        // A file system without locks (some network shares): go on
        // without, as before.
    }
    Ok(folder)
}

#[cfg(not(unix))]
fn lock(_dir: &Path) -> Result<()> {
    Ok(())
}

/// The summary: how many workbooks, and what became of every line.
fn summary(csv_path: &Path, report: &Report, started: Instant) {
    let (mut rows, mut built, mut locked) = (0, 0, 0);
    let (mut built_lines, mut failed_lines, mut blank_lines, mut not_built_lines) = (0, 0, 0, 0);
    for o in &report.outcomes {
        let lines = o.last - o.first + 1;
        match o.what {
            What::Built { locked: l, .. } => {
                rows += 1;
                built += 1;
                locked += l;
                built_lines += lines;
            }
            What::Failed { .. } => {
                rows += 1;
                failed_lines += lines;
            }
            What::NotBuilt(_) => {
                rows += 1;
                not_built_lines += lines;
            }
            What::Blank => blank_lines += lines,
        }
    }
    let header_lines = report.outcomes.first().map_or(1, |o| o.first - 1);
    let total = report.outcomes.last().map_or(header_lines, |o| o.last);
    let mut text = format!(
        "built {built} of {rows} workbooks in {:.1} s\n{}: {total} lines: {header_lines} header, {built_lines} built, {failed_lines} failed, {blank_lines} blank",
        started.elapsed().as_secs_f64(),
        csv_path.display()
    );
    if not_built_lines > 0 {
        text.push_str(&format!(", {not_built_lines} not built"));
    }
    text.push('\n');
    if locked > 0 {
        text.push_str(&format!(
            "{locked} file{} locked with a password\n",
            if locked == 1 { "" } else { "s" }
        ));
    }
    say(&text);
}

/// Rows built and failed so far, for the summary a limit prints.
static BUILT: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);

/// A progress bar on a terminal, plain lines otherwise; never a panic or
/// a stop when stderr is closed or full.
fn reporter(total: u64) -> impl FnMut(&Outcome) {
    let bar = (std::io::stderr().is_terminal() && !crate::messages::quiet()).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} rows ({percent}%) · about {eta} left · {msg}",
            )
            .expect("a valid template"),
        );
        bar
    });
    // Warnings from any thread go above the bar, not into its line; the
    // guard lives as long as this reporter.
    let above = bar.as_ref().map(crate::messages::above_bar);
    move |outcome| {
        let _ = &above;
        match &outcome.what {
            What::Built { .. } => BUILT.fetch_add(1, Relaxed),
            What::Failed { .. } => FAILED.fetch_add(1, Relaxed),
            What::Blank | What::NotBuilt(_) => 0,
        };
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        let line = match &outcome.what {
            What::Built { path, locked } => {
                if let Some(bar) = &bar {
                    bar.set_message(path.display().to_string());
                    return;
                }
                let lock = match locked {
                    0 => "",
                    1 => ", locked with a password",
                    _ => ", locked with passwords",
                };
                format!("built {} (line {}{lock})", path.display(), outcome.first)
            }
            What::Failed { message, hint, .. } => match hint {
                Some(hint) => format!("error: {message}\nhint: {hint}"),
                None => format!("error: {message}"),
            },
            What::Blank | What::NotBuilt(_) => return,
        };
        match &bar {
            Some(bar) => bar.println(line),
            None => say(&format!("{line}\n")),
        }
    }
}
