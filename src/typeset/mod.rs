//! Typesetting with the embedded Typst: the files it may read, the fonts,
//! our `World`, compiling and exporting, and the user's images.

pub mod compile;
mod diagnostics;
pub mod export;
pub mod fonts;
pub mod images;
pub mod marks;
pub mod sources;
pub mod world;
