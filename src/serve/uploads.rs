//! A posted `multipart/form-data` form, read whole into memory within the
//! limits: 20 MB for a request (a client list or a filled PDF), 64 KB for
//! one typed field, 500 fields. Nothing is written to disk here.

use http_body_util::BodyDataStream;
use hyper::Request;
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE};

/// The largest request: a client list or a filled PDF of 20 MB, with room
/// for the form's other fields.
pub(crate) const MAX_BODY: u64 = 20 * 1024 * 1024 + 64 * 1024;
/// The longest text typed into one field (a welcome note is far shorter).
const MAX_TEXT: u64 = 64 * 1024;
/// More fields than any of our forms has.
const MAX_FIELDS: usize = 500;

/// A file that came with the form.
pub(crate) struct Upload {
    pub(crate) field: String,
    /// The name it had on the user's computer (only its last part).
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
}

/// Every field in the order sent, and the files.
#[derive(Default)]
pub(crate) struct Form {
    pub(crate) fields: Vec<(String, String)>,
    pub(crate) files: Vec<Upload>,
}

/// Why a form could not be read.
#[derive(Debug)]
pub(crate) enum Refused {
    /// Over [`MAX_BODY`] (413).
    TooLarge,
    /// Not multipart/form-data (415).
    NotMultipart,
    /// Broken on the way (400).
    Malformed(String),
}

impl Form {
    /// The last value given for `name`, trimmed; none when empty. The last
    /// wins, as with a flag given twice.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The file sent as `name`, if one was chosen.
    pub(crate) fn file(&self, name: &str) -> Option<&Upload> {
        self.files
            .iter()
            .rev()
            .find(|f| f.field == name && !(f.bytes.is_empty() && f.file_name.is_empty()))
    }
}

/// Reads the whole form of `req`.
pub(crate) async fn read(req: Request<Incoming>) -> Result<Form, Refused> {
    let length = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if length.is_some_and(|n| n > MAX_BODY) {
        return Err(Refused::TooLarge);
    }
    let boundary = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or(Refused::NotMultipart)?;
    let constraints = multer::Constraints::new().size_limit(
        multer::SizeLimit::new()
            .whole_stream(MAX_BODY)
            .per_field(MAX_BODY),
    );
    let stream = BodyDataStream::new(req.into_body());
    let mut parts = multer::Multipart::with_constraints(stream, boundary, constraints);
    let mut form = Form::default();
    let refused = |e: multer::Error| match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            Refused::TooLarge
        }
        other => Refused::Malformed(other.to_string()),
    };
    while let Some(field) = parts.next_field().await.map_err(refused)? {
        if form.fields.len() + form.files.len() >= MAX_FIELDS {
            return Err(Refused::Malformed("too many fields".into()));
        }
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(base_name) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(refused)?.to_vec();
                form.files.push(Upload {
                    field: name,
                    file_name,
                    bytes,
                });
            }
            None => {
                let bytes = field.bytes().await.map_err(refused)?;
                if bytes.len() as u64 > MAX_TEXT {
                    return Err(Refused::TooLarge);
                }
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| Refused::Malformed(format!("{name}: not UTF-8 text")))?;
                form.fields.push((name, text));
            }
        }
    }
    Ok(form)
}

/// The last part of a file name as a browser sends it (some send the
/// whole path), kept to letters, digits, dots, dashes and underscores.
fn base_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let kept = kept.trim_start_matches('.').to_string();
    kept.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_path_keeps_only_its_name() {
        assert_eq!(
            base_name("C:\\Users\\sam\\clients list.csv"),
            "clients-list.csv"
        );
        assert_eq!(base_name("../../.bashrc"), "bashrc");
        assert_eq!(base_name(""), "");
    }

    #[test]
    fn the_last_value_wins() {
        let form = Form {
            fields: vec![
                ("skip".into(), "apology, safety".into()),
                ("skip".into(), "gratitude-log".into()),
                ("fillable".into(), "off".into()),
                ("fillable".into(), "on".into()),
            ],
            files: vec![],
        };
        assert_eq!(form.get("fillable"), Some("on"));
        assert_eq!(form.get("names"), None);
    }
}
