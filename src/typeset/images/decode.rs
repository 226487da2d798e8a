//! Recognising and decoding an image under memory and size limits, upright.

use std::io::Cursor;
use std::path::Path;

use image::error::{ImageError, LimitErrorKind};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{Failure, MAX_ALLOC, MAX_PIXELS, MAX_SIDE, Target};

/// The format, from the content; refused when it is not PNG, JPEG or WebP,
/// or when the file's extension names another image format.
pub(super) fn detect_format(bytes: &[u8], path: &Path) -> Result<ImageFormat, Failure> {
    let not_ours = |what: Option<String>| {
        let reason = match what {
            Some(what) => format!("not a PNG, JPEG or WebP image (it looks like {what})"),
            None => "not a PNG, JPEG or WebP image".to_string(),
        };
        Failure::new(
            reason,
            Some("save or export the picture as PNG, JPEG or WebP".into()),
        )
    };
    let content = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => f,
        Ok(other) => return Err(not_ours(Some(an_image(other)))),
        Err(_) if is_heif(bytes) => return Err(not_ours(Some("a HEIC/HEIF photo".into()))),
        Err(_) => return Err(not_ours(None)),
    };
    let extension = path.extension().unwrap_or_default();
    if let Some(named) = ImageFormat::from_extension(extension)
        && named != content
    {
        return Err(Failure::new(
            format!(
                "the name says {} (.{}) but the file holds {}",
                format_name(named),
                extension.to_string_lossy(),
                an_image(content)
            ),
            Some(format!(
                "rename it to end in .{}",
                content.extensions_str()[0]
            )),
        ));
    }
    Ok(content)
}

/// HEIC/HEIF (iPhone photos) has no decoder here, but deserves a name.
pub(super) fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
        )
}

pub(super) fn format_name(format: ImageFormat) -> String {
    match format {
        ImageFormat::Jpeg => "JPEG".into(),
        ImageFormat::WebP => "WebP".into(),
        other => format!("{other:?}").to_uppercase(),
    }
}

/// "a PNG image", "an AVIF image".
pub(super) fn an_image(format: ImageFormat) -> String {
    let name = format_name(format);
    let article = if name.starts_with(['A', 'E', 'I', 'O']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name} image")
}

pub(super) fn limits() -> Limits {
    // `Limits` is non-exhaustive: start from the defaults and set each field.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// Decodes under [`limits`], upright. The dimensions are checked from the
/// header, before any pixel memory is allocated.
pub(super) fn decode(
    bytes: &[u8],
    format: ImageFormat,
    target: Target,
) -> Result<DynamicImage, Failure> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| decode_failure(e, bytes, format, target))?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(Failure::new(
            format!(
                "has {:.1} million pixels; the largest accepted is {} million",
                pixels as f64 / 1e6,
                MAX_PIXELS / 1_000_000
            ),
            target.smaller_copy_hint(),
        ));
    }
    // `DynamicImage::from_decoder` allocates the whole image without asking.
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(too_much_memory(target));
    }
    // The JPEG decoder is lenient: it fills in what a cut-off file lacks.
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(damaged());
    }
    // A broken EXIF block should not cost a usable picture its place.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| decode_failure(e, bytes, format, target))?;
    image.apply_orientation(orientation);
    Ok(image)
}

pub(super) fn decode_failure(
    err: ImageError,
    bytes: &[u8],
    format: ImageFormat,
    target: Target,
) -> Failure {
    match err {
        ImageError::Limits(limit) if limit.kind() == LimitErrorKind::DimensionError => {
            let claims = match claimed_size(bytes, format) {
                Some((w, h)) => format!("claims to be {w} x {h} pixels"),
                None => "is too large".to_string(),
            };
            Failure::new(
                format!("{claims}; the largest accepted is {MAX_SIDE} x {MAX_SIDE}"),
                target.smaller_copy_hint(),
            )
        }
        ImageError::Limits(_) => too_much_memory(target),
        ImageError::Unsupported(detail) => Failure::new(
            format!(
                "could not be read: this kind of {} is not supported ({detail})",
                format_name(format)
            ),
            Some("open it in an image editor and save it again as an ordinary PNG or JPEG".into()),
        ),
        // Truncation shows up as an I/O error (end of data) or a decoding one.
        ImageError::Decoding(_)
        | ImageError::IoError(_)
        | ImageError::Parameter(_)
        | ImageError::Encoding(_) => damaged(),
    }
}

pub(super) fn damaged() -> Failure {
    Failure::new(
        "could not be read: the file is damaged or incomplete",
        Some("open it in an image viewer to check it, then save or export it again".into()),
    )
}

/// Whether a JPEG's segments and scans run whole up to the end-of-image
/// marker. Segments are skipped by their length, so the thumbnail JPEG
/// inside EXIF is not mistaken for the end.
pub(super) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    let is_standalone = |m: u8| (0xD0..=0xD8).contains(&m) || m == 0x01;
    let mut at = 0;
    loop {
        // Tolerate junk between segments, as common decoders do.
        while at < bytes.len() && bytes[at] != 0xFF {
            at += 1;
        }
        // Any number of 0xFF fill bytes may come before a marker.
        while at < bytes.len() && bytes[at] == 0xFF {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return false;
        };
        at += 1;
        if marker == EOI {
            return true;
        }
        if is_standalone(marker) || marker == 0x00 {
            continue;
        }
        let Some(len) = bytes.get(at..at + 2) else {
            return false;
        };
        at += usize::from(u16::from_be_bytes([len[0], len[1]]));
        if at > bytes.len() {
            return false;
        }
        if marker == SOS {
            // Entropy-coded data ends at the first 0xFF that is neither
            // stuffing (0xFF 0x00) nor a restart marker.
            loop {
                match bytes.get(at..at + 2) {
                    None => return false,
                    Some(&[0xFF, next]) if next != 0x00 && !(0xD0..=0xD7).contains(&next) => break,
                    Some(_) => at += 1,
                }
            }
        }
    }
}

pub(super) fn too_much_memory(target: Target) -> Failure {
    Failure::new(
        format!(
            "is too large to decode within {} MB of memory",
            MAX_ALLOC / (1024 * 1024)
        ),
        target.smaller_copy_hint(),
    )
}

/// The width and height a header claims, for the message only: the decoders
/// report an oversized image without its size.
pub(super) fn claimed_size(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    if format == ImageFormat::Png {
        // The PNG decoder applies the limits while reading the header, so
        // read the IHDR chunk (right after the signature) directly.
        let ihdr = bytes.get(8..24)?;
        if &ihdr[4..8] != b"IHDR" {
            return None;
        }
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        return Some((be(&ihdr[8..12]), be(&ihdr[12..16])));
    }
    // The JPEG and WebP decoders read just the header when made, and check
    // the dimension limits afterwards: leave those out to learn the size.
    let mut header_only = Limits::default();
    header_only.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(header_only);
    reader.into_dimensions().ok()
}
