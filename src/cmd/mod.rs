//! One module per subcommand.

mod answers;
mod batch;
mod build;
mod completions;
mod eject;
mod init;
mod list;
mod manpage;
mod preview;
mod serve;

use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{Error, Result};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    // Every command that writes files (build, batch, eject, init, preview,
    // answers -o, manpage) writes through temporary files, and removes them
    // when a signal stops it: a part file of `answers` may hold decrypted
    // answers. The others lose nothing by it, so it is installed always.
    if !matches!(cli.command, Command::List(_) | Command::Completions(_)) {
        crate::cleanup::on_signals();
    }
    if let Command::Build(args) | Command::Batch(crate::cli::BatchArgs { build: args, .. }) =
        &cli.command
    {
        crate::output::set_force(args.force);
    }
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::List(args) => list::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Init(args) => init::run(args),
        Command::Eject(args) => eject::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Answers(args) => answers::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Manpage(args) => manpage::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// `-o` belongs to `build`; the other commands that share its options
/// write where they say, so a given `-o` is refused rather than ignored.
fn refuse_output(args: &BuildArgs, command: &str, instead: &str) -> Result<()> {
    match &args.output {
        Some(path) => Err(Error::usage(
            format!(
                "-o {}: `workbook {command}` does not take -o",
                path.display()
            ),
            Some(instead.to_string()),
        )),
        None => Ok(()),
    }
}

/// Refuses `--format html` for a command that only makes the printed book
/// (preview's page images, eject's Typst project), rather than quietly
/// making a PDF's pages the user did not ask for. `format = "html"` in a
/// shared workbook.toml is not refused: it is the practice's default for
/// builds, and these commands have only the one kind to make.
fn refuse_html(args: &BuildArgs, command: &str, does: &str) -> Result<()> {
    match args.format {
        Some(crate::cli::Format::Html) => Err(Error::usage(
            format!("--format html: `workbook {command}` {does}"),
            Some(
                "build the HTML edition with `workbook build --format html` and open it in a browser"
                    .to_string(),
            ),
        )),
        _ => Ok(()),
    }
}
