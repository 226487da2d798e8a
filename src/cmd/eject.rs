//! `workbook eject [DIR]`: the embedded guide, templates and assets as a
//! plain Typst project, with a data.json for the given options and a
//! couple.json with the names.

use std::path::PathBuf;

use crate::cli::EjectArgs;
use crate::diag::Result;
use crate::output::eject::TYPST_COMMAND;
use crate::plan::Plan;
use crate::project::Project;
use crate::settings::names::PLACEHOLDER;
use crate::settings::{BuildOptions, Environment};

/// Writes the project, checking every target before writing any.
pub(crate) fn run(args: EjectArgs) -> Result<()> {
    super::refuse_output(
        &args.build,
        "eject",
        "give the folder to write: workbook eject DIR",
    )?;
    super::refuse_html(&args.build, "eject", "writes the Typst project of the PDF")?;
    // No folder is made until the options are checked and the project
    // built in memory: it is then written all or nothing.
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let config = crate::settings::config::load(args.build.config.as_deref())?;
    let force = args.build.force;
    let mut build = args.build;
    let has_names = build.names.is_some()
        || config
            .as_ref()
            .is_some_and(|c| c.config.couple.names.is_some());
    if !has_names {
        build.names = Some(PLACEHOLDER.to_string());
    }
    let opts = BuildOptions::resolve(build, config.as_ref(), &Environment::read()?)?;
    let project = Project::load(&opts)?;
    let written = Plan::eject(&opts, dir.clone(), force).run(&project, &opts)?;
    crate::diag::say(&format!(
        "wrote {} files into {}\nbuild it with: workbook build --names {:?} --sources {}\nor with Typst, in that folder: {TYPST_COMMAND}\n",
        written.len(),
        dir.display(),
        opts.names.joined(),
        dir.display()
    ));
    Ok(())
}
