//! HTML by hand: every piece of text goes through [`esc`], and the few
//! building blocks (page, field, error summary) follow the GOV.UK Design
//! System's patterns: a label and a hint for every field, and an error
//! summary at the top whose links move to each field.

use std::fmt::Write;

/// Text made safe for HTML content and attribute values (in double quotes).
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Bytes as base64, for an image inside the page (`data:`): no file to
/// keep on disk or in memory between two requests.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One problem to show: the field it is about (its `id`), and the words.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) field: Option<String>,
    pub(crate) message: String,
    pub(crate) hints: Vec<String>,
}

/// The pages in the menu: path and name.
pub(crate) const MENU: [(&str, &str); 6] = [
    ("/build", "A workbook"),
    ("/handouts", "Handouts"),
    ("/facilitator", "The facilitator edition"),
    ("/batch", "A client list"),
    ("/answers", "Filled copies"),
    ("/settings", "Practice settings"),
];

/// A whole page: the menu, the heading, then `body` (already HTML). With
/// problems, the title starts with "Error:" and the summary comes first,
/// focused, so a screen reader hears it at once.
pub(crate) fn page(path: &str, title: &str, problems: &[Problem], body: &str) -> String {
    let mut menu = String::new();
    for (href, name) in MENU {
        let current = if href == path {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            menu,
            "<li><a href=\"{href}\"{current}>{}</a></li>",
            esc(name)
        );
    }
    let prefix = if problems.is_empty() { "" } else { "Error: " };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{prefix}{title} – workbook</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n<script src=\"/app.js\" defer></script>\n\
</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">Skip to the main part</a>\n\
<header><p class=\"brand\"><a href=\"/\">workbook</a></p>\n\
<nav aria-label=\"Jobs\"><ul>{menu}</ul></nav></header>\n\
<main id=\"main\">\n{summary}<h1>{title}</h1>\n{body}</main>\n\
<footer><p>This runs on this computer only. Nothing you type or upload leaves it.</p></footer>\n\
</body>\n</html>\n",
        title = esc(title),
        summary = summary(problems),
    )
}

/// The error summary: every problem, each a link to its field.
fn summary(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for p in problems {
        let text = esc(&p.message);
        match &p.field {
            Some(id) => {
                let _ = write!(items, "<li><a href=\"#{}\">{text}</a>", esc(id));
            }
            None => {
                let _ = write!(items, "<li>{text}");
            }
        }
        for hint in &p.hints {
            let _ = write!(items, "<br><span class=\"hint\">{}</span>", esc(hint));
        }
        items.push_str("</li>");
    }
    format!(
        "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus aria-labelledby=\"error-summary-title\">\n\
<h2 id=\"error-summary-title\">There is a problem</h2>\n<ul>{items}</ul>\n</div>\n"
    )
}

/// What a field looks like besides its name.
pub(crate) struct Field<'a> {
    pub(crate) name: &'a str,
    pub(crate) label: &'a str,
    pub(crate) hint: &'a str,
}

