//! `workbook preview`: chosen pages of one workbook as PNG images, to
//! check a practice's branding and contacts before a batch.

use std::path::PathBuf;

use crate::cli::PreviewArgs;
use crate::diag::{Error, Result, say};
use crate::settings::{BuildOptions, Environment};
use crate::typeset::preview::{self, DEFAULT_PAGES};

/// Lays out the book and writes one PNG per chosen page.
pub(crate) fn run(args: PreviewArgs) -> Result<()> {
    let config = crate::settings::config::load(args.build.config.as_deref())?;
    let mut opts = BuildOptions::resolve(args.build, config.as_ref(), &Environment::read()?)?;
    // Here -o names a folder, and the pages are the paper version's.
    let dir = opts.output.take().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return Err(Error::usage(
            format!("-o {}: not a folder", dir.display()),
            Some("create it first, or leave -o out to write here".to_string()),
        ));
    }
    opts.print.fillable = false;
    let spec = args.pages.as_deref().unwrap_or(DEFAULT_PAGES);
    preview::check_spec(spec)?;
    let (engine, content) = crate::load_for(&opts)?;
    // The same watch as a build: --time-limit and --memory-limit hold for
    // a user's --sources here too.
    let compiled = {
        let _watch = engine.watch();
        crate::compile(&engine, &content, &opts)?
    };
    for path in preview::write_pages(&compiled, &content, &opts, spec, args.dpi, &dir)? {
        say(&format!("wrote {}\n", path.display()));
    }
    Ok(())
}
