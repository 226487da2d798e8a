//! `workbook eject [DIR]`: the embedded guide, templates and assets as a
//! plain Typst project, with a data.json for the given options and a
//! couple.json with the names.

use std::path::PathBuf;

use crate::cli::EjectArgs;
use crate::diag::Result;
use crate::settings::names::PLACEHOLDER;
use crate::settings::{BuildOptions, Environment};
use crate::typeset::sources::Sources;

const README: &str = include_str!("eject-readme.md");
/// The one way to build an ejected folder with plain Typst, run inside it;
/// The docs' eject chapter and the ejected README give the same command
/// (tested).
pub(crate) const TYPST_COMMAND: &str = "typst compile templates/workbook.typ workbook.pdf --root . --font-path assets/fonts --ignore-system-fonts";

/// Writes the project, checking every target before writing any.
pub(crate) fn run(args: EjectArgs) -> Result<()> {
    super::refuse_output(
        &args.build,
        "eject",
        "give the folder to write: workbook eject DIR",
    )?;
    // No folder is made until the options are checked and the project
    // built in memory: `write_to` then writes it all or nothing.
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
    let mut opts = BuildOptions::resolve(build, config.as_ref(), &Environment::read()?)?;
    // Form fields are made by workbook after Typst: a plain `typst compile`
    // of the ejected folder would be left with their placeholder links.
    opts.print.fillable = false;
    let (engine, content) = crate::load_for(&opts)?;
    let compiled = crate::compile(&engine, &content, &opts)?;

    let mut project = Sources::default();
    for (path, bytes) in engine.sources().iter() {
        project.insert(path, bytes.to_vec());
    }
    project.insert(crate::typeset::world::DATA, compiled.data.data.clone());
    project.insert(crate::typeset::world::COUPLE, compiled.data.couple.clone());
    for (path, bytes) in &compiled.files {
        project.insert(path, bytes.to_vec());
    }
    project.insert("/README.md", README.as_bytes().to_vec());
    let written = project.write_to(&dir, force)?;
    crate::diag::say(&format!(
        "wrote {} files into {}\nbuild it with: workbook build --names {:?} --sources {}\nor with Typst, in that folder: {TYPST_COMMAND}\n",
        written.len(),
        dir.display(),
        opts.names.joined(),
        dir.display()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_gives_the_same_typst_command() {
        let docs = include_str!("../../docs/src/eject.md").replace('\n', " ");
        assert!(super::README.contains(super::TYPST_COMMAND));
        assert!(
            docs.contains(super::TYPST_COMMAND),
            "docs/src/eject.md has another command"
        );
    }
}
