//! Every request: the gate first, then one handler per page and job, and
//! the same safe headers on every answer.

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::App;
use super::auth::Verdict;
use super::form::Refusal;
use super::html::Problem;
use super::jobs::Download;
use super::pages::{self, Lists, Values};
use super::uploads::{self, Form, Refused};

/// What every answer is sent with. The policy allows our own style sheet
/// and nothing else: no script, no frame, no other site, no plug-in.
const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// One answer.
type Answer = Response<Full<Bytes>>;

/// Handles one request; never fails (an error is a page).
pub(crate) async fn handle(app: Arc<App>, req: Request<Incoming>) -> Result<Answer, Infallible> {
    let mut answer = match app.gate.check(&req) {
        Verdict::BadHost => text(
            StatusCode::BAD_REQUEST,
            "This server answers only at 127.0.0.1, localhost or [::1] with its port.\n",
        ),
        Verdict::Forbidden => text(StatusCode::FORBIDDEN, "Forbidden\n"),
        Verdict::SetCookie { location } => {
            let mut r = text(StatusCode::SEE_OTHER, "");
            set(&mut r, header::LOCATION, &location);
            set(&mut r, header::SET_COOKIE, &app.gate.cookie());
            r
        }
        Verdict::Pass => route(&app, req).await,
    };
    let headers = answer.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Not no-referrer: with it a browser sends `Origin: null` on our own forms.
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    Ok(answer)
}

fn set(r: &mut Answer, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
}

fn text(status: StatusCode, body: &str) -> Answer {
    let mut r = Response::new(Full::new(Bytes::from(body.to_string())));
    *r.status_mut() = status;
    set(&mut r, header::CONTENT_TYPE, "text/plain; charset=utf-8");
    r
}

fn html(status: StatusCode, body: String) -> Answer {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = status;
    set(&mut r, header::CONTENT_TYPE, "text/html; charset=utf-8");
    r
}

fn download(d: Download) -> Answer {
    // File names are slugs already; anything else is made plain ASCII.
    let name: String = d
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut r = Response::new(Full::new(Bytes::from(d.bytes)));
    set(&mut r, header::CONTENT_TYPE, d.content_type);
    set(
        &mut r,
        header::CONTENT_DISPOSITION,
        &format!("attachment; filename=\"{name}\""),
    );
    r
}

/// The page for a refused upload or a full queue.
fn refused(r: Refused) -> Answer {
    match r {
        Refused::TooLarge => html(
            StatusCode::PAYLOAD_TOO_LARGE,
            pages::plain(
                "The file is too large",
                "A client list or a filled-in PDF can be at most 20 MB. Go back and choose a smaller file.",
            ),
        ),
        Refused::NotMultipart => html(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            pages::plain(
                "The form was not sent as expected",
                "Send it as multipart/form-data, as the pages of this server do.",
            ),
        ),
        Refused::Malformed(why) => html(
            StatusCode::BAD_REQUEST,
            pages::plain("The form was not sent whole", &why),
        ),
    }
}

fn busy() -> Answer {
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        pages::plain(
            "Busy",
            "Many jobs are waiting already. Wait a minute, then go back and send the form again.",
        ),
    )
}

fn problems(refusals: &[Refusal]) -> Vec<Problem> {
    refusals
        .iter()
        .map(|r| Problem {
            field: r.field.clone(),
            message: r.message.clone(),
            hints: r.hints.clone(),
        })
        .collect()
}

