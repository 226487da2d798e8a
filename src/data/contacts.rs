//! The practice's details as the templates read them: the counselor, the
//! support numbers, and the rows of the support list they fill.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::settings::branding::Branding;

/// The counselor's details, each printed only when given.
#[derive(Debug, Serialize)]
pub(crate) struct CounselorData {
    pub(crate) name: Option<String>,
    pub(crate) practice: Option<String>,
    pub(crate) phone: Option<String>,
    #[serde(rename = "phone-2")]
    pub(crate) phone_2: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) website: Option<String>,
    pub(crate) note: Option<String>,
    /// The logo's alternative text, when the practice gave one.
    #[serde(rename = "logo-alt")]
    pub(crate) logo_alt: Option<String>,
}

/// The numbers of the safety page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct SupportData {
    pub(crate) emergency: Option<String>,
    pub(crate) crisis_line: Option<String>,
    pub(crate) domestic_violence: Option<String>,
    /// The counselor's phone, email and website on one line.
    pub(crate) counselor: Option<String>,
}

/// Rows of the support list by key (the key of the English row name, the
/// same in every language): a name and a number for each.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub(crate) struct Contacts(BTreeMap<&'static str, [Option<String>; 2]>);

/// "phone · phone-2 · email · website", or none when the practice gave none.
fn contact_line(b: &Branding) -> Option<String> {
    let line = [&b.phone, &b.phone_2, &b.email, &b.website]
        .iter()
        .filter_map(|v| v.as_deref())
        .collect::<Vec<_>>()
        .join(" · ");
    (!line.is_empty()).then_some(line)
}

impl From<&Branding> for CounselorData {
    fn from(b: &Branding) -> Self {
        CounselorData {
            name: b.name.clone(),
            practice: b.practice.clone(),
            phone: b.phone.clone(),
            phone_2: b.phone_2.clone(),
            email: b.email.clone(),
            website: b.website.clone(),
            note: b.note.clone(),
            logo_alt: b.logo_alt.clone(),
        }
    }
}

impl From<&Branding> for SupportData {
    fn from(b: &Branding) -> Self {
        SupportData {
            emergency: b.emergency.clone(),
            crisis_line: b.crisis_line.clone(),
            domestic_violence: b.domestic_violence.clone(),
            counselor: contact_line(b),
        }
    }
}

impl From<&Branding> for Contacts {
    fn from(b: &Branding) -> Self {
        let counselor_name = match (&b.name, &b.practice) {
            (Some(n), Some(p)) => Some(format!("{n}, {p}")),
            (n, p) => n.clone().or(p.clone()),
        };
        Contacts(BTreeMap::from([
            ("our-counselor", [counselor_name, contact_line(b)]),
            ("crisis-line", [None, b.crisis_line.clone()]),
            ("emergency-number", [None, b.emergency.clone()]),
            (
                "domestic-violence-line",
                [None, b.domestic_violence.clone()],
            ),
        ]))
    }
}
