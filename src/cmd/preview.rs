//! `workbook preview`: chosen pages of one workbook as PNG images, to
//! check a practice's branding and contacts before a batch.

use std::path::PathBuf;

use crate::cli::PreviewArgs;
use crate::diag::{Error, Result, say};
use crate::settings::{BuildOptions, Environment};
use crate::typeset::preview::{self, DEFAULT_PAGES, Landmarks};

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
    let (engine, content) = crate::load_for(&opts)?;
    let compiled = crate::compile(&engine, &content, &opts)?;
    let title = |id: &str| {
        content
            .parts()
            .find(|p| p.id.get_ref() == id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    let landmarks = Landmarks {
        note: opts.branding.note.is_some(),
        safety_title: title("safety"),
        // The list with the practice's numbers, not the chapter's opener.
        support_title: content
            .exercises
            .get("support-contacts")
            .map(|e| e.title.clone())
            .unwrap_or_else(|| title("support")),
    };
    let spec = args.pages.as_deref().unwrap_or(DEFAULT_PAGES);
    let (wanted, missing) = preview::pages(&compiled.document, spec, &landmarks)?;
    for name in missing {
        say(&format!("notice: this book has no {name} page; skipped\n"));
    }
    let stem = crate::output::default_file_name(&opts.names);
    let stem = stem.trim_end_matches(".pdf");
    for page in wanted {
        let png = preview::png(&compiled.document, page.index, args.dpi)?;
        let path = dir.join(format!("{stem}-{:02}-{}.png", page.index + 1, page.name));
        crate::output::write_atomic(&path, &png)?;
        say(&format!("wrote {}\n", path.display()));
    }
    Ok(())
}
