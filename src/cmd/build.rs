//! `workbook build`: one couple, one PDF (or the three files of a split
//! book, or standard output).

use std::path::Path;

use crate::cli::BuildArgs;
use crate::diag::Result;
use crate::plan::{Job, Plan, Sink};
use crate::project::Project;
use crate::settings::split::SplitFile;
use crate::settings::{BuildOptions, Environment};

/// Builds one workbook and writes it whole, or not at all.
pub(crate) fn run(args: BuildArgs) -> Result<()> {
    let config = crate::settings::config::load(args.config.as_deref())?;
    let opts = BuildOptions::resolve(args, config.as_ref(), &Environment::read()?)?;
    if let Some(warning) = config.as_ref().and_then(|c| c.support_warning()) {
        crate::diag::say(&warning);
    }
    let project = crate::messages::step("load", || Project::load(&opts))?;
    // An old id still works, and says so.
    let ids = opts.skip.iter().chain(&opts.only).chain(&opts.handout);
    for warning in project.content.renamed_warnings(ids) {
        crate::diag::warn(&warning);
    }
    let plan = Plan::new(&project, &opts)?;
    // Refuse a bad target before spending time on layout.
    let config_path = config.as_ref().map(|c| c.path.clone());
    let inputs: Vec<&Path> = [
        opts.photo.as_deref(),
        opts.branding.logo.as_deref(),
        config_path.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    plan.check_targets(&inputs)?;
    let written = plan.run(&project, &opts)?;
    // A booklet bound as volumes is one job that wrote several files.
    for path in &written {
        let job = (plan.jobs.iter())
            .find(|j| matches!(&j.sink, Sink::File(p) | Sink::Html(p) if p == path))
            .or_else(|| plan.jobs.iter().find(|j| j.passes.impose));
        let locked = job.map(|job| locked(&opts, job)).unwrap_or_default();
        crate::diag::say(&format!("wrote {}{locked}\n", path.display()));
    }
    Ok(())
}

/// What `wrote FILE` adds when the file is locked: a counselor about to
/// e-mail it knows it is, and a partner's file says whose password opens it.
fn locked(opts: &BuildOptions, job: &Job) -> String {
    let (a, b) = (&opts.names.a, &opts.names.b);
    match (&job.passes.password, job.layout.split_file()) {
        (None, _) => String::new(),
        (Some(_), Some(SplitFile::A)) => format!(" (locked with {a}'s own password)"),
        (Some(_), Some(SplitFile::B)) => format!(" (locked with {b}'s own password)"),
        (Some(_), _) => " (locked with a password)".to_string(),
    }
}
