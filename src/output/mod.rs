//! Where results go: file names, checks that a target can take a file,
//! atomic writes (a PDF appears whole or not at all), several files all or
//! none, standard output, proof images and an ejected project.

pub(crate) mod eject;
pub(crate) mod files;
pub(crate) mod html;
pub(crate) mod names;
pub(crate) mod proofs;
pub(crate) mod stdout;
mod target;
mod write;

pub(crate) use target::{
    check_file_target, check_html_target, check_pdf_target, is_link_loop_at, parent_of, set_force,
};
pub(crate) use write::{write_atomic, write_private};

/// A name made safe for a file name (the settings own it; the failed
/// rows' file is named with it here).
pub(crate) use crate::settings::names::slug;
