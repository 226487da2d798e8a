//! The `workbook` binary: parse the command line, run, report, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = workbook::cli::Cli::parse();
    match workbook::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", error.report());
            ExitCode::from(error.exit_code())
        }
    }
}
