//! `workbook preview`: chosen pages of one workbook as PNG images, to
//! check a practice's branding and contacts before a batch.

use std::path::PathBuf;

use crate::cli::PreviewArgs;
use crate::diag::{Result, say};
use crate::plan::Plan;
use crate::project::Project;
use crate::settings::{BuildOptions, Environment};
use crate::typeset::preview::{self, DEFAULT_PAGES};

/// Lays out the book and writes one PNG per chosen page.
pub(crate) fn run(args: PreviewArgs) -> Result<()> {
    super::refuse_html(&args.build, "preview", "draws the printed pages as images")?;
    let config = crate::settings::config::load(args.build.config.as_deref())?;
    let opts = BuildOptions::resolve(args.build, config.as_ref(), &Environment::read()?)?;
    // Here -o names a folder, made when missing (as `batch --out-dir`
    // does); without it, a new folder named after the book keeps the
    // images together instead of scattering them here.
    let dir = opts.output.clone().unwrap_or_else(|| default_folder(&opts));
    let spec = args.pages.as_deref().unwrap_or(DEFAULT_PAGES);
    preview::check_spec(spec)?;
    let project = Project::load(&opts)?;
    for path in Plan::proofs(&opts, dir, spec, args.dpi).run(&project, &opts)? {
        say(&format!("wrote {}\n", path.display()));
    }
    Ok(())
}

/// `workbook-ana-ben-preview`: the book's own file name, as a folder.
fn default_folder(opts: &BuildOptions) -> PathBuf {
    let name = crate::output::names::for_settings(opts);
    PathBuf::from(format!("{}-preview", name.trim_end_matches(".pdf")))
}
