//! `workbook init [DIR]`: a commented starter workbook.toml.

use std::path::PathBuf;

use crate::cli::InitArgs;
use crate::diag::{Error, Result};
use crate::settings::config::DEFAULT_FILE;

/// The starter file: every key, commented, with its allowed values.
pub(crate) const STARTER: &str = include_str!("init-starter.toml");

/// Writes the starter file, never over an existing one without --force.
pub(crate) fn run(args: InitArgs) -> Result<()> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if crate::output::is_link_loop_at(&dir) {
        return Err(Error::usage(
            format!("{}: the links there form a loop", dir.display()),
            Some("fix the link, or give another folder".to_string()),
        ));
    }
    if !dir.is_dir() {
        return Err(Error::usage(
            format!("{} is not a folder", dir.display()),
            Some("create the folder first, or leave DIR out to use this one".to_string()),
        ));
    }
    let path = dir.join(DEFAULT_FILE);
    if path.exists() && !args.force {
        return Err(Error::OutputPath {
            path,
            reason: "it already exists".into(),
            hint: Some("keep it, or pass --force to replace it with the starter file".into()),
        });
    }
    crate::output::write_atomic(&path, STARTER.as_bytes())?;
    // The next step, runnable as printed: preview needs the couple's names
    // (the starter leaves them out) and, elsewhere than here, the file.
    let config = if dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!(" -c {}", path.display())
    };
    crate::diag::say(&format!(
        "wrote {0}\nnext: edit {0}, then run `workbook preview{config} --names \"Ana & Ben\"` to see its pages\n",
        path.display()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_file_is_a_valid_config() {
        let config =
            crate::settings::config::parse(std::path::Path::new("workbook.toml"), super::STARTER)
                .unwrap();
        // Names belong to one couple, not to a practice's shared file: an
        // active sample name would build workbooks for "Ana & Ben".
        assert!(config.couple.names.is_none());
        assert!(super::STARTER.contains("# names = \"Ana & Ben\""));
    }
}
