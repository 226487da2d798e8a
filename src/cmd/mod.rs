//! One module per subcommand.

pub mod build;
pub mod list;

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::List => list::run(),
    }
}
