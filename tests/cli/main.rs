//! The integration tests: one binary, one module per area.

mod support;

mod build;
mod clinical;
mod content_check;
mod eject;
mod forms;
mod guide;
mod images;
mod names;
mod output;
mod practice;
mod print;
mod regressions;
mod world;
