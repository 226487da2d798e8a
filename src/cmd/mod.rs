//! One module per subcommand.

pub mod batch;
pub mod build;
pub mod eject;
pub mod init;
pub mod list;

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::List(args) => list::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Init(args) => init::run(args),
        Command::Eject(args) => eject::run(args),
    }
}
