//! The integration tests: one binary, one module per area.

// A test binary exports nothing: `pub` here only shares helpers between
// its modules.
#![allow(unreachable_pub)]

mod support;

mod answers;
mod batch;
mod build;
mod clinical;
mod content_check;
mod contracts;
mod conventions;
mod eject;
mod faults;
mod forms;
mod guide;
mod images;
mod layout;
mod names;
mod output;
mod practice;
mod print;
mod regressions;
mod world;
