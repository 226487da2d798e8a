//! User images (logo, photo): read under limits, cleaned, re-encoded as PNG for Typst.
//!
//! Typst's own decoder aborted the process on a PNG that claims to be
//! 100000 x 100000 pixels, and passes JPEG EXIF (GPS included) and comments
//! into the PDF; a CMYK JPEG breaks PDF/A. So Typst only ever gets the PNG
//! made here: 8-bit sRGB RGB or RGBA, no metadata chunks, at most 300 dpi at
//! the size it is printed.
//!
//! Choices worth knowing:
//! - The format comes from the bytes. A name whose extension names another
//!   image format (`photo.jpg` holding a PNG) is refused, naming both, so a
//!   mix-up is noticed instead of silently "working"; an extension that names
//!   no image format (`.img`, none) is not checked.
//! - Embedded ICC profiles are ignored: pixels are taken as sRGB, which is what
//!   nearly every photo and logo is. CMYK JPEGs are turned into RGB by the
//!   JPEG decoder with its plain formula, not through their profile.
//! - The EXIF orientation is applied before the EXIF is dropped, or phone
//!   photos would print on their side.

use std::fs::{self, File};
use std::io::{self, Cursor, Read};
use std::path::Path;

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::error::{ImageError, LimitErrorKind};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageBuffer, ImageDecoder, ImageEncoder, ImageFormat,
    ImageReader, Limits, Pixel, RgbaImage,
};

use crate::error::{Error, Result};

/// The largest image file read, in bytes: a full-size camera JPEG is a few MB.
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// The widest and tallest image decoded, in pixels.
pub const MAX_SIDE: u32 = 12_000;

/// The most pixels decoded: about a 64-megapixel camera.
pub const MAX_PIXELS: u64 = 64_000_000;

/// The most memory the decoder may allocate, in bytes; with
/// [`MAX_PIXELS`] this fits an 8-bit RGBA image.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Print resolution: more pixels than this only make the PDF bigger.
pub const PRINT_DPI: f64 = 300.0;

/// An image ready to hand to Typst.
#[derive(Debug, Clone)]
pub struct PreparedImage {
    /// A PNG with only IHDR, IDAT and IEND chunks, 8-bit RGB or RGBA.
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

/// Reads the image at `path` and makes it safe and small enough to print in
/// a box of `max_width_mm` x `max_height_mm`. `field` names what the image is
/// for in messages ("--photo", "[counselor] logo").
///
/// Fails with [`Error::Image`] (bad input, exit 2) for anything but a regular
/// PNG, JPEG or WebP file within the limits above.
pub fn prepare(
    path: &Path,
    field: &str,
    max_width_mm: f64,
    max_height_mm: f64,
) -> Result<PreparedImage> {
    let target = Target::from_mm(max_width_mm, max_height_mm);
    let fail = |Failure { reason, hint }: Failure| Error::Image {
        field: field.to_string(),
        path: path.to_path_buf(),
        reason,
        hint,
    };
    let bytes = read_regular_file(path, target).map_err(fail)?;
    let format = detect_format(&bytes, path).map_err(fail)?;
    let image = decode(&bytes, format, target).map_err(fail)?;
    // Up to 20 MB that the scaling below has no use for.
    drop(bytes);
    Ok(clean(image, target))
}

/// Why an image was refused, before it is tied to a field and path.
#[derive(Debug)]
struct Failure {
    reason: String,
    hint: Option<String>,
}

impl Failure {
    fn new(reason: impl Into<String>, hint: Option<String>) -> Self {
        Failure {
            reason: reason.into(),
            hint,
        }
    }
}

/// The largest size in pixels the image is worth keeping at.
#[derive(Debug, Clone, Copy)]
struct Target {
    width: u32,
    height: u32,
}

impl Target {
    fn from_mm(width_mm: f64, height_mm: f64) -> Self {
        let px = |mm: f64| {
            let px = (mm / 25.4 * PRINT_DPI).floor();
            // `as` saturates, and NaN becomes 0: both end up in range.
            (px as u32).clamp(1, MAX_SIDE)
        };
        Target {
            width: px(width_mm),
            height: px(height_mm),
        }
    }

