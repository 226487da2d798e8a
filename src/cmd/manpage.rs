//! `workbook manpage [DIR]`: man pages for workbook and each subcommand
//! (`workbook.1`, `workbook-build.1`, ...), written whole or not at all.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::{Cli, ManpageArgs};
use crate::diag::{Error, Result};

/// Writes the pages and says where.
pub(crate) fn run(args: ManpageArgs) -> Result<()> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    // A fresh account has no ~/.local/share/man/man1 yet: make it, as
    // `batch --out-dir` does.
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::usage(
            format!("{}: cannot create the folder ({e})", dir.display()),
            Some("choose a folder you can write to, or leave DIR out to write here".to_string()),
        )
    })?;
    let command = Cli::command();
    let mut pages = vec![("workbook".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        // Each page names itself as its users type it: `workbook build`.
        let name = format!("workbook-{}", sub.get_name());
        let sub = sub.clone().name(name.clone()).display_name(name.clone());
        pages.push((name, sub));
    }
    for (name, page) in pages {
        write_page(&dir, &name, page)?;
    }
    crate::diag::say(&format!("wrote man pages into {}\n", dir.display()));
    Ok(())
}

fn write_page(dir: &Path, name: &str, command: clap::Command) -> Result<()> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut bytes)
        .map_err(|source| Error::Io {
            path: PathBuf::from(name),
            source,
        })?;
    crate::output::write_atomic(&dir.join(format!("{name}.1")), &bytes)
}
