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

use std::path::Path;

use crate::diag::{Error, Result};

mod clean;
mod decode;
mod file;

use crate::data::Data;
use crate::settings::BuildOptions;

use clean::clean;
use decode::{decode, detect_format};
use file::read_regular_file;

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

/// The couple's own files for Typst (a prepared logo or photo), by
/// virtual path.
pub type UserFiles = Vec<(String, typst::foundations::Bytes)>;

/// The logo and the cover photo, read under limits and re-encoded, as
/// virtual files; `data.json` learns their paths. `logo` is the practice's
/// logo when the project has it decoded already (once for a batch).
pub(crate) fn prepare_user_files(
    opts: &BuildOptions,
    logo: Option<&typst::foundations::Bytes>,
    data: &mut Data,
) -> Result<UserFiles> {
    let mut files = Vec::new();
    if let Some(path) = &opts.branding.logo {
        let png = match logo {
            Some(png) => png.clone(),
            None => prepare_logo(path)?,
        };
        data.logo = Some("/user/logo.png".into());
        files.push(("/user/logo.png".into(), png));
    }
    if let Some(path) = &opts.photo {
        // Printed at most 120 x 60 mm.
        let image = prepare(path, &opts.photo_field, 120.0, 60.0)?;
        data.photo = Some("/user/photo.png".into());
        files.push((
            "/user/photo.png".into(),
            typst::foundations::Bytes::new(image.png),
        ));
    }
    Ok(files)
}

/// The practice's logo, ready for Typst: printed at most 60 x 14 mm.
pub fn prepare_logo(path: &Path) -> Result<typst::foundations::Bytes> {
    let image = prepare(path, "[counselor] logo", 60.0, 14.0)?;
    Ok(typst::foundations::Bytes::new(image.png))
}

/// Why an image was refused, before it is tied to a field and path.
#[derive(Debug)]
pub(super) struct Failure {
    pub(super) reason: String,
    pub(super) hint: Option<String>,
}

impl Failure {
    pub(super) fn new(reason: impl Into<String>, hint: Option<String>) -> Self {
        Failure {
            reason: reason.into(),
            hint,
        }
    }
}

/// The largest size in pixels the image is worth keeping at.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub(super) width: u32,
    pub(super) height: u32,
}

impl Target {
    pub(super) fn from_mm(width_mm: f64, height_mm: f64) -> Self {
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
    pub(super) fn fit(self, width: u32, height: u32) -> (u32, u32) {
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
    pub(super) fn smaller_copy_hint(self) -> Option<String> {
        Some(format!(
            "it prints at most {} x {} pixels at {PRINT_DPI} dpi here: save a smaller copy",
            self.width, self.height
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(unused_imports)]
    use super::clean::*;
    use super::decode::*;
    use super::file::*;
    use super::*;
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
