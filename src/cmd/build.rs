//! `workbook build`: one couple, one PDF.

use std::path::PathBuf;

use crate::cli::BuildArgs;
use crate::content::Content;
use crate::error::{Error, Result};
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
    if output.as_os_str() == "-" {
        return to_stdout(&opts);
    }
    // Refuse a bad target before spending time on layout.
    let config_path = config.as_ref().map(|c| c.path.clone());
    let inputs: Vec<&std::path::Path> = [
        opts.photo.as_deref(),
        opts.branding.logo.as_deref(),
        config_path.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    crate::output::check_pdf_target(&output, &inputs)?;
    let (engine, content) = engine_for(&opts)?;
    let pdf = crate::build_pdf(&engine, &content, &opts)?;
    crate::output::write_atomic(&output, &pdf)?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

/// `-o -`: the PDF on standard output, for a pipe or a redirect; never on
/// a terminal, where it would be screenfuls of bytes.
fn to_stdout(opts: &BuildOptions) -> Result<()> {
    use std::io::{IsTerminal, Write};
    if std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "-o -: standard output is a terminal, where a PDF would be unreadable bytes",
            Some("redirect it (`-o - > book.pdf`, `-o - | lpr`) or give -o FILE".to_string()),
        ));
    }
    let (engine, content) = engine_for(opts)?;
    let pdf = crate::build_pdf(&engine, &content, opts)?;
    let mut out = std::io::stdout().lock();
    match out.write_all(&pdf).and_then(|_| out.flush()) {
        // The reader stopped early (`| head`): like other tools, stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| Error::Io {
            path: PathBuf::from("standard output"),
            source,
        }),
    }
}

/// The engine and checked content for these options: the embedded guide,
/// or the user's `--sources` folder.
pub fn engine_for(opts: &BuildOptions) -> Result<(Engine, Content)> {
    engine_from(
        opts.sources.as_deref(),
        &opts.font_paths,
        opts.extra_exercises.as_deref(),
    )
}

/// The engine and checked content from a sources folder (or the embedded
/// guide), extra font folders and a folder of extra exercises.
pub fn engine_from(
    sources_dir: Option<&std::path::Path>,
    font_paths: &[PathBuf],
    extra: Option<&std::path::Path>,
) -> Result<(Engine, Content)> {
    let sources = match sources_dir {
        Some(dir) => Sources::with_dir(dir)?,
        None => Sources::embedded(),
    };
    let mut content = Content::load(&sources)?;
    if let Some(dir) = extra {
        crate::extra::add(&mut content, dir)?;
    }
    let fonts = Fonts::load(&sources, font_paths)?;
    let engine = Engine::new(sources, fonts).with_user_sources(sources_dir.is_some());
    Ok((engine, content))
}

/// Checks the command-line values into build options, without a config file.
pub fn options_from_args(args: BuildArgs) -> Result<BuildOptions> {
    BuildOptions::resolve(args, None)
}
