//! The integration tests: one binary, one module per area.

// A test binary exports nothing: `pub` here only shares helpers between
// its modules.
#![allow(unreachable_pub)]

mod support;

mod a11y;
mod answers;
mod batch;
mod build;
mod clinical;
mod content_check;
mod contracts;
mod conventions;
mod counselor;
mod dates;
mod edges;
mod edges_unix;
mod eject;
mod facilitator;
mod faults;
mod forms;
mod fresh;
mod fuzz_answers;
mod guide;
mod handouts;
mod html;
mod images;
mod layout;
mod names;
mod output;
mod practice;
mod print;
mod print_design;
mod privacy;
mod regressions;
mod sheets;
mod spanish;
mod split;
mod volumes;
mod world;
