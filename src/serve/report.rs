//! What a client list gave, in words: the summary `workbook batch`
//! prints, every line of a list checked before a build, and the counts
//! the progress bar shows.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::batch::{self, What};

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

/// What a client list gives: the zip, or with `check=on` every line
/// accounted for before anything is built.
pub(crate) enum Listed {
    Zip(super::jobs::Download),
    Checked { summary: String, lines: Vec<Line> },
}

/// One record of a checked list: its lines, and what would become of it.
pub(crate) struct Line {
    pub(crate) lines: String,
    pub(crate) what: String,
    pub(crate) fine: bool,
}

/// The list's own name, as the user's computer had it.
pub(crate) fn list_name(csv_path: &Path) -> String {
    csv_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every line of a checked list, and how many of each kind.
pub(crate) fn checked(list: &str, report: &batch::Report, scratch: &Path) -> Listed {
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
pub(crate) fn summary(list: &str, report: &batch::Report) -> String {
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
