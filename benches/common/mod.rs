//! What the benches share: build options made through the real command
//! line, so that every bench follows the CLI.

use clap::Parser;

use workbook::settings::BuildOptions;

/// The options of `workbook build --names NAMES --paper a4 EXTRA...`.
pub(crate) fn options_with(names: &str, extra: &[&str]) -> BuildOptions {
    let mut args = vec!["workbook", "build", "--names", names, "--paper", "a4"];
    args.extend_from_slice(extra);
    let cli = workbook::cli::Cli::try_parse_from(args).unwrap();
    let workbook::cli::Command::Build(args) = cli.command else {
        unreachable!()
    };
    BuildOptions::resolve(
        args,
        None,
        &workbook::settings::Environment::read().unwrap(),
    )
    .unwrap()
}
