//! Build-time benchmark: the first workbook in a process against the next
//! ones, which reuse the Typst library, fonts and parsed templates (comemo
//! memoisation), as `batch` will. Run with `cargo bench --bench build`.

use std::time::{Duration, Instant};

use clap::Parser;

use workbook::content::Content;
use workbook::fonts::Fonts;
use workbook::options::BuildOptions;
use workbook::sources::Sources;
use workbook::world::Engine;

const COUPLES: &[&str] = &[
    "Ana & Ben",
    "Chloe & Dev",
    "Emil & Fatima",
    "Grace & Hugo",
    "Ines & Jon",
    "Kai & Lena",
    "Milo & Nora",
    "Omar & Pia",
    "Quinn & Rosa",
    "Sam & Tariq",
    "Uma & Vic",
];

fn options(names: &str) -> BuildOptions {
    // Through the real command-line parser, so the bench follows the CLI.
    let cli = workbook::cli::Cli::try_parse_from([
        "workbook", "build", "--names", names, "--paper", "a4",
    ])
    .unwrap();
    let workbook::cli::Command::Build(args) = cli.command else {
        unreachable!()
    };
    BuildOptions::resolve(args, None).unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // SAFETY: single-threaded at this point; pins the PDF date.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1795564800") };
    let start = Instant::now();
    let sources = Sources::embedded();
    let content = Content::load(&sources).unwrap();
    let fonts = Fonts::load(&sources, &[]).unwrap();
    let engine = Engine::new(sources, fonts);
    let setup = start.elapsed();

    let mut compile = Vec::new();
    let mut export = Vec::new();
    let mut pages = 0;
    for names in COUPLES {
        let opts = options(names);
        let t = Instant::now();
        let compiled = workbook::compile(&engine, &content, &opts).unwrap();
        compile.push(t.elapsed());
        pages = compiled.document.pages().len();
        let t = Instant::now();
        let pdf = workbook::render::export(
            &engine,
            &compiled.data,
            &compiled.document,
            &compiled.stamp,
            &opts.print,
        )
        .unwrap();
        export.push(t.elapsed());
        assert!(pdf.len() > 10_000);
    }
    let later: Vec<f64> = compile[1..].iter().map(|d| ms(*d)).collect();
    let later_mean = later.iter().sum::<f64>() / later.len() as f64;
    let export_mean = export.iter().map(|d| ms(*d)).sum::<f64>() / export.len() as f64;
    println!(
        "workbook of {pages} pages (A4, default options), {} couples in one process",
        COUPLES.len()
    );
    println!("setup (content check, fonts, engine): {:8.1} ms", ms(setup));
    println!(
        "first compile:                        {:8.1} ms",
        ms(compile[0])
    );
    println!(
        "later compiles, mean of {:2}:           {:8.1} ms  ({:.1}x faster than the first)",
        later.len(),
        later_mean,
        ms(compile[0]) / later_mean
    );
    println!(
        "PDF export, mean:                     {:8.1} ms",
        export_mean
    );
}
