//! workbook: a personalised, printable couples' workbook, compiled with an
//! embedded Typst. This crate is the library behind the `workbook` binary.

pub mod batch;
pub mod branding;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod data;
pub mod error;
pub mod extra;
pub mod fieldkeys;
pub mod fields;
pub mod fonts;
pub mod images;
pub mod names;
pub mod options;
pub mod output;
pub mod paper;
pub mod pdf;
pub mod print;
pub mod render;
pub mod select;
pub mod sources;
pub mod world;

use content::Content;
use error::Result;
use options::BuildOptions;
use typst::foundations::Bytes;
use unicode_normalization::UnicodeNormalization;
use world::Engine;

/// A laid-out workbook with what it was made from, ready for export.
pub struct Compiled {
    pub document: typst_layout::PagedDocument,
    /// Typst's warnings about our templates (none expected).
    pub warnings: Vec<String>,
    pub data: Vec<u8>,
    /// The couple's own files (a prepared logo or photo), by virtual path.
    pub files: Vec<(String, Bytes)>,
    pub stamp: render::Stamp,
}

/// Lays out one workbook: select the parts, check the fonts cover the
/// names, write `data.json`, compile.
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    let selection = select::Selection::new(content, &opts.skip, &opts.only)?;
    // Refuse impossible options before spending time on layout.
    opts.print.check_layout()?;
    opts.print.pdf_standards()?;
    engine
        .fonts()
        .check_coverage("--names", &opts.names.joined())?;
    for (field, text) in opts.branding.texts() {
        engine.fonts().check_coverage(field, text)?;
    }
    check_content_coverage(engine, content, &selection)?;
    let mut data = data::build(content, &selection, opts);
    let files = user_files(opts, &mut data)?;
    let (mut document, mut warnings, mut bytes, mut stamp) = compile_data(engine, &data, &files)?;
    // A booklet is folded from sheets of four pages: pad with notes pages.
    let pad = (4 - document.pages().len() % 4) % 4;
    if opts.print.booklet && pad > 0 {
        data["print"]["pad-pages"] = pad.into();
        (document, warnings, bytes, stamp) = compile_data(engine, &data, &files)?;
    }
    Ok(Compiled {
        document,
        warnings,
        data: bytes,
        files,
        stamp,
    })
}

/// A counselor's texts may hold letters or emoji no font has: say which
/// exercise and key, rather than fail in Typst's export.
fn check_content_coverage(
    engine: &Engine,
    content: &Content,
    selection: &select::Selection,
) -> Result<()> {
    // "a" + U+0308 is drawn as "ä": check the composed form.
    let check = |field: &str, text: &str| {
        engine
            .fonts()
            .check_coverage(field, &text.nfc().collect::<String>())
    };
    let manifest = &content.manifest;
    check("guide.toml (title)", &manifest.title)?;
    check("guide.toml (subtitle)", &manifest.subtitle)?;
    for part in content.parts() {
        let id = part.id.get_ref();
        if selection.parts.contains(id) {
            check(&format!("guide.toml (part {id})"), &part.title)?;
        }
    }
    // The five steps are all listed, taught in this copy or not.
    for step in &manifest.steps {
        let step = step.get_ref();
        check(
            &format!("guide.toml (step {})", step.number.get_ref()),
            &step.title,
        )?;
    }
    for (id, exercise) in &content.exercises {
        if selection.exercises.contains(id) {
            for (key, text) in exercise.texts() {
                check(&format!("exercise {id} ({key})"), text)?;
            }
        }
    }
    Ok(())
}

/// The logo and the cover photo, read under limits and re-encoded, as
/// virtual files; `data.json` learns their paths.
fn user_files(opts: &BuildOptions, data: &mut serde_json::Value) -> Result<Vec<(String, Bytes)>> {
    let mut files = Vec::new();
    // Printed sizes: the logo at most 60 x 14 mm, the photo 120 x 60 mm.
    let wanted = [
        (
            opts.branding.logo.as_ref(),
            "[counselor] logo",
            "logo",
            (60.0, 14.0),
        ),
        (opts.photo.as_ref(), "--photo", "photo", (120.0, 60.0)),
    ];
    for (path, field, key, (w, h)) in wanted {
        if let Some(path) = path {
            let image = images::prepare(path, field, w, h)?;
            let virtual_path = format!("/user/{key}.png");
            data[key] = virtual_path.clone().into();
            files.push((virtual_path, Bytes::new(image.png)));
        }
    }
    Ok(files)
}

fn compile_data(
    engine: &Engine,
    data: &serde_json::Value,
    files: &[(String, Bytes)],
) -> Result<(
    typst_layout::PagedDocument,
    Vec<String>,
    Vec<u8>,
    render::Stamp,
)> {
    let bytes = serde_json::to_vec_pretty(data).expect("data.json serialises");
    // The identifier is derived from everything that shapes the document.
    let stamp = render::Stamp::now(String::from_utf8_lossy(&bytes).into_owned())?;
    let (document, warnings) = render::compile(engine, &bytes, files, &stamp)?;
    Ok((document, warnings, bytes, stamp))
}

/// Compiles one workbook to PDF bytes, ready to print: viewer preferences
/// set, and imposed on sheets for a booklet.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let compiled = compile(engine, content, opts)?;
    let marks = if opts.print.fillable {
        Some(form_marks(engine, &compiled.document)?)
    } else {
        None
    };
    let pdf = render::export(
        engine,
        &compiled.data,
        &compiled.document,
        &compiled.stamp,
        &opts.print,
    )?;
    if opts.print.booklet {
        return pdf::booklet::impose(&pdf);
    }
    let duplex = match opts.print.sides {
        print::Sides::Single => pdf::viewer::Duplex::None,
        print::Sides::Duplex => pdf::viewer::Duplex::LongEdge,
    };
    pdf::finish(pdf, duplex, marks.as_deref()).map_err(|e| blame_user_templates(engine, e))
}

/// The write-in areas for `--fillable`, read from the layout; there must be
/// at least one.
fn form_marks(
    engine: &Engine,
    document: &typst_layout::PagedDocument,
) -> Result<Vec<fields::Mark>> {
    let marks = fields::marks(document)
        .map_err(|e| blame_user_templates(engine, pdf::internal_message(e)))?;
    if marks.is_empty() {
        return Err(error::Error::usage(
            "--fillable: the pages built here have no write-in areas, so there is nothing to fill in",
            Some("choose parts with exercises (see `workbook list`); with --sources, templates mark their write-in areas as templates/fields.typ shows".to_string()),
        ));
    }
    Ok(marks)
}

/// With the user's own templates (`--sources`), a form that cannot be made
/// from their marks is theirs to fix, not a bug in workbook.
fn blame_user_templates(engine: &Engine, e: error::Error) -> error::Error {
    match e {
        error::Error::Typst { message, .. } if engine.user_sources() => error::Error::UserTemplate {
            message: format!("the write-in areas of your templates: {message}"),
            hints: vec!["every <field> mark needs the link that templates/fields.typ puts with it; compare with a fresh `workbook eject`".into()],
        },
        other => other,
    }
}
