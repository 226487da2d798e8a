//! `workbook serve`: the whole tool as a local web app. One server on the
//! loopback address only, behind a random token, holding one loaded
//! project; every job of the CLI is a page (see docs/src/serve.md).

mod auth;
mod form;
mod html;
mod jobs;
mod pages;
mod report;
mod routes;
mod settings;
mod uploads;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use crate::diag::{Error, Result};
use jobs::Project;

/// Jobs that may wait for the one running; more are told to come back.
const WAITING: usize = 8;

/// What `workbook serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port; a free one when none.
    pub port: Option<u16>,
    /// Open the default browser on the address.
    pub open: bool,
    /// `-c workbook.toml`.
    pub config: Option<PathBuf>,
}

/// The server's state, shared by every request.
pub(crate) struct App {
    gate: auth::Gate,
    project: RwLock<Arc<Project>>,
    /// `-c` as given, for loading the project again after a save.
    explicit_config: Option<PathBuf>,
    /// The server's private folder (0700), removed on exit and on a signal.
    scratch: PathBuf,
    /// One job at a time: each build uses every core already.
    running: tokio::sync::Semaphore,
    waiting: AtomicUsize,
    /// How far the client list being built is.
    progress: Arc<report::Progress>,
}

impl App {
    /// The project as now loaded.
    fn project(&self) -> Arc<Project> {
        Arc::clone(&self.project.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The project after a save.
    fn replace(&self, project: Project) {
        *self.project.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(project);
    }

    /// Runs `job` on a blocking thread, after those before it, with a
    /// private folder of its own that is removed when it ends. None when
    /// too many jobs wait already.
    async fn job<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Project, &Path) -> T + Send + 'static,
    ) -> Option<T> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= WAITING {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        let permit = self.running.acquire().await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let _permit = permit.ok()?;
        let project = self.project();
        let scratch = self.scratch.clone();
        tokio::task::spawn_blocking(move || {
            let dir = tempfile::Builder::new()
                .prefix("job-")
                .tempdir_in(&scratch)
                .ok()?;
            let out = job(&project, dir.path());
            drop(dir);
            Some(out)
        })
        .await
        .ok()
        .flatten()
    }
}

/// Loads the project, binds the loopback address, prints the address
/// with its token, opens the browser, and serves until a signal stops it
/// (src/cleanup.rs then removes the private folder).
pub fn run(opts: Options) -> Result<()> {
    let project = Project::load(opts.config.as_deref())?;
    let v4 = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port.unwrap_or(0)))
        .map_err(|e| port_error(opts.port, &e))?;
    let port = v4
        .local_addr()
        .map_err(|e| port_error(opts.port, &e))?
        .port();
    // ::1 too where the system has it, on the same port; never 0.0.0.0.
    let v6 = std::net::TcpListener::bind((Ipv6Addr::LOCALHOST, port)).ok();
    let token = auth::new_token().map_err(|source| Error::Io {
        path: "the system's random numbers".into(),
        source,
    })?;
    let (folder, _registered) = crate::cleanup::create(
        || tempfile::Builder::new().prefix("workbook-serve-").tempdir(),
        |d| d.path(),
    )
    .map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let app = Arc::new(App {
        gate: auth::Gate {
            token: token.clone(),
            port,
        },
        project: RwLock::new(Arc::new(project)),
        explicit_config: opts.config.clone(),
        scratch: folder.path().to_path_buf(),
        running: tokio::sync::Semaphore::new(1),
        waiting: AtomicUsize::new(0),
        progress: Arc::default(),
    });
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    let _ = crate::messages::out(format!("{url}\n").as_bytes());
    // From here on nothing is printed but errors that hold no client data.
    crate::messages::set_verbosity(true, false);
    if opts.open && open::that_detached(&url).is_err() {
        crate::messages::error("could not open a browser: open the address above in one\n");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|source| Error::Io {
            path: "the server".into(),
            source,
        })?;
    runtime.block_on(async move {
        let mut servers = Vec::new();
        for listener in std::iter::once(v4).chain(v6) {
            servers.push(tokio::spawn(serve(Arc::clone(&app), listener)));
        }
        for server in servers {
            let _ = server.await;
        }
    });
    drop(folder);
    Ok(())
}

/// Accepts connections on `listener` for ever, each on a task of its own.
async fn serve(app: Arc<App>, listener: std::net::TcpListener) {
    let Ok(listener) = listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    else {
        return;
    };
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let app = Arc::clone(&app);
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |req| routes::handle(Arc::clone(&app), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn port_error(port: Option<u16>, e: &std::io::Error) -> Error {
    match port {
        Some(port) => Error::usage(
            format!("--port {port}: cannot listen there ({e})"),
            Some("leave out --port to take a free one, or choose another".to_string()),
        ),
        None => Error::Io {
            path: SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
                .to_string()
                .into(),
            source: std::io::Error::new(e.kind(), e.to_string()),
        },
    }
}
