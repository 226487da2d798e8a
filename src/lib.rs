//! workbook: a personalised, printable couples' workbook compiled with an embedded Typst; the
//! library behind the `workbook` binary. The steps below are its pipeline, in data-flow order.
//!
//! 1. [`settings`]: the flags, workbook.toml and a CSV row, checked into
//!    [`settings::BuildOptions`].
//! 2. [`Project`]: the sources, the guide, the fonts, the engine and the
//!    practice's logo, loaded once for every job of a command.
//! 3. [`Plan`]: the jobs the settings ask for; each says what to lay out
//!    ([`guide::layout::Layout`]), which finishing passes run
//!    ([`plan::Passes`]) and where the result goes ([`plan::Sink`]).
//! 4. Each job: [`guide`] selects its parts, `data` writes `data.json`,
//!    [`typeset`] lays it out and exports it, [`pdf`] finishes it.
//! 5. `output`: the result written whole, or not at all.

pub mod answers;
pub(crate) mod batch;
pub(crate) mod cleanup;
pub mod cli;
pub mod cmd;
pub(crate) mod data;
pub mod diag;
mod faults;
pub mod guide;
mod input;
pub mod messages;
pub(crate) mod output;
pub mod pdf;
pub mod plan;
pub mod project;
pub mod serve;
pub mod settings;
pub mod sources;
mod spreadsheet;
mod staging;
pub mod typeset;

#[cfg(test)]
mod layers;

pub use plan::{Job, Plan};
pub use project::{Project, Projects};
pub use typeset::compile::Compiled;

use diag::Result;
use guide::Content;
use plan::run::Shared;
use settings::BuildOptions;
use typeset::world::Engine;

/// Step 4, for everything the settings ask for as one book: lays it out
/// (see [`plan::run::lay_out`]) from an engine and a guide, without a
/// project's once-only work.
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    plan::run::lay_out(Shared::bare(engine, content), opts, &Job::whole(opts))
}

/// Steps 4 and 5 in memory: the PDF of [`compile`]'s book, exported and
/// finished (the first volume of a booklet bound as volumes: see
/// [`build_pdfs`]).
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    Ok(build_pdfs(engine, content, opts)?.swap_remove(0))
}

/// Steps 4 and 5 in memory: the PDFs of [`compile`]'s book, one, or one
/// for each volume of a booklet bound as volumes.
pub fn build_pdfs(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<Vec<u8>>> {
    plan::run::pdf(Shared::bare(engine, content), opts, &Job::whole(opts))
}
