//! The font that form fields type in: Open Sans Regular, embedded whole
//! (not subset) as a simple TrueType font with WinAnsi encoding, because a
//! viewer draws what the user types with it and cannot know in advance
//! which letters those will be. PDF/A and PDF/UA ask for it to be embedded.

use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The resource name fields refer to in their `/DA` strings.
pub(crate) const RESOURCE: &str = "WbSans";

/// The embedded Open Sans Regular: the same bytes the typesetter uses, so
/// the binary carries the font once.
fn open_sans() -> &'static [u8] {
    crate::typeset::sources::embedded_asset("fonts/open-sans/OpenSans-Regular.ttf")
        .expect("Open Sans Regular is embedded in assets/fonts")
}

/// What is read from the font once per process: widths and metrics in PDF
/// units (1/1000 em), and the compressed font program.
struct Prepared {
    postscript_name: String,
    widths: Vec<i64>,
    bbox: [i64; 4],
    ascent: i64,
    descent: i64,
    cap_height: i64,
    program: Vec<u8>,
}

/// WinAnsiEncoding codes 128 to 159 (the rest is Latin-1); None where the
/// encoding leaves a code undefined.
const WIN_ANSI_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

const FIRST: u8 = 32;
const LAST: u8 = 255;

fn win_ansi(code: u8) -> Option<char> {
    match code {
        128..=159 => WIN_ANSI_HIGH[usize::from(code - 128)],
        _ => Some(char::from(code)),
    }
}

fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let face = ttf_parser::Face::parse(open_sans(), 0).expect("the embedded Open Sans parses");
        let scale = 1000.0 / f64::from(face.units_per_em());
        let units = |v: i16| (f64::from(v) * scale).round() as i64;
        let widths = (FIRST..=LAST)
            .map(|code| {
                win_ansi(code)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, |w| (f64::from(w) * scale).round() as i64)
            })
            .collect();
        let b = face.global_bounding_box();
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "OpenSans".to_string());
        let mut program = Stream::new(Dictionary::new(), open_sans().to_vec());
        program.compress().expect("compressing the font");
        Prepared {
            postscript_name,
            widths,
            bbox: [
                units(b.x_min),
                units(b.y_min),
                units(b.x_max),
                units(b.y_max),
            ],
            ascent: units(face.ascender()),
            descent: units(face.descender()),
            cap_height: units(face.capital_height().unwrap_or(face.ascender())),
            program: program.content,
        }
    })
}

/// Adds the font to `doc` and returns the font dictionary's id.
pub(crate) fn add(doc: &mut Document) -> ObjectId {
    let p = prepared();
    let program = Stream::new(
        Dictionary::from_iter([
            ("Length1", Object::Integer(open_sans().len() as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]),
        p.program.clone(),
    );
    let program_id = doc.add_object(program);
    let name = Object::Name(p.postscript_name.clone().into_bytes());
    let descriptor = Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", name.clone()),
        // Non-symbolic: the glyphs are reached through WinAnsiEncoding.
        ("Flags", Object::Integer(32)),
        (
            "FontBBox",
            Object::Array(p.bbox.iter().map(|&v| Object::Integer(v)).collect()),
        ),
        ("ItalicAngle", Object::Integer(0)),
        ("Ascent", Object::Integer(p.ascent)),
        ("Descent", Object::Integer(p.descent)),
        ("CapHeight", Object::Integer(p.cap_height)),
        ("StemV", Object::Integer(80)),
        ("FontFile2", Object::Reference(program_id)),
    ]);
    let descriptor_id = doc.add_object(descriptor);
    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"TrueType".to_vec())),
        ("BaseFont", name),
        ("FirstChar", Object::Integer(i64::from(FIRST))),
        ("LastChar", Object::Integer(i64::from(LAST))),
        (
            "Widths",
            Object::Array(p.widths.iter().map(|&w| Object::Integer(w)).collect()),
        ),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
        ("FontDescriptor", Object::Reference(descriptor_id)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_encoding() {
        let p = prepared();
        assert_eq!(p.widths.len(), 224);
        let width = |c: u8| p.widths[usize::from(c - FIRST)];
        // Open Sans: a space is narrower than an "m", and the euro sign at
        // code 128 has a glyph while code 129 is undefined.
        assert!(width(b' ') > 0 && width(b' ') < width(b'm'));
        assert!(width(128) > 0);
        assert_eq!(width(129), 0);
        assert!(p.ascent > 0 && p.descent < 0);
        // A PDF name without spaces, as /BaseFont needs.
        assert!(p.postscript_name.starts_with("OpenSans") && !p.postscript_name.contains(' '));
    }
}
