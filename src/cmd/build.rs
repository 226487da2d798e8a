//! `workbook build`: one couple, one PDF.

use std::path::PathBuf;

use crate::cli::BuildArgs;
use crate::content::Content;
use crate::error::Result;
use crate::fonts::Fonts;
use crate::options::BuildOptions;
use crate::sources::Sources;
use crate::world::Engine;

pub fn run(args: BuildArgs) -> Result<()> {
    let config = crate::config::load(args.config.as_deref())?;
    let opts = BuildOptions::resolve(args, config.as_ref())?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::output::default_file_name(&opts.names)));
    // Refuse a bad target before spending time on layout.
    crate::output::check_target(&output)?;
    let (engine, content) = engine_for(&opts)?;
    let pdf = crate::build_pdf(&engine, &content, &opts)?;
    crate::output::write_atomic(&output, &pdf)?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

/// The engine and checked content for these options: the embedded guide,
/// or the user's `--sources` folder.
pub fn engine_for(opts: &BuildOptions) -> Result<(Engine, Content)> {
    let (sources, user) = match &opts.sources {
        Some(dir) => (Sources::with_dir(dir)?, true),
        None => (Sources::embedded(), false),
    };
    let content = Content::load(&sources)?;
    let fonts = Fonts::load(&sources, &opts.font_paths)?;
    Ok((Engine::new(sources, fonts).with_user_sources(user), content))
}

/// Checks the command-line values into build options, without a config file.
pub fn options_from_args(args: BuildArgs) -> Result<BuildOptions> {
    BuildOptions::resolve(args, None)
}
