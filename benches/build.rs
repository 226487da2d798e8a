//! Build-time benchmark: the first workbook in a process against the next
//! ones, which reuse the Typst library, fonts and parsed templates (comemo
//! memoisation), as `batch` will. Run with `cargo bench --bench build`.

use std::time::{Duration, Instant};

mod common;

use common::options_with;
use workbook::guide::Content;
use workbook::settings::BuildOptions;
use workbook::typeset::fonts::Fonts;
use workbook::typeset::sources::Sources;
use workbook::typeset::world::Engine;

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
    options_with(names, &[])
}

/// Lays out and exports one workbook, timing both steps.
fn compile_and_export(
    engine: &Engine,
    content: &Content,
    opts: &BuildOptions,
) -> (workbook::Compiled, Vec<u8>, Duration, Duration) {
    let t = Instant::now();
    let compiled = workbook::compile(engine, content, opts).unwrap();
    let compile = t.elapsed();
    let t = Instant::now();
    let pdf = workbook::typeset::export::export(
        engine,
        &compiled.data,
        &compiled.document,
        &compiled.stamp,
        &opts.print,
    )
    .unwrap();
    (compiled, pdf, compile, t.elapsed())
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
        let (compiled, pdf, c, e) = compile_and_export(&engine, &content, &opts);
        compile.push(c);
        export.push(e);
        pages = compiled.document.pages().len();
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

    // The same couple again: Typst's layout is all memoized, so this is
    // what a build costs around Typst (option checks, font coverage of
    // every printed text, data.json).
    let opts = options(COUPLES[0]);
    let t = Instant::now();
    for _ in 0..10 {
        workbook::compile(&engine, &content, &opts).unwrap();
    }
    println!(
        "same couple again (memoized), mean of 10: {:5.1} ms",
        ms(t.elapsed()) / 10.0
    );

    // The whole build, plain and --fillable, each for couples this process
    // has not built yet (so both lay out from scratch), alternating so that
    // both see the same warm caches; timed step by step.
    let mut steps = [[0.0f64; 3]; 2]; // [plain, fillable] x [compile, export, finish]
    let mut sizes = [0; 2];
    for (i, names) in COUPLES.iter().enumerate() {
        let (a, b) = names.split_once(" & ").unwrap();
        let fresh = [format!("{b} & {a}"), format!("{a}{i} & {b}")];
        for (k, flags) in [&[][..], &["--fillable"][..]].into_iter().enumerate() {
            let opts = options_with(&fresh[k], flags);
            let (compiled, pdf, c, e) = compile_and_export(&engine, &content, &opts);
            steps[k][0] += ms(c);
            steps[k][1] += ms(e);
            let t = Instant::now();
            let marks = opts
                .print
                .fillable
                .then(|| workbook::typeset::marks::marks(&compiled.document).unwrap());
            let pdf =
                workbook::pdf::finish(pdf, workbook::pdf::viewer::Duplex::None, marks.as_deref())
                    .unwrap();
            steps[k][2] += ms(t.elapsed());
            sizes[k] = pdf.len();
        }
    }
    let n = COUPLES.len() as f64;
    for (k, label) in ["plain", "--fillable"].iter().enumerate() {
        let [c, e, f] = steps[k].map(|v| v / n);
        println!(
            "whole build {label:>10}, new couple, mean of {}: {:6.1} ms = compile {c:5.1} + export {e:5.1} + finish {f:5.1}  ({} KB)",
            COUPLES.len(),
            c + e + f,
            sizes[k] / 1024
        );
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;

    // The form step alone, on one exported PDF: the post-processing with
    // and without fields.
    let opts = options_with("Ana & Ben", &["--fillable"]);
    let (compiled, exported, _, _) = compile_and_export(&engine, &content, &opts);
    let marks = workbook::typeset::marks::marks(&compiled.document).unwrap();
    let (mut bare, mut forms) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let t = Instant::now();
        workbook::pdf::finish(exported.clone(), workbook::pdf::viewer::Duplex::None, None).unwrap();
        bare.push(ms(t.elapsed()));
        let t = Instant::now();
        workbook::pdf::finish(
            exported.clone(),
            workbook::pdf::viewer::Duplex::None,
            Some(&marks),
        )
        .unwrap();
        forms.push(ms(t.elapsed()));
    }
    println!(
        "post-processing, mean of 10:          {:8.1} ms; with {} form fields {:8.1} ms",
        mean(&bare),
        marks.len(),
        mean(&forms)
    );
}
