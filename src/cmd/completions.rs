//! `workbook completions SHELL`: a completion script on standard output,
//! generated from the same definitions that parse the command line.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::diag::{Error, Result};

/// Prints the script for the chosen shell.
pub(crate) fn run(args: CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    // Generated whole first: clap_complete panics on a closed pipe
    // (`workbook completions bash | head`), and our writer does not.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "workbook", &mut script);
    crate::messages::out(&script).map_err(|source| Error::Io {
        path: "standard output".into(),
        source,
    })
}
