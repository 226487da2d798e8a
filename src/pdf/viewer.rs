//! Viewer preferences: print at actual size, the duplex mode that fits the
//! layout, and the document title in the window title.

use lopdf::{Dictionary, Document, Object};

/// How a printer should turn the sheet over, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    None,
    /// Two-sided, turned on the long edge (a duplex book).
    LongEdge,
    /// Two-sided, turned on the short edge (a booklet on landscape sheets).
    ShortEdge,
}

/// Sets the preferences in a catalog dictionary (for documents we rewrite anyway).
pub fn set(doc: &Document, catalog: &mut Dictionary, duplex: Duplex) {
    let mut prefs = match catalog.get(b"ViewerPreferences") {
        Ok(Object::Dictionary(d)) => d.clone(),
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
        _ => Dictionary::new(),
    };
    // Scaling to fit would shrink the calibration ruler and the write-in lines.
    prefs.set("PrintScaling", Object::Name(b"None".to_vec()));
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    match duplex {
        Duplex::None => {
            prefs.remove(b"Duplex");
        }
        Duplex::LongEdge => prefs.set("Duplex", Object::Name(b"DuplexFlipLongEdge".to_vec())),
        Duplex::ShortEdge => prefs.set("Duplex", Object::Name(b"DuplexFlipShortEdge".to_vec())),
    }
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
}

impl From<crate::settings::print::Sides> for Duplex {
    fn from(sides: crate::settings::print::Sides) -> Self {
        match sides {
            crate::settings::print::Sides::Single => Duplex::None,
            crate::settings::print::Sides::Duplex => Duplex::LongEdge,
        }
    }
}
