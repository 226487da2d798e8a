//! Typesetting with the embedded Typst: the fonts, our `World` over the
//! project's sources, compiling and exporting, the user's images, the
//! pages drawn as images, and the limits a build from the user's own
//! sources runs under. It writes no file: `output` does.

pub mod compile;
mod diagnostics;
pub mod export;
pub(crate) mod fallback;
pub(crate) mod families;
pub mod fonts;
pub mod html;
pub mod images;
pub mod limits;
pub mod marks;
pub mod preview;
pub mod stamp;
pub mod world;

/// The sources moved up to `crate::sources` (the project's, read by the
/// guide and the typesetter alike); the old path stays for the tests.
pub use crate::sources;
