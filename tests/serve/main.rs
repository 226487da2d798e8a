//! `workbook serve` without a browser: the binary is started on a free
//! loopback port, and spoken to over plain HTTP/1.1 on a socket.

// A test binary exports nothing: `pub` here only shares helpers.
#![allow(unreachable_pub)]

mod client;
mod jobs;
mod security;
