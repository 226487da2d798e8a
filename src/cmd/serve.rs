//! `workbook serve`: the whole tool in a browser (src/serve/ is the server).

use crate::cli::ServeArgs;
use crate::diag::Result;

/// Serves until Ctrl-C or SIGTERM.
pub(crate) fn run(args: ServeArgs) -> Result<()> {
    crate::serve::run(crate::serve::Options {
        port: args.port,
        open: !args.no_open,
        config: args.config,
    })
}