    /// The size to scale a `width` x `height` image to: it fits the target,
    /// keeps its aspect ratio, and is never enlarged.
    fn fit(self, width: u32, height: u32) -> (u32, u32) {
        if width <= self.width && height <= self.height {
            return (width, height);
        }
        let scale = f64::min(
            f64::from(self.width) / f64::from(width),
            f64::from(self.height) / f64::from(height),
        );
        let side = |px: u32, max: u32| ((f64::from(px) * scale).round() as u32).clamp(1, max);
        (side(width, self.width), side(height, self.height))
    }

    /// The hint for an image that is too big to take in.
    fn smaller_copy_hint(self) -> Option<String> {
        Some(format!(
            "it prints at most {} x {} pixels at {PRINT_DPI} dpi here: save a smaller copy",
            self.width, self.height
        ))
    }
}

/// The file's bytes, if it is a regular file of acceptable size. Devices,
/// FIFOs, sockets and folders are refused from their metadata, before any
/// `open`: opening a FIFO for reading blocks until a writer comes, and
/// `/dev/zero` never ends.
fn read_regular_file(path: &Path, target: Target) -> Result<Vec<u8>, Failure> {
    let meta = fs::metadata(path).map_err(io_failure)?;
    check_metadata(path, &meta, target)?;
    let file = File::open(path).map_err(io_failure)?;
    // The path may have been swapped between the check and the open; what
    // counts is the file actually opened. (A swap to a FIFO in that moment
    // would still block the open: refusing that too needs O_NONBLOCK, which
    // needs the `libc` crate.)
    let meta = file.metadata().map_err(io_failure)?;
    check_metadata(path, &meta, target)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte over the cap tells a file that grew past it after the check.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    check_size(bytes.len() as u64, target)?;
    Ok(bytes)
}

fn check_metadata(path: &Path, meta: &fs::Metadata, target: Target) -> Result<(), Failure> {
    if !meta.is_file() {
        let mut what = file_kind(&meta.file_type()).to_string();
        if let Ok(link) = fs::symlink_metadata(path)
            && link.file_type().is_symlink()
        {
            let to = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            what = format!("a link to {}, {what}", to.display());
        }
        return Err(Failure::new(
            format!("not a regular file (it is {what})"),
            Some("give the path of a PNG, JPEG or WebP file".into()),
        ));
    }
    check_size(meta.len(), target)
}

fn check_size(len: u64, target: Target) -> Result<(), Failure> {
    if len == 0 {
        return Err(Failure::new(
            "is empty (0 bytes)",
            Some("give the path of a PNG, JPEG or WebP file".into()),
        ));
    }
    if len > MAX_FILE_BYTES {
        return Err(Failure::new(
            format!(
                "is {}; the largest image file accepted is {}",
                megabytes(len),
                megabytes(MAX_FILE_BYTES)
            ),
            target.smaller_copy_hint(),
        ));
    }
    Ok(())
}

fn file_kind(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

fn io_failure(err: io::Error) -> Failure {
    let reason = match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "cannot be read: permission denied".to_string(),
        _ => format!("cannot be read: {err}"),
    };
    Failure::new(reason, None)
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// The format, from the content; refused when it is not PNG, JPEG or WebP,
/// or when the file's extension names another image format.
fn detect_format(bytes: &[u8], path: &Path) -> Result<ImageFormat, Failure> {
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
fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
        )
}

fn format_name(format: ImageFormat) -> String {
    match format {
        ImageFormat::Jpeg => "JPEG".into(),
        ImageFormat::WebP => "WebP".into(),
        other => format!("{other:?}").to_uppercase(),
    }
}

/// "a PNG image", "an AVIF image".
fn an_image(format: ImageFormat) -> String {
    let name = format_name(format);
    let article = if name.starts_with(['A', 'E', 'I', 'O']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name} image")
}

fn limits() -> Limits {
    // `Limits` is non-exhaustive: start from the defaults and set each field.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// Decodes under [`limits`], upright. The dimensions are checked from the
/// header, before any pixel memory is allocated.
fn decode(bytes: &[u8], format: ImageFormat, target: Target) -> Result<DynamicImage, Failure> {
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

fn decode_failure(err: ImageError, bytes: &[u8], format: ImageFormat, target: Target) -> Failure {
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

fn damaged() -> Failure {
    Failure::new(
        "could not be read: the file is damaged or incomplete",
        Some("open it in an image viewer to check it, then save or export it again".into()),
    )
}

/// Whether a JPEG's segments and scans run whole up to the end-of-image
/// marker. Segments are skipped by their length, so the thumbnail JPEG
/// inside EXIF is not mistaken for the end.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
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

fn too_much_memory(target: Target) -> Failure {
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
fn claimed_size(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
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

/// Converts to 8-bit RGB(A), scales down to the target and encodes as PNG.
fn clean(image: DynamicImage, target: Target) -> PreparedImage {
    let image = if image.color().has_alpha() {
        let mut rgba = image.into_rgba8();
        // An alpha channel that is opaque everywhere would only add a soft
        // mask to the PDF (not allowed in PDF/A-1).
        if rgba.as_raw().chunks_exact(4).all(|p| p[3] == 255) {
            DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8())
        } else {
            premultiply(&mut rgba);
            DynamicImage::ImageRgba8(rgba)
        }
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    match shrink(image, target) {
        DynamicImage::ImageRgba8(mut rgba) => {
            unpremultiply(&mut rgba);
            encode(&rgba, ExtendedColorType::Rgba8)
        }
        other => encode(&other.into_rgb8(), ExtendedColorType::Rgb8),
    }
}

/// Scales down to fit the target, never up. A large reduction is done in
/// two steps: an area average to twice the target (cheap, and it keeps the
/// filter's buffers small, which matters for a 12000-pixel input), then
/// Catmull-Rom, about as sharp as Lanczos with fewer taps. (`DynamicImage`'s
/// methods, unlike the generic `imageops` functions, come compiled with the
/// `image` crate's optimisations even in a debug build.)
fn shrink(image: DynamicImage, target: Target) -> DynamicImage {
    let (width, height) = (image.width(), image.height());
    let (new_width, new_height) = target.fit(width, height);
    if (new_width, new_height) == (width, height) {
        return image;
    }
    let (mid_width, mid_height) = (new_width * 2, new_height * 2);
    let image = if mid_width < width && mid_height < height {
        image.thumbnail_exact(mid_width, mid_height)
    } else {
        image
    };
    image.resize_exact(new_width, new_height, FilterType::CatmullRom)
}

// The filters average neighbouring pixels; without premultiplied alpha the
// colour of fully transparent pixels (often black) bleeds into the edges.
fn premultiply(image: &mut RgbaImage) {
    for p in image.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
}

fn unpremultiply(image: &mut RgbaImage) {
    for p in image.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            // Fully transparent pixels have no colour left to recover.
            *c = (u16::from(*c) * 255 + a / 2)
                .checked_div(a)
                .map_or(0, |v| v.min(255) as u8);
        }
    }
}

/// PNG from raw pixels: the encoder writes no metadata chunks, so EXIF,
/// GPS, comments and ICC profiles of the input cannot come through.
fn encode<P>(image: &ImageBuffer<P, Vec<u8>>, color: ExtendedColorType) -> PreparedImage
where
    P: Pixel<Subpixel = u8>,
{
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Default, PngFilter::Adaptive)
        .write_image(image.as_raw(), image.width(), image.height(), color)
        .expect("a complete 8-bit buffer encodes to memory");
    PreparedImage {
        png,
        width_px: image.width(),
        height_px: image.height(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images");

    fn fixture(name: &str) -> PathBuf {
        Path::new(FIXTURES).join(name)
    }

    fn ok(path: &Path, width_mm: f64, height_mm: f64) -> (PreparedImage, DynamicImage) {
        let prepared = prepare(path, "--photo", width_mm, height_mm)
            .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.report()));
        let decoded = image::load_from_memory_with_format(&prepared.png, ImageFormat::Png)
            .expect("our own PNG decodes");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (prepared.width_px, prepared.height_px)
        );
        assert_eq!(png_chunks(&prepared.png), ["IHDR", "IDAT", "IEND"]);
        (prepared, decoded)
    }

    /// Runs `prepare` on a hostile file and returns its message. The time
    /// limit guards against hanging (on a FIFO, on `/dev/zero`): it is not a
    /// benchmark. A hang fails the test instead of stalling the run.
    fn refused(path: &Path) -> String {
        let (send, receive) = mpsc::channel();
        let owned = path.to_path_buf();
        let start = Instant::now();
        std::thread::spawn(move || {
            let _ = send.send(prepare(&owned, "--photo", 40.0, 50.0));
        });
        let result = receive
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_else(|_| panic!("prepare hung on {}", path.display()));
        assert!(start.elapsed() < Duration::from_secs(2));
        let err = match result {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(err) => err,
        };
        assert!(matches!(err, Error::Image { .. }), "{err:?}");
        assert_eq!(err.exit_code(), 2);
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("--photo {}: ", path.display())),
            "{message}"
        );
        message
    }

