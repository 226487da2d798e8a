//! `workbook build`: one couple, one PDF.

use std::path::PathBuf;

use crate::cli::BuildArgs;
use crate::content::Content;
use crate::error::{Error, Result};
use crate::fonts::Fonts;
use crate::names::Names;
use crate::options::{self, BuildOptions};
use crate::paper::Paper;
use crate::print::PrintOptions;
use crate::sources::Sources;
use crate::world::Engine;

pub fn run(args: BuildArgs) -> Result<()> {
    let opts = options_from_args(args)?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::output::default_file_name(&opts.names)));
    // Refuse a bad target before spending time on layout.
    crate::output::check_target(&output)?;
    let sources = Sources::embedded();
    let content = Content::load(&sources)?;
    let fonts = Fonts::load(&sources, &opts.font_paths)?;
    let engine = Engine::new(sources, fonts);
    let pdf = crate::build_pdf(&engine, &content, &opts)?;
    crate::output::write_atomic(&output, &pdf)?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

/// Checks the command-line values into build options.
pub fn options_from_args(args: BuildArgs) -> Result<BuildOptions> {
    let names = args.names.ok_or_else(|| {
        Error::usage(
            "no names given",
            Some("say who the workbook is for: --names \"Ana & Ben\"".to_string()),
        )
    })?;
    Ok(BuildOptions {
        names: Names::parse(&names)?,
        print: PrintOptions {
            paper: args.paper.unwrap_or_else(Paper::from_env),
            sides: args.sides.unwrap_or_default(),
            booklet: args.booklet,
            ruling: args.ruling.unwrap_or_default(),
            ink_saver: args.ink_saver,
            standards: args.pdf_standard,
        },
        start_date: args
            .start_date
            .as_deref()
            .map(options::parse_date)
            .transpose()?,
        days: options::check_days(args.days.unwrap_or(options::DEFAULT_DAYS))?,
        skip: args.skip,
        only: args.only,
        font_paths: args.font_path,
        output: args.output,
    })
}
