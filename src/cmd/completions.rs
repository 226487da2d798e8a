//! `workbook completions SHELL`: a completion script on standard output,
//! generated from the same definitions that parse the command line.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::diag::Result;

/// Prints the script for the chosen shell.
pub(crate) fn run(args: CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "workbook", &mut std::io::stdout());
    Ok(())
}