fn status_of(refusals: &[Refusal]) -> StatusCode {
    if refusals.iter().all(|r| r.bad_input) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

async fn route(app: &Arc<App>, req: Request<Incoming>) -> Answer {
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    match (method, path.as_str()) {
        (Method::GET | Method::HEAD, "/style.css") => {
            let mut r = text(StatusCode::OK, include_str!("style.css"));
            set(&mut r, header::CONTENT_TYPE, "text/css; charset=utf-8");
            r
        }
        (Method::GET | Method::HEAD, "/app.js") => {
            let mut r = text(StatusCode::OK, include_str!("app.js"));
            set(
                &mut r,
                header::CONTENT_TYPE,
                "text/javascript; charset=utf-8",
            );
            r
        }
        (Method::GET | Method::HEAD, "/progress") => {
            let mut r = text(StatusCode::OK, &app.progress.json());
            set(&mut r, header::CONTENT_TYPE, "application/json");
            r
        }
        (Method::GET | Method::HEAD, page) => match get(app, page) {
            Some(body) => html(StatusCode::OK, body),
            None => html(
                StatusCode::NOT_FOUND,
                pages::plain("Page not found", "Use the links above to pick a job."),
            ),
        },
        (Method::POST, "/build" | "/batch" | "/answers" | "/settings") => {
            let form = match uploads::read(req).await {
                Ok(form) => form,
                Err(r) => return refused(r),
            };
            post(app, &path, form).await
        }
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n"),
    }
}

/// The lists the guide offers.
fn lists(app: &App) -> Lists {
    let project = app.project();
    Lists {
        parts: project.parts(),
        handouts: project.handouts(),
    }
}

/// A form's first values: the practice's print settings, and the
/// server's language.
fn defaults(app: &App) -> Values {
    let project = app.project();
    let text = project.config().map(|c| c.text.as_str()).unwrap_or("");
    let mut values: Vec<(String, String)> = super::settings::current(text)
        .into_iter()
        .filter(|(k, _)| super::settings::SWITCHES.contains(&k.as_str()))
        .collect();
    values.push(("lang".into(), project.lang().into()));
    Values(values)
}

fn get(app: &App, page: &str) -> Option<String> {
    Some(match page {
        "/" => pages::home(),
        "/build" => pages::build(&defaults(app), &lists(app), &[], &[]),
        "/handouts" => pages::handouts(&defaults(app), &lists(app), &[]),
        "/facilitator" => pages::facilitator(&defaults(app), &[]),
        "/batch" => pages::batch(&defaults(app), &[], None),
        "/answers" => pages::answers(&Values::default(), &[]),
        "/settings" => settings_page(app, None, &[], false),
        _ => return None,
    })
}

fn settings_page(app: &App, sent: Option<&Form>, p: &[Problem], saved: bool) -> String {
    let project = app.project();
    let text = project.config().map(|c| c.text.as_str()).unwrap_or("");
    let mut values = super::settings::current(text);
    if let Some(form) = sent {
        // What was typed, over the file's; the logo stays the file's.
        values.retain(|(k, _)| k == "logo");
        values.extend(form.fields.iter().cloned());
    }
    pages::settings(
        &project.config_path.display().to_string(),
        &Values(values),
        p,
        saved,
    )
}

async fn post(app: &Arc<App>, path: &str, form: Form) -> Answer {
    let form = Arc::new(form);
    match path {
        "/build" if form.get("proof") == Some("on") => {
            let sent = Arc::clone(&form);
            let values = Values(form.fields.clone());
            match app.job(move |project, _| project.proofs(&sent)).await {
                None => busy(),
                Some(Ok(images)) => html(
                    StatusCode::OK,
                    pages::build(&values, &lists(app), &[], &images),
                ),
                Some(Err(r)) => {
                    let refusals = [r];
                    let page = pages::build(&values, &lists(app), &problems(&refusals), &[]);
                    html(status_of(&refusals), page)
                }
            }
        }
        "/build" => {
            let sent = Arc::clone(&form);
            // The Handouts page with nothing ticked: say so there, rather
            // than build a whole book and ask for names.
            let handouts_page = form.get("page") == Some("handouts");
            let outcome = if handouts_page && form.get("handout").is_none() {
                Some(Err(Refusal {
                    field: Some("handout".into()),
                    message: "tick at least one exercise to print".into(),
                    hints: vec![],
                    bad_input: true,
                }))
            } else {
                app.job(move |project, _| project.build(&sent)).await
            };
            match outcome {
                None => busy(),
                Some(Ok(d)) => download(d),
                Some(Err(r)) => {
                    let refusals = [r];
                    let p = problems(&refusals);
                    let values = Values(form.fields.clone());
                    let page = if handouts_page || form.get("handout").is_some() {
                        pages::handouts(&values, &lists(app), &p)
                    } else if form.get("edition") == Some("counselor") {
                        pages::facilitator(&values, &p)
                    } else {
                        pages::build(&values, &lists(app), &p, &[])
                    };
                    html(status_of(&refusals), page)
                }
            }
        }
        "/batch" => {
            let sent = Arc::clone(&form);
            let progress = Arc::clone(&app.progress);
            match app
                .job(move |project, scratch| project.batch(&sent, scratch, &progress))
                .await
            {
                None => busy(),
                Some(Ok(super::report::Listed::Zip(d))) => download(d),
                Some(Ok(super::report::Listed::Checked { summary, lines })) => html(
                    StatusCode::OK,
                    pages::batch(
                        &Values(form.fields.clone()),
                        &[],
                        Some((summary.as_str(), lines.as_slice())),
                    ),
                ),
                Some(Err(r)) => {
                    let refusals = [r];
                    let page =
                        pages::batch(&Values(form.fields.clone()), &problems(&refusals), None);
                    html(status_of(&refusals), page)
                }
            }
        }
        "/answers" => {
            let sent = Arc::clone(&form);
            let read = app.job(move |_, _| super::jobs::answers(&sent)).await;
            match read {
                None => busy(),
                Some(Ok((answers, name))) => {
                    let all = form.get("all") == Some("on");
                    match form.get("format") {
                        None => {
                            let shown = answers.render(crate::answers::Format::Md, all);
                            html(
                                StatusCode::OK,
                                pages::answers_shown(&name, &shown, &answers.unreadable),
                            )
                        }
                        Some(format) => {
                            let (kind, ext, content_type) = match format {
                                "csv" => (
                                    crate::answers::Format::Csv,
                                    "csv",
                                    "text/csv; charset=utf-8",
                                ),
                                "json" => {
                                    (crate::answers::Format::Json, "json", "application/json")
                                }
                                _ => (
                                    crate::answers::Format::Md,
                                    "md",
                                    "text/markdown; charset=utf-8",
                                ),
                            };
                            let bom = if ext == "csv" { "\u{feff}" } else { "" };
                            let stem = std::path::Path::new(&name)
                                .file_stem()
                                .map_or("answers".into(), |s| s.to_string_lossy().into_owned());
                            download(Download {
                                file_name: format!("{stem}-answers.{ext}"),
                                content_type,
                                bytes: format!("{bom}{}", answers.render(kind, all)).into_bytes(),
                            })
                        }
                    }
                }
                Some(Err(r)) => {
                    let refusals = [r];
                    let page = pages::answers(&Values(form.fields.clone()), &problems(&refusals));
                    html(status_of(&refusals), page)
                }
            }
        }
        _ => {
            let sent = Arc::clone(&form);
            let explicit = app.explicit_config.clone();
            let saved = app
                .job(move |project, scratch| {
                    project.save_settings(&sent, scratch)?;
                    // The next workbook reads the new settings.
                    super::jobs::Project::load(explicit.as_deref())
                        .map_err(|e| vec![Refusal::from(e)])
                })
                .await;
            match saved {
                None => busy(),
                Some(Ok(project)) => {
                    app.replace(project);
                    html(StatusCode::OK, settings_page(app, None, &[], true))
                }
                Some(Err(refusals)) => html(
                    status_of(&refusals),
                    settings_page(app, Some(&form), &problems(&refusals), false),
                ),
            }
        }
    }
}
