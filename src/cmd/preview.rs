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
    // Here -o names a folder, made when missing (as `batch --out-dir`
    // does); without it, a new folder named after the book keeps the
    // images together instead of scattering them here.
    let dir = opts.output.take().unwrap_or_else(|| default_folder(&opts));
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
    // Made only now: bad options or a failed layout leave no empty folder.
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::usage(
            format!("-o {}: cannot create the folder ({e})", dir.display()),
            Some("choose a folder you can write to".to_string()),
        )
    })?;
    for path in preview::write_pages(&compiled, &content, &opts, spec, args.dpi, &dir)? {
        say(&format!("wrote {}\n", path.display()));
    }
    Ok(())
}

/// `workbook-ana-ben-preview`: the book's own file name, as a folder.
fn default_folder(opts: &BuildOptions) -> PathBuf {
    let name = crate::settings::edition::default_file_name(opts);
    PathBuf::from(format!("{}-preview", name.trim_end_matches(".pdf")))
}
