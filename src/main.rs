//! The `workbook` binary: parse the command line, run, report, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = workbook::cli::Cli::parse();
    workbook::messages::set_verbosity(cli.quiet, cli.verbose);
    match workbook::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Never a panic (exit 101) when stderr is closed or full.
            workbook::messages::error(&error.report());
            ExitCode::from(error.exit_code())
        }
    }
}
