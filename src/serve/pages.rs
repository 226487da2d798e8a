//! One page per job, as HTML forms that work without JavaScript. Each
//! form posts `multipart/form-data` with fields named as the CLI's
//! options, and each page can be drawn again with what was sent and the
//! problems found, so nothing typed is lost.

use std::fmt::Write;

use super::html::{Field, Problem, esc, page};
use super::settings;

/// What a form shows in its fields: what was sent, else the practice's
/// settings, else nothing.
#[derive(Default)]
pub(crate) struct Values(pub(crate) Vec<(String, String)>);

impl Values {
    /// The last value of `name`, or "".
    fn one(&self, name: &str) -> &str {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`, split at commas and spaces.
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(|c: char| c == ',' || c.is_whitespace()))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn on(&self, name: &str) -> bool {
        matches!(self.one(name), "on" | "yes" | "true" | "1")
    }
}

/// The guide's lists a page offers to choose from.
pub(crate) struct Lists {
    pub(crate) parts: Vec<(String, String)>,
    pub(crate) handouts: Vec<(String, String)>,
}

fn form_open(action: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" enctype=\"multipart/form-data\" novalidate>\n"
    )
}

fn button(words: &str) -> String {
    format!(
        "<button type=\"submit\" class=\"button\">{}</button>\n</form>\n",
        esc(words)
    )
}

const PAPER: [(&str, &str); 4] = [
    ("", "As in my settings (or this computer's usual size)"),
    ("a4", "A4 (most of the world)"),
    ("letter", "Letter (the US and Canada)"),
    ("universal", "Universal (fits both A4 and Letter)"),
];
const SIDES: [(&str, &str); 3] = [
    ("", "As in my settings"),
    ("single", "One side of each sheet"),
    ("duplex", "Both sides of each sheet"),
];

fn names(v: &Values, p: &[Problem], hint: &str) -> String {
    Field {
        name: "names",
        label: "The two partners' names",
        hint,
    }
    .input("text", v.one("names"), p)
}

fn paper_and_sides(v: &Values, p: &[Problem]) -> String {
    let mut out = Field {
        name: "paper",
        label: "Paper size",
        hint: "",
    }
    .radios(&PAPER, v.one("paper"), p);
    out.push_str(
        &Field {
            name: "sides",
            label: "Printing",
            hint: "",
        }
        .radios(&SIDES, v.one("sides"), p),
    );
    out
}

/// The book's language: each named in its own words, the server's own
/// (workbook.toml's `lang`, else English) chosen until another is.
fn lang(v: &Values, p: &[Problem], hint: &str) -> String {
    use crate::settings::lang::{LANGUAGES, OWN_NAMES};
    let choices: Vec<(&str, &str, &str)> = LANGUAGES
        .into_iter()
        .zip(OWN_NAMES)
        .map(|(code, name)| (code, name, code))
        .collect();
    Field {
        name: "lang",
        label: "Language of the book",
        hint,
    }
    .select(&choices, v.one("lang"), p)
}

fn fillable(v: &Values, p: &[Problem]) -> String {
    Field {
        name: "fillable",
        label: "Fillable: boxes to type in on a screen",
        hint: "The couple can type their answers in a PDF reader and send the file back.",
    }
    .checkbox(v.on("fillable"), p)
}

/// The start page: what each job is for.
pub(crate) fn home() -> String {
    let body = "<p>Make workbooks for the couples you see. Pick a job.</p>\n<ul class=\"jobs\">\n\
<li><a href=\"/build\">A workbook</a>: one couple's book, with their names.</li>\n\
<li><a href=\"/handouts\">Handouts</a>: one or two exercises on a few pages.</li>\n\
<li><a href=\"/facilitator\">The facilitator edition</a>: your own guide to the sessions.</li>\n\
<li><a href=\"/batch\">A client list</a>: a workbook for every couple in a spreadsheet.</li>\n\
<li><a href=\"/answers\">Filled copies</a>: read the answers a couple typed into their book.</li>\n\
<li><a href=\"/settings\">Practice settings</a>: your name, logo, phone numbers and paper.</li>\n\
</ul>\n";
    page("/", "What would you like to make?", &[], body)
}

/// The proof images, each with words a screen reader says for it.
fn proofs(images: &[(String, Vec<u8>)]) -> String {
    let mut out = String::from(
        "<section class=\"proofs\" aria-labelledby=\"proofs-title\">\n<h2 id=\"proofs-title\">Proofs</h2>\n\
<p>Check the names, your details and the phone numbers. If they are right, press <strong>Make the workbook</strong> below.</p>\n<ul class=\"proof-list\">\n",
    );
    for (name, png) in images {
        let words = match name.as_str() {
            "cover" => "The cover",
            "note" => "The welcome note",
            "safety" => "The safety page",
            "support" => "The support contacts",
            _ => "A page",
        };
        let _ = writeln!(
            out,
            "<li><figure><img src=\"data:image/png;base64,{}\" alt=\"{words}, as it will print\"><figcaption>{words}</figcaption></figure></li>",
            super::html::base64(png)
        );
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// *A workbook*: one couple's book, with proof images when asked for.
pub(crate) fn build(
    v: &Values,
    lists: &Lists,
    p: &[Problem],
    images: &[(String, Vec<u8>)],
) -> String {
    let mut b = if images.is_empty() {
        String::new()
    } else {
        proofs(images)
    };
    b.push_str(&form_open("/build"));
    b.push_str(&names(
        v,
        p,
        "Put an & between the names, for example Ana & Ben.",
    ));
    b.push_str(&lang(
        v,
        p,
        "The couple's pages, tooltips and dates are in this language.",
    ));
    b.push_str(&paper_and_sides(v, p));
    b.push_str(
        &Field {
            name: "start-date",
            label: "First day of the daily logs (optional)",
            hint: "Year, month, day, for example 2026-12-01. Leave it empty to keep the dates blank.",
        }
        .input("text", v.one("start-date"), p),
    );
    b.push_str(
        &Field {
            name: "days",
            label: "How many days the daily logs run (optional)",
            hint: "A number from 1 to 366. The usual is 28.",
        }
        .input("text", v.one("days"), p),
    );
    b.push_str(
        &Field {
            name: "skip",
            label: "Parts to leave out",
            hint: "Tick any part this couple does not need. The safety page always stays.",
        }
        .ticks(&lists.parts, &v.all("skip"), p),
    );
    b.push_str(
        &Field {
            name: "only",
            label: "Print only these parts or exercises (optional)",
            hint: "Their ids, with commas between, for example apology, gratitude-log.",
        }
        .input("text", &v.all("only").join(", "), p),
    );
    b.push_str(&fillable(v, p));
    b.push_str(
        &Field {
            name: "ink-saver",
            label: "Ink saver: thin outlines, no tinted boxes",
            hint: "",
        }
        .checkbox(v.on("ink-saver"), p),
    );
    b.push_str(
        &Field {
            name: "booklet",
            label: "Booklet: two pages on each sheet, to fold and staple",
            hint: "Not with fillable.",
        }
        .checkbox(v.on("booklet"), p),
    );
    b.push_str(
        &Field {
            name: "split",
            label: "Files",
            hint: "",
        }
        .radios(
            &[
                ("", "One book for both partners"),
                (
                    "partners",
                    "Three files: the shared book, and each partner's own pages (a zip)",
                ),
            ],
            v.one("split"),
            p,
        ),
    );
    b.push_str(
        &Field {
            name: "password",
            label: "Password to open the file (optional)",
            hint: "Tell it to the couple another way, not in the same e-mail as the file.",
        }
        .input("password", "", p),
    );
    // The main button first: Enter in a field presses the first one.
    b.push_str(
        "<div class=\"buttons\"><button type=\"submit\" class=\"button\">Make the workbook</button>\n\
<button type=\"submit\" class=\"button secondary\" name=\"proof\" value=\"on\">Show proofs first</button></div>\n</form>\n",
    );
    page("/build", "A workbook", p, &b)
}

/// *Handouts*: chosen exercises alone.
pub(crate) fn handouts(v: &Values, lists: &Lists, p: &[Problem]) -> String {
    let mut b = form_open("/build");
    // Not an option of the CLI: it tells the server which page to show again.
    b.push_str("<input type=\"hidden\" name=\"page\" value=\"handouts\">\n");
    b.push_str(
        &Field {
            name: "handout",
            label: "Exercises to print",
            hint: "Each prints on one or two pages, with the support numbers.",
        }
        .ticks(&lists.handouts, &v.all("handout"), p),
    );
    b.push_str(&names(
        v,
        p,
        "Optional. Without names, the handout has lines to write them on.",
    ));
    b.push_str(&lang(v, p, ""));
    b.push_str(&paper_and_sides(v, p));
    b.push_str(&fillable(v, p));
    b.push_str(&button("Make the handout"));
    page("/handouts", "Handouts", p, &b)
}

/// *The facilitator edition*: the counselor's own guide.
pub(crate) fn facilitator(v: &Values, p: &[Problem]) -> String {
    let mut b = String::from(
        "<p>Your guide to the sessions: a plan for twelve sessions, screening, notes on each chapter and a progress summary.</p>\n",
    );
    b.push_str(&form_open("/build"));
    b.push_str("<input type=\"hidden\" name=\"edition\" value=\"counselor\">\n");
    b.push_str(&names(
        v,
        p,
        "Optional. Give them for one couple's copy; leave empty for general use.",
    ));
    b.push_str(&lang(v, p, ""));
    b.push_str(&paper_and_sides(v, p));
    b.push_str(&fillable(v, p));
    b.push_str(&button("Make the facilitator edition"));
    page("/facilitator", "The facilitator edition", p, &b)
}

/// A checked list: every line, and what would become of it.
fn checked(summary: &str, lines: &[super::report::Line]) -> String {
    let mut out = format!(
        "<section class=\"checked\" aria-labelledby=\"checked-title\">\n<h2 id=\"checked-title\">The list, line by line</h2>\n<p>{}</p>\n\
<table>\n<caption class=\"visually-hidden\">What becomes of each line</caption>\n<thead><tr><th scope=\"col\">Line</th><th scope=\"col\">What happens</th></tr></thead>\n<tbody>\n",
        esc(summary)
    );
    for line in lines {
        let class = if line.fine { "" } else { " class=\"to-fix\"" };
        let _ = writeln!(
            out,
            "<tr{class}><td>{}</td><td>{}</td></tr>",
            esc(&line.lines),
            esc(&line.what)
        );
    }
    out.push_str(
        "</tbody>\n</table>\n<p>Nothing was built yet. To build, choose the list again below (fixed, if you like) and press <strong>Make the workbooks</strong>.</p>\n</section>\n",
    );
    out
}

/// *A client list*: one workbook per row; with a checked list, its lines
/// above the form.
pub(crate) fn batch(
    v: &Values,
    p: &[Problem],
    lines: Option<(&str, &[super::report::Line])>,
) -> String {
    let mut b = lines.map_or_else(String::new, |(summary, lines)| checked(summary, lines));
    b.push_str(
        "<p>Upload a list with a header row and a <code>names</code> column. Other columns may set each couple's start date, days, paper and more, as in <code>workbook batch</code>.</p>\n\
<p>You get one zip file. It holds a PDF for every couple that could be built, a <code>summary.txt</code> that accounts for every line, and a <code>failed-</code> file with the rows to fix, if any.</p>\n",
    );
    b.push_str(&form_open("/batch"));
    b.push_str(
        &Field {
            name: "csv",
            label: "The client list",
            hint: "A CSV file, or an .xlsx or .ods spreadsheet. At most 20 MB.",
        }
        .file(".csv,.txt,.xlsx,.ods,text/csv", p),
    );
    b.push_str(
        &Field {
            name: "sheet",
            label: "Sheet name (optional)",
            hint: "For a spreadsheet with more than one sheet. The first is read if you leave this empty.",
        }
        .input("text", v.one("sheet"), p),
    );
    b.push_str(&lang(
        v,
        p,
        "For every row whose lang cell is empty. A lang column in the list may give each couple their own.",
    ));
    b.push_str(&paper_and_sides(v, p));
    b.push_str(&fillable(v, p));
    b.push_str(
        "<div class=\"buttons\"><button type=\"submit\" class=\"button\">Make the workbooks</button>\n\
<button type=\"submit\" class=\"button secondary\" name=\"check\" value=\"on\">Check the list first</button></div>\n</form>\n",
    );
    page("/batch", "A client list", p, &b)
}

/// *Filled copies*: read the answers back.
pub(crate) fn answers(v: &Values, p: &[Problem]) -> String {
    let mut b = form_open("/answers");
    b.push_str(
        &Field {
            name: "file",
            label: "The filled-in workbook",
            hint: "The PDF the couple sent back. It must have been made fillable.",
        }
        .file(".pdf,application/pdf", p),
    );
    b.push_str(
        &Field {
            name: "password",
            label: "Its password (if it has one)",
            hint: "",
        }
        .input("password", "", p),
    );
    b.push_str(
        &Field {
            name: "format",
            label: "How to get the answers",
            hint: "",
        }
        .radios(
            &[
                ("", "Show them on this page"),
                ("md", "Download as a text file to read or print (Markdown)"),
                ("csv", "Download as a spreadsheet (CSV)"),
                ("json", "Download as data (JSON)"),
            ],
            v.one("format"),
            p,
        ),
    );
    b.push_str(
        &Field {
            name: "all",
            label: "Include the boxes left empty",
            hint: "",
        }
        .checkbox(v.on("all"), p),
    );
    b.push_str(&button("Read the answers"));
    page("/answers", "Filled copies", p, &b)
}

/// The answers, shown.
pub(crate) fn answers_shown(file: &str, text: &str, unreadable: &[String]) -> String {
    let mut b = String::new();
    if !unreadable.is_empty() {
        let _ = writeln!(
            b,
            "<div class=\"notice\" role=\"status\"><p>{} boxes could not be read, so their answers are missing below.</p></div>",
            unreadable.len()
        );
    }
    let _ = writeln!(
        b,
        "<p>The answers in {}:</p>\n<pre class=\"answers\" tabindex=\"0\">{}</pre>\n<p><a href=\"/answers\">Read another file</a></p>",
        esc(file),
        esc(text)
    );
    page("/answers", "The answers", &[], &b)
}

/// *Practice settings*: workbook.toml's `[counselor]`, `[support]` and
/// `[print]` tables.
pub(crate) fn settings(path: &str, v: &Values, p: &[Problem], saved: bool) -> String {
    let mut b = String::new();
    if saved {
        b.push_str("<div class=\"notice\" role=\"status\"><h2>Your settings are saved</h2><p>Every workbook you make from now on uses them.</p></div>\n");
    }
    let _ = writeln!(
        b,
        "<p>These go on the cover and the support page of every workbook. They are saved in <code>{}</code> when you press Save, and not before.</p>",
        esc(path)
    );
    b.push_str(&form_open("/settings"));
    for (table, legend) in [
        ("counselor", "You and your practice"),
        ("support", "Help in a crisis"),
    ] {
        let _ = writeln!(b, "<h2>{legend}</h2>");
        for t in settings::TEXTS.iter().filter(|t| t.table == table) {
            let field = Field {
                name: t.key,
                label: t.label,
                hint: t.hint,
            };
            b.push_str(&if t.key == "note" {
                field.textarea(v.one(t.key), p)
            } else {
                field.input("text", v.one(t.key), p)
            });
            if t.key == "website" {
                let logo = v.one("logo");
                let hint = if logo.is_empty() {
                    "A PNG, JPEG or WebP image. Optional.".to_string()
                } else {
                    format!("Now: {logo}. Choose a file only to change it.")
                };
                b.push_str(
                    &Field {
                        name: "logo",
                        label: "Logo",
                        hint: &hint,
                    }
                    .file(".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp", p),
                );
            }
        }
    }
    b.push_str("<h2>Printing</h2>\n");
    b.push_str(
        &Field {
            name: "paper",
            label: "Paper size",
            hint: "",
        }
        .radios(
            &[
                ("", "This computer's usual size"),
                ("a4", "A4"),
                ("letter", "Letter"),
                ("universal", "Universal (fits both)"),
            ],
            v.one("paper"),
            p,
        ),
    );
    b.push_str(
        &Field {
            name: "sides",
            label: "Printing",
            hint: "",
        }
        .radios(
            &[
                ("", "One side (the usual)"),
                ("single", "One side of each sheet"),
                ("duplex", "Both sides of each sheet"),
            ],
            v.one("sides"),
            p,
        ),
    );
    b.push_str(
        &Field {
            name: "ruling",
            label: "Space between writing lines",
            hint: "",
        }
        .radios(
            &[
                ("", "Wide (the usual)"),
                ("wide", "Wide: 8.7 mm"),
                ("college", "College: 7.1 mm"),
            ],
            v.one("ruling"),
            p,
        ),
    );
    for (key, label) in [
        ("fillable", "Fillable: boxes to type in on a screen"),
        ("ink-saver", "Ink saver: thin outlines, no tinted boxes"),
        (
            "booklet",
            "Booklet: two pages on each sheet, to fold and staple",
        ),
    ] {
        b.push_str(
            &Field {
                name: key,
                label,
                hint: "",
            }
            .checkbox(v.on(key), p),
        );
    }
    let standards: Vec<(String, String)> = settings::STANDARDS
        .iter()
        .map(|(v, w)| (v.to_string(), w.to_string()))
        .collect();
    b.push_str(
        &Field {
            name: "pdf-standard",
            label: "PDF standards",
            hint: "Leave all empty for the usual. A file with a password cannot be PDF/A.",
        }
        .ticks(&standards, &v.all("pdf-standard"), p),
    );
    b.push_str(&button("Save"));
    page("/settings", "Practice settings", p, &b)
}

/// A short page for a refusal without a form: 403, 404, 413, 503.
pub(crate) fn plain(title: &str, words: &str) -> String {
    page("", title, &[], &format!("<p>{}</p>\n", esc(words)))
}