impl Field<'_> {
    /// The problem about this field, if any.
    fn error<'p>(&self, problems: &'p [Problem]) -> Option<&'p Problem> {
        problems
            .iter()
            .find(|p| p.field.as_deref() == Some(self.name))
    }

    /// The opening of the group, the hint and the error line, and the
    /// `aria-describedby` that ties them to the control.
    fn head(&self, problems: &[Problem]) -> (String, String, String) {
        let error = self.error(problems);
        let open = format!(
            "<div class=\"field{}\">\n",
            if error.is_some() { " field-error" } else { "" }
        );
        let name = esc(self.name);
        let mut notes = String::new();
        let mut described = Vec::new();
        if !self.hint.is_empty() {
            let _ = writeln!(
                notes,
                "<p class=\"hint\" id=\"{name}-hint\">{}</p>",
                esc(self.hint)
            );
            described.push(format!("{name}-hint"));
        }
        if let Some(p) = error {
            let _ = writeln!(
                notes,
                "<p class=\"error-message\" id=\"{name}-error\"><span class=\"visually-hidden\">Error:</span> {}</p>",
                esc(&p.message)
            );
            described.push(format!("{name}-error"));
        }
        let attr = if described.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", described.join(" "))
        };
        (open, notes, attr)
    }

    /// A control with its label above it: `control` gets the name, the
    /// `aria-describedby` and `aria-invalid`.
    fn labelled(&self, problems: &[Problem], control: impl Fn(&str, &str) -> String) -> String {
        let (open, notes, described) = self.head(problems);
        let invalid = if self.error(problems).is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        };
        let name = esc(self.name);
        format!(
            "{open}<label for=\"{name}\">{}</label>\n{notes}{}\n</div>\n",
            esc(self.label),
            control(&name, &format!("{described}{invalid}"))
        )
    }

    /// A one-line text box (`kind` is text, date, number, email, password).
    pub(crate) fn input(&self, kind: &str, value: &str, problems: &[Problem]) -> String {
        self.labelled(problems, |name, attrs| {
            format!(
                "<input type=\"{kind}\" id=\"{name}\" name=\"{name}\" value=\"{}\"{attrs} autocomplete=\"off\">",
                esc(value)
            )
        })
    }

    /// A box for several lines.
    pub(crate) fn textarea(&self, value: &str, problems: &[Problem]) -> String {
        self.labelled(problems, |name, attrs| {
            format!(
                "<textarea id=\"{name}\" name=\"{name}\" rows=\"4\"{attrs}>{}</textarea>",
                esc(value)
            )
        })
    }

    /// A file to upload; `accept` lists the kinds the browser offers.
    pub(crate) fn file(&self, accept: &str, problems: &[Problem]) -> String {
        self.labelled(problems, |name, attrs| {
            format!(
                "<input type=\"file\" id=\"{name}\" name=\"{name}\" accept=\"{}\"{attrs}>",
                esc(accept)
            )
        })
    }

    /// One choice from a list, as a drop-down: `(value, words, lang)`,
    /// each choice's words marked as written in `lang`, so that a screen
    /// reader says "Español" in Spanish.
    pub(crate) fn select(
        &self,
        choices: &[(&str, &str, &str)],
        chosen: &str,
        problems: &[Problem],
    ) -> String {
        self.labelled(problems, |name, attrs| {
            let mut out = format!("<select id=\"{name}\" name=\"{name}\"{attrs}>\n");
            for (value, words, lang) in choices {
                let selected = if *value == chosen { " selected" } else { "" };
                let _ = writeln!(
                    out,
                    "<option value=\"{}\" lang=\"{}\"{selected}>{}</option>",
                    esc(value),
                    esc(lang),
                    esc(words)
                );
            }
            out.push_str("</select>");
            out
        })
    }

    /// A group of choices in a fieldset, its legend first, each choice an
    /// input of `kind` (radio or checkbox) with its label.
    fn group(
        &self,
        kind: &str,
        choices: &[(String, String)],
        chosen: impl Fn(&str) -> bool,
        problems: &[Problem],
    ) -> String {
        let (open, notes, described) = self.head(problems);
        let name = esc(self.name);
        let mut out = format!(
            "{open}<fieldset id=\"{name}\"{described}>\n<legend>{}</legend>\n{notes}",
            esc(self.label)
        );
        for (i, (value, words)) in choices.iter().enumerate() {
            let checked = if chosen(value) { " checked" } else { "" };
            let _ = writeln!(
                out,
                "<div class=\"choice\"><input type=\"{kind}\" id=\"{name}-{i}\" name=\"{name}\" value=\"{}\"{checked}><label for=\"{name}-{i}\">{}</label></div>",
                esc(value),
                esc(words)
            );
        }
        out.push_str("</fieldset>\n</div>\n");
        out
    }

    /// One choice of a few, as radio buttons: `(value, words)`.
    pub(crate) fn radios(
        &self,
        choices: &[(&str, &str)],
        chosen: &str,
        problems: &[Problem],
    ) -> String {
        let choices: Vec<(String, String)> = choices
            .iter()
            .map(|(v, w)| (v.to_string(), w.to_string()))
            .collect();
        self.group("radio", &choices, |v| v == chosen, problems)
    }

    /// Several ticks from a list, `(value, words)`.
    pub(crate) fn ticks(
        &self,
        choices: &[(String, String)],
        chosen: &[String],
        problems: &[Problem],
    ) -> String {
        self.group(
            "checkbox",
            choices,
            |v| chosen.iter().any(|c| c == v),
            problems,
        )
    }

    /// A yes-or-no box. A hidden `off` comes first, so that an unticked box
    /// still says no (the last value wins, as `--x` and `--no-x` do).
    pub(crate) fn checkbox(&self, on: bool, problems: &[Problem]) -> String {
        let (open, notes, described) = self.head(problems);
        let name = esc(self.name);
        let checked = if on { " checked" } else { "" };
        format!(
            "{open}<input type=\"hidden\" name=\"{name}\" value=\"off\">\
<div class=\"choice\"><input type=\"checkbox\" id=\"{name}\" name=\"{name}\" value=\"on\"{checked}{described}><label for=\"{name}\">{}</label></div>\n{notes}</div>\n",
            esc(self.label)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn base64_as_rfc_4648_writes_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_summary_links_to_each_field() {
        let problems = [Problem {
            field: Some("start-date".into()),
            message: "--start-date \"2026-13-01\": no such month".into(),
            hints: vec![],
        }];
        let html = page("/build", "A workbook", &problems, "");
        assert!(html.contains("<title>Error: A workbook"));
        assert!(html.contains("<a href=\"#start-date\">--start-date &quot;2026-13-01&quot;"));
    }
}
