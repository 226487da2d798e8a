//! `workbook build`: one couple, one PDF.

use std::path::{Path, PathBuf};

use crate::cli::BuildArgs;
use crate::diag::{Error, Result};
use crate::settings::{BuildOptions, Environment};

/// Builds one workbook and writes it whole, or not at all.
pub(crate) fn run(args: BuildArgs) -> Result<()> {
    let config = crate::settings::config::load(args.config.as_deref())?;
    let opts = BuildOptions::resolve(args, config.as_ref(), &Environment::read()?)?;
    if let Some(warning) = config.as_ref().and_then(|c| c.support_warning()) {
        crate::diag::say(&warning);
    }
    if opts.split.is_some() {
        crate::output::split::check(&opts)?;
    }
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::settings::edition::default_file_name(&opts)));
    if output.as_os_str() == "-" {
        return to_stdout(&opts);
    }
    // Refuse a bad target before spending time on layout.
    let config_path = config.as_ref().map(|c| c.path.clone());
    let inputs: Vec<&Path> = [
        opts.photo.as_deref(),
        opts.branding.logo.as_deref(),
        config_path.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if opts.split.is_some() {
        return split(&opts, &output, &inputs);
    }
    crate::output::check_pdf_target(&output, &inputs)?;
    let pdf = build(&opts)?;
    crate::messages::step("write", || crate::output::write_atomic(&output, &pdf))?;
    crate::diag::say(&format!(
        "wrote {}{}\n",
        output.display(),
        locked(&opts, None)
    ));
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
    if crate::output::stdout_was_closed() {
        return Err(Error::Io {
            path: PathBuf::from("standard output"),
            source: std::io::Error::other("it is closed, so the PDF would be lost"),
        });
    }
    let pdf = build(opts)?;
    let mut out = std::io::stdout().lock();
    // Written in pieces no larger than any pipe's buffer, to know whether
    // any reached the reader.
    let mut written = 0;
    let result = pdf.chunks(4096).try_for_each(|piece| {
        out.write_all(piece)?;
        written += piece.len();
        Ok(())
    });
    match result.and_then(|()| out.flush()) {
        // A reader that took some and stopped (`| head`): like other
        // tools, stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && written > 0 => Ok(()),
        // A reader gone before the first byte: the PDF went nowhere.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            path: PathBuf::from("standard output"),
            source: std::io::Error::other(
                "the program that was to read it had already stopped, so the PDF would be lost",
            ),
        }),
        result => result.map_err(|source| Error::Io {
            path: PathBuf::from("standard output"),
            source,
        }),
    }
}

/// The PDF for these options, from the guide they name.
fn build(opts: &BuildOptions) -> Result<Vec<u8>> {
    let (engine, content) = load(opts)?;
    crate::build_pdf(&engine, &content, opts)
}

/// The guide these options name, with a warning for each old id in them.
fn load(opts: &BuildOptions) -> Result<(crate::typeset::world::Engine, crate::guide::Content)> {
    let (engine, content) = crate::messages::step("load", || crate::load_for(opts))?;
    let ids = opts.skip.iter().chain(&opts.only).chain(&opts.handout);
    for warning in content.renamed_warnings(ids) {
        crate::diag::warn(&warning);
    }
    Ok((engine, content))
}

/// `--split partners`: the three files, written all or none.
fn split(opts: &BuildOptions, shared: &Path, inputs: &[&Path]) -> Result<()> {
    use crate::output::split;
    let targets = split::targets(shared, opts);
    split::check_targets(&targets, inputs)?;
    let (engine, content) = load(opts)?;
    let pdfs = split::build(&engine, &content, opts)?;
    crate::messages::step("write", || split::write(&targets, &pdfs))?;
    for (target, file) in targets.iter().zip(crate::settings::split::SplitFile::ALL) {
        crate::diag::say(&format!(
            "wrote {}{}\n",
            target.display(),
            locked(opts, Some(file))
        ));
    }
    Ok(())
}

/// What `wrote FILE` adds when the file is locked: a counselor about to
/// e-mail it knows it is, and a partner's file says whose password opens it.
fn locked(opts: &BuildOptions, file: Option<crate::settings::split::SplitFile>) -> String {
    use crate::settings::split::SplitFile;
    let password = opts.password_of(file);
    let (a, b) = (&opts.names.a, &opts.names.b);
    match (password, file) {
        (None, _) => String::new(),
        (Some(_), Some(SplitFile::A)) => format!(" (locked with {a}'s own password)"),
        (Some(_), Some(SplitFile::B)) => format!(" (locked with {b}'s own password)"),
        (Some(_), _) => " (locked with a password)".to_string(),
    }
}
