//! The `workbook` binary: parse the command line, run, report, exit.

use std::process::ExitCode;

use clap::Parser;

/// The system's allocator, with a refusal of one huge request while a
/// build from `--sources` runs (src/typeset/limits.rs says why).
#[global_allocator]
static ALLOCATOR: workbook::typeset::limits::Refusing = workbook::typeset::limits::Refusing;

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