    fn png_chunks(png: &[u8]) -> Vec<String> {
        let mut chunks = Vec::new();
        let mut at = 8;
        while at + 8 <= png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            chunks.push(String::from_utf8_lossy(&png[at + 4..at + 8]).into_owned());
            at += 12 + len;
        }
        chunks
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// A noisy RGB PNG, so that it neither compresses to nothing nor scales trivially.
    fn noisy_png(width: u32, height: u32) -> Vec<u8> {
        let mut seed = 0x2545_f491_u32;
        let image = image::RgbImage::from_fn(width, height, |_, _| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            image::Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
        });
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), width, height, ExtendedColorType::Rgb8)
            .unwrap();
        png
    }

    #[test]
    fn png_jpeg_and_webp_are_read() {
        for name in ["rgb.png", "photo.jpg", "progressive.jpg", "photo.webp"] {
            let (prepared, decoded) = ok(&fixture(name), 100.0, 100.0);
            assert_eq!((prepared.width_px, prepared.height_px), (60, 40), "{name}");
            assert_eq!(decoded.color(), image::ColorType::Rgb8, "{name}");
            // The fixtures are a gradient with blue at 128 everywhere.
            let b = decoded.to_rgb8().get_pixel(30, 20)[2];
            assert!(b.abs_diff(128) < 12, "{name}: blue {b}");
        }
    }

    #[test]
    fn alpha_is_kept_and_opaque_alpha_dropped() {
        let (_, decoded) = ok(&fixture("alpha.png"), 100.0, 100.0);
        assert_eq!(decoded.color(), image::ColorType::Rgba8);
        let rgba = decoded.to_rgba8();
        assert_eq!(rgba.get_pixel(0, 0)[3], 0);
        assert_eq!(rgba.get_pixel(20, 20).0, [200, 30, 30, 255]);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("opaque.png");
        RgbaImage::from_pixel(8, 8, image::Rgba([1, 2, 3, 255]))
            .save(&path)
            .unwrap();
        let (_, decoded) = ok(&path, 100.0, 100.0);
        assert_eq!(decoded.color(), image::ColorType::Rgb8);
    }

    #[test]
    fn transparent_edges_do_not_darken_when_shrunk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logo.png");
        // White stripes on transparent black: premultiplication keeps them white.
        RgbaImage::from_fn(400, 400, |x, _| {
            if (x / 10) % 2 == 0 {
                image::Rgba([255, 255, 255, 255])
            } else {
                image::Rgba([0, 0, 0, 0])
            }
        })
        .save(&path)
        .unwrap();
        let (prepared, decoded) = ok(&path, 10.0, 10.0);
        assert_eq!(prepared.width_px, 118);
        for p in decoded.to_rgba8().pixels().filter(|p| p[3] > 16) {
            assert!(p[0] > 240, "darkened edge: {p:?}");
        }
    }

    #[test]
    fn sixteen_bit_pngs_become_eight_bit_rgb() {
        let (_, decoded) = ok(&fixture("rgb16.png"), 100.0, 100.0);
        assert_eq!(decoded.color(), image::ColorType::Rgb8);
        assert_eq!(decoded.to_rgb8().get_pixel(5, 5).0, [255, 128, 0]);

        let (_, decoded) = ok(&fixture("gray16.png"), 100.0, 100.0);
        assert_eq!(decoded.color(), image::ColorType::Rgb8);
        let [r, g, b] = decoded.to_rgb8().get_pixel(5, 5).0;
        assert_eq!((r, r), (g, b));
        assert!(r.abs_diff(156) <= 1, "40000/65535 of white: {r}");
    }

    #[test]
    fn cmyk_jpeg_becomes_rgb() {
        let (_, decoded) = ok(&fixture("cmyk.jpg"), 100.0, 100.0);
        assert_eq!(decoded.color(), image::ColorType::Rgb8);
        // The fixture is pure red in CMYK (0, 100%, 100%, 0).
        let [r, g, b] = decoded.to_rgb8().get_pixel(30, 20).0;
        assert!(r > 220 && g < 40 && b < 40, "not red: {r} {g} {b}");
    }

    #[test]
    fn exif_gps_and_comments_are_dropped_and_orientation_applied() {
        let input = fs::read(fixture("exif-gps.jpg")).unwrap();
        for marker in [&b"Exif"[..], b"GPSMARKER", b"EXIFMARKER", b"COMMENTMARKER"] {
            assert!(contains(&input, marker), "fixture lacks its marker");
        }
        let (prepared, _) = ok(&fixture("exif-gps.jpg"), 100.0, 100.0);
        for marker in [&b"Exif"[..], b"GPS", b"EXIFMARKER", b"COMMENTMARKER"] {
            assert!(!contains(&prepared.png, marker));
        }
        // 60 x 40 stored, orientation 6 (rotate 90 degrees) to display.
        assert_eq!((prepared.width_px, prepared.height_px), (40, 60));
    }

    #[test]
    fn large_images_are_scaled_to_300_dpi() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        fs::write(&path, noisy_png(1200, 600)).unwrap();
        // 40 mm at 300 dpi is 472.4 pixels.
        let (prepared, _) = ok(&path, 40.0, 100.0);
        assert_eq!((prepared.width_px, prepared.height_px), (472, 236));
        // Height-bound: 20 mm is 236 pixels, so the width is 472.
        let (prepared, _) = ok(&path, 100.0, 20.0);
        assert_eq!((prepared.width_px, prepared.height_px), (472, 236));
        // A small reduction goes straight through the filter; 90 mm is 1062.99 pixels.
        let (prepared, _) = ok(&path, 90.0, 90.0);
        assert_eq!((prepared.width_px, prepared.height_px), (1062, 531));
        // Never scaled up.
        let (prepared, _) = ok(&fixture("rgb.png"), 500.0, 500.0);
        assert_eq!((prepared.width_px, prepared.height_px), (60, 40));
    }

    #[test]
    fn target_sizes() {
        let target = Target::from_mm(40.0, 50.0);
        assert_eq!((target.width, target.height), (472, 590));
        assert_eq!(target.fit(100, 100), (100, 100));
        assert_eq!(target.fit(4720, 100), (472, 10));
        assert_eq!(target.fit(100_000, 1), (472, 1));
        assert_eq!(target.fit(1000, 5900), (100, 590));
        let tiny = Target::from_mm(0.0, f64::NAN);
        assert_eq!((tiny.width, tiny.height), (1, 1));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_to_dev_zero_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.png");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with("not a regular file (it is a link to /dev/zero, a device)"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.png");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let message = refused(&path);
        assert!(
            message.ends_with("not a regular file (it is a named pipe (FIFO))"),
            "{message}"
        );
    }

    #[test]
    fn folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.png");
        fs::create_dir(&path).unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with("not a regular file (it is a folder)"),
            "{message}"
        );
    }

    #[test]
    fn missing_empty_and_oversized_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.png");
        assert!(refused(&missing).ends_with(": no such file"));

        let empty = dir.path().join("empty.png");
        fs::write(&empty, b"").unwrap();
        assert!(refused(&empty).ends_with(": is empty (0 bytes)"));

        // Sparse: no disk space or reading needed to refuse it.
        let big = dir.path().join("big.jpg");
        File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1_000_000)
            .unwrap();
        let message = refused(&big);
        assert!(
            message.ends_with(": is 21 MB; the largest image file accepted is 20 MB"),
            "{message}"
        );
    }

    #[test]
    fn truncated_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let png = noisy_png(200, 200);
        let path = dir.path().join("cut.png");
        fs::write(&path, &png[..png.len() * 6 / 10]).unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with(": could not be read: the file is damaged or incomplete"),
            "{message}"
        );
        // Cut inside the header.
        fs::write(&path, &png[..20]).unwrap();
        assert!(refused(&path).ends_with(": the file is damaged or incomplete"));
    }

    #[test]
    fn truncated_jpegs_are_refused() {
        let noisy = image::load_from_memory(&noisy_png(300, 200)).unwrap();
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&noisy)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.jpg");
        for cut in [jpeg.len() * 6 / 10, jpeg.len() - 2, 300] {
            fs::write(&path, &jpeg[..cut]).unwrap();
            let message = refused(&path);
            assert!(
                message.ends_with(": could not be read: the file is damaged or incomplete"),
                "cut at {cut}: {message}"
            );
        }
        fs::write(&path, &jpeg).unwrap();
        ok(&path, 100.0, 100.0);
    }

    #[test]
    fn jpeg_completeness() {
        // Progressive with restart markers, among others.
        for name in ["progressive.jpg", "exif-gps.jpg", "cmyk.jpg", "photo.jpg"] {
            assert!(
                jpeg_is_complete(&fs::read(fixture(name)).unwrap()),
                "{name}"
            );
        }
        let photo = fs::read(fixture("photo.jpg")).unwrap();
        // Trailing bytes after the end, as some cameras write, are fine.
        let mut trailing = photo.clone();
        trailing.extend_from_slice(b"trailer");
        assert!(jpeg_is_complete(&trailing));
        // A whole JPEG inside a segment (an EXIF thumbnail) is not the end.
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&photo);
        let mut nested = vec![0xFF, 0xD8, 0xFF, 0xE1];
        nested.extend_from_slice(&(app1.len() as u16 + 2).to_be_bytes());
        nested.extend_from_slice(&app1);
        nested.extend_from_slice(&photo[2..]);
        assert!(jpeg_is_complete(&nested));
        assert!(!jpeg_is_complete(&nested[..nested.len() - photo.len() / 2]));
        assert!(!jpeg_is_complete(b"\xFF\xD8"));
        assert!(!jpeg_is_complete(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"));
    }

    #[test]
    fn extensions_that_lie_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        fs::copy(fixture("rgb.png"), &path).unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with(": the name says JPEG (.jpg) but the file holds a PNG image"),
            "{message}"
        );

        let path = dir.path().join("notes.png");
        fs::write(&path, "just some text\n").unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with(": not a PNG, JPEG or WebP image"),
            "{message}"
        );

        let path = dir.path().join("anim.png");
        fs::write(&path, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
        let message = refused(&path);
        assert!(
            message.ends_with(": not a PNG, JPEG or WebP image (it looks like a GIF image)"),
            "{message}"
        );

        // An extension that names no image format is not a lie.
        let path = dir.path().join("photo.img");
        fs::copy(fixture("photo.jpg"), &path).unwrap();
        ok(&path, 100.0, 100.0);
    }

    #[test]
    fn huge_claimed_size_is_refused_from_the_header() {
        let path = fixture("huge-claim.png");
        assert_eq!(fs::metadata(&path).unwrap().len(), 68);
        let message = refused(&path);
        assert!(
            message.ends_with(
                ": claims to be 100000 x 100000 pixels; the largest accepted is 12000 x 12000"
            ),
            "{message}"
        );
    }

    #[test]
    fn messages_come_with_hints() {
        let err = prepare(&fixture("huge-claim.png"), "[counselor] logo", 40.0, 20.0)
            .err()
            .unwrap();
        assert_eq!(
            err.report(),
            format!(
                "error: [counselor] logo {}: claims to be 100000 x 100000 pixels; \
                 the largest accepted is 12000 x 12000\n\
                 hint: it prints at most 472 x 236 pixels at 300 dpi here: save a smaller copy\n",
                fixture("huge-claim.png").display()
            )
        );
    }
}
