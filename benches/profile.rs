//! Where a batch's time goes, per workbook: Typst's own phases (from its
//! timing trace: evaluation, layout iterations, PDF export) and our steps,
//! for the first couple of a process and for a later one, which reuses the
//! first one's memoized layout wherever the names do not reach. Writes the
//! later couple's trace to `target/profile-trace.json` (open it in
//! chrome://tracing or ui.perfetto.dev). Run with
//! `cargo bench --bench profile`.

use std::collections::BTreeMap;
use std::time::Instant;

mod common;

use typst::World;

use workbook::settings::BuildOptions;

/// Couples as a batch sees them: names of different lengths.
const COUPLES: &[&str] = &["Ana 0 & Dev 0", "Ben 1 & Emil 1", "Chloe 2 & Fatima 2"];

fn options(names: &str) -> BuildOptions {
    common::options_with(names, &[])
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// One whole build, step by step: (compile, export, marks and finish) in ms.
fn build(
    engine: &workbook::typeset::world::Engine,
    content: &workbook::guide::Content,
    names: &str,
) -> [f64; 3] {
    let opts = options(names);
    let t = Instant::now();
    let compiled = workbook::compile(engine, content, &opts).unwrap();
    let compile = ms(t);
    let t = Instant::now();
    let pdf = compiled.export(engine, &opts.print).unwrap();
    let export = ms(t);
    let t = Instant::now();
    workbook::pdf::finish(pdf, workbook::pdf::viewer::Duplex::None, None).unwrap();
    [compile, export, ms(t)]
}

fn main() {
    // SAFETY: single-threaded at this point; pins the PDF date.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1795564800") };
    let workbook::Project {
        engine, content, ..
    } = workbook::Project::load(&options(COUPLES[0])).unwrap();
    let first = build(&engine, &content, COUPLES[0]);
    let second = build(&engine, &content, COUPLES[1]);
    println!(
        "{:28} {:>9} {:>9} {:>9}",
        "ms", "compile", "export", "finish"
    );
    println!(
        "{:28} {:9.1} {:9.1} {:9.1}",
        "first couple of a process", first[0], first[1], first[2]
    );
    println!(
        "{:28} {:9.1} {:9.1} {:9.1}",
        "a later couple", second[0], second[1], second[2]
    );

    // The third couple again, traced: Typst's phases, summed per name.
    typst_timing::enable();
    build(&engine, &content, COUPLES[2]);
    typst_timing::disable();
    let world = engine.world(
        &workbook::typeset::world::DataFiles {
            data: vec![],
            couple: vec![],
        },
        typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap(),
        &[],
    );
    let mut trace = Vec::new();
    typst_timing::export_json(&mut trace, |span| {
        let span = typst::syntax::Span::from_raw(span);
        let Some(id) = span.id() else {
            return (String::new(), 0);
        };
        let line = world
            .source(id)
            .ok()
            .and_then(|s| {
                s.find(span)
                    .and_then(|n| s.lines().byte_to_line(n.offset()))
            })
            .map_or(0, |l| l as u32 + 1);
        (format!("{:?}", id.vpath()), line)
    })
    .unwrap();
    std::fs::write("target/profile-trace.json", &trace).unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_slice(&trace).unwrap();
    // Begin and end events pair up per thread; phases nest, so the sums of
    // different names overlap (a page run holds its blocks' layout).
    let mut open: BTreeMap<u64, Vec<(String, f64)>> = BTreeMap::new();
    let mut total: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for e in &events {
        let tid = e["tid"].as_u64().unwrap_or(0);
        let ts = e["ts"].as_f64().unwrap_or(0.0);
        match e["ph"].as_str() {
            Some("B") => open
                .entry(tid)
                .or_default()
                .push((e["name"].as_str().unwrap_or("").to_string(), ts)),
            Some("E") => {
                if let Some((name, start)) = open.entry(tid).or_default().pop() {
                    let entry = total.entry(name).or_default();
                    entry.0 += (ts - start) / 1000.0;
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    println!(
        "\nTypst's phases for a later couple (traced, so slower than above; CPU ms over all threads):"
    );
    for name in [
        "compile",
        "eval",
        "layout document",
        "iter (1)",
        "iter (2)",
        "iter (3)",
        "iter (4)",
        "iter (5)",
        "page run",
        "realize",
        "pdf",
    ] {
        if let Some((ms, n)) = total.get(name) {
            println!("  {name:18} {ms:8.1} ms  ({n} calls)");
        }
    }
    println!("trace written to target/profile-trace.json");
}
