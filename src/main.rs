//! The `workbook` binary: parse the command line, run, report, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = workbook::cli::Cli::parse();
    workbook::messages::set_verbosity(cli.quiet, cli.verbose);
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    workbook::messages::set_colour(
        std::io::IsTerminal::is_terminal(&std::io::stderr()),
        set("NO_COLOR"),
        set("CLICOLOR_FORCE"),
    );
    match workbook::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Never a panic (exit 101) when stderr is closed or full.
            workbook::messages::error(&error.report());
            ExitCode::from(error.exit_code())
        }
    }
}
