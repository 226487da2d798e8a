//! Locking a finished PDF with a password, the last finishing step: AES-256
//! with the standard security handler of revision 6 (lopdf's `V5`), a
//! random owner password, and permissions for printing, form filling and
//! content extraction for accessibility (which PDF/UA requires).

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::{Dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions};

use super::internal;
use crate::diag::Result;
use crate::settings::password::Password;

/// What a reader of the locked PDF may do: print (at full quality), fill in
/// the form fields, and extract content for accessibility (P bit 10, which
/// PDF/UA-1 requires so that screen readers work). Not: edit, copy, or
/// rearrange pages.
fn permissions() -> Permissions {
    Permissions::PRINTABLE
        | Permissions::PRINTABLE_IN_HIGH_QUALITY
        | Permissions::FILLABLE
        | Permissions::COPYABLE_FOR_ACCESSIBILITY
}

/// Encrypts every string and stream of `pdf` under `password`. The whole
/// file is rewritten (an encrypted file cannot keep plain earlier
/// revisions); salts, IVs and the file key are random, so two locked
/// copies of one workbook differ in bytes but not once decrypted.
pub(crate) fn lock(pdf: &[u8], password: &Password) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(pdf).map_err(|e| internal("reading for encryption", e))?;
    let key = random::<32>()?;
    // Nobody needs the owner password: the permissions are all a reader
    // gets, and the sender keeps the unencrypted build if they need more.
    let owner: String = random::<32>()?.iter().map(|b| format!("{b:02x}")).collect();
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let state = EncryptionState::try_from(EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &key,
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: &owner,
        user_password: password.expose(),
        permissions: permissions(),
    })
    .map_err(|e| internal("setting up encryption", e))?;
    declare_extension(&mut doc)?;
    doc.encrypt(&state).map_err(|e| internal("encrypting", e))?;
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| internal("writing the encrypted PDF", e.into()))?;
    Ok(out)
}

/// AES-256 (revision 6) is part of PDF 2.0; a PDF 1.7 file that uses it
/// declares Adobe's extension level 8 in the catalog, as ISO 32000-2 and
/// Acrobat expect.
fn declare_extension(doc: &mut Document) -> Result<()> {
    if doc.version.as_str() >= "2.0" {
        return Ok(());
    }
    doc.version = "1.7".to_string();
    let adbe = Dictionary::from_iter([
        ("BaseVersion", Object::Name(b"1.7".to_vec())),
        ("ExtensionLevel", Object::Integer(8)),
    ]);
    let catalog = doc
        .catalog_mut()
        .map_err(|e| internal("finding the catalog", e))?;
    catalog.set(
        "Extensions",
        Object::Dictionary(Dictionary::from_iter([("ADBE", Object::Dictionary(adbe))])),
    );
    Ok(())
}

/// `N` bytes from the operating system's random source.
fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        crate::diag::Error::internal(format!("no random numbers for the encryption key: {e}"))
    })?;
    Ok(bytes)
}
