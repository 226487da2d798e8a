//! One run of the binary, set up and checked in one expression, in the
//! shape of just's `Test`: the folder and its files, the arguments and
//! environment, then the exit code, output and files the run must leave.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

use super::{files_in, pdf_page_sizes, pdf_text, tempdir, workbook};

/// The arguments most runs start with.
pub const BUILD: [&str; 3] = ["build", "--names", "Ana & Ben"];

/// The folder a run happens in: its own, removed when the last owner is
/// dropped, or one a test already holds.
enum Place {
    Owned(TempDir),
    Borrowed(PathBuf),
}

impl Place {
    fn path(&self) -> &Path {
        match self {
            Place::Owned(dir) => dir.path(),
            Place::Borrowed(path) => path,
        }
    }
}

/// A change to the command just before it runs (a resource limit, a closed
/// standard output), for the few tests that need one.
type Tweak = Box<dyn FnOnce(&mut Command)>;

/// A run of `workbook` still to happen: set up with the chained calls,
/// then [`Test::run`] runs it and checks every expectation given.
#[must_use]
pub struct Test {
    place: Place,
    current_dir: PathBuf,
    args: Vec<String>,
    env: Vec<(String, Option<String>)>,
    status: Vec<i32>,
    stdout: Option<String>,
    stderr: Option<String>,
    stdout_has: Vec<String>,
    stderr_has: Vec<String>,
    stderr_lacks: Vec<String>,
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
    absent: Vec<PathBuf>,
    only: Option<Vec<PathBuf>>,
    tweaks: Vec<Tweak>,
}

impl Test {
    /// A run in a fresh, empty folder, expected to exit 0.
    pub fn new() -> Self {
        Self::with_place(Place::Owned(tempdir()))
    }

    /// A run in a folder the test made (a practice folder, say).
    pub fn in_dir(dir: TempDir) -> Self {
        Self::with_place(Place::Owned(dir))
    }

    /// A run in a folder the test keeps, e.g. for several runs side by side.
    pub fn at(dir: &Path) -> Self {
        Self::with_place(Place::Borrowed(dir.to_path_buf()))
    }

    /// `workbook build --names "Ana & Ben"` in a fresh folder: the
    /// arguments most runs start with.
    pub fn build() -> Self {
        Self::new().args(BUILD)
    }

    fn with_place(place: Place) -> Self {
        Test {
            place,
            current_dir: PathBuf::new(),
            args: Vec::new(),
            env: Vec::new(),
            status: vec![0],
            stdout: None,
            stderr: None,
            stdout_has: Vec::new(),
            stderr_has: Vec::new(),
            stderr_lacks: Vec::new(),
            files: Vec::new(),
            folders: Vec::new(),
            absent: Vec::new(),
            only: None,
            tweaks: Vec::new(),
        }
    }

    /// The folder the run happens in.
    pub fn dir(&self) -> &Path {
        self.place.path()
    }

    // The set-up.

    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Runs in a folder below the test's folder.
    pub fn current_dir(mut self, path: impl AsRef<Path>) -> Self {
        self.current_dir = path.as_ref().to_path_buf();
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.push((key.into(), None));
        self
    }

    /// Writes a file, making the folders it needs.
    pub fn write(self, path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes `workbook.toml`, the file `workbook` reads its settings from.
    pub fn config(self, toml: impl AsRef<[u8]>) -> Self {
        self.write("workbook.toml", toml)
    }

    /// Writes a CSV of couples for `batch`.
    pub fn csv(self, name: &str, rows: impl AsRef<[u8]>) -> Self {
        self.write(name, rows)
    }

    pub fn create_dir(self, path: impl AsRef<Path>) -> Self {
        std::fs::create_dir_all(self.dir().join(path)).unwrap();
        self
    }

    /// A symbolic link at `link` (in the folder) to `target`, as written.
    #[cfg(unix)]
    pub fn symlink(self, target: impl AsRef<Path>, link: impl AsRef<Path>) -> Self {
        std::os::unix::fs::symlink(target, self.dir().join(link)).unwrap();
        self
    }

    /// Changes the command just before it runs.
    pub fn tweak(mut self, tweak: impl FnOnce(&mut Command) + 'static) -> Self {
        self.tweaks.push(Box::new(tweak));
        self
    }

    // The expectations.

    /// The exit code expected (0 unless said).
    pub fn status(mut self, code: i32) -> Self {
        self.status = vec![code];
        self
    }

    /// Any of these exit codes will do.
    pub fn status_in(mut self, codes: &[i32]) -> Self {
        self.status = codes.to_vec();
        self
    }

    /// Standard output, exactly.
    pub fn stdout(mut self, text: impl Into<String>) -> Self {
        self.stdout = Some(text.into());
        self
    }

    /// Standard error, exactly.
    pub fn stderr(mut self, text: impl Into<String>) -> Self {
        self.stderr = Some(text.into());
        self
    }

    pub fn stdout_has(mut self, text: impl Into<String>) -> Self {
        self.stdout_has.push(text.into());
        self
    }

    pub fn stderr_has(mut self, text: impl Into<String>) -> Self {
        self.stderr_has.push(text.into());
        self
    }

    /// Text standard error must not hold (a password, a hint that no
    /// longer applies).
    pub fn stderr_lacks(mut self, text: impl Into<String>) -> Self {
        self.stderr_lacks.push(text.into());
        self
    }

    /// A file that must be there after the run.
    pub fn file(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// A folder that must be there after the run.
    pub fn folder(mut self, path: impl AsRef<Path>) -> Self {
        self.folders.push(path.as_ref().to_path_buf());
        self
    }

    /// A file or folder that must not be there after the run.
    pub fn no_file(mut self, path: impl AsRef<Path>) -> Self {
        self.absent.push(path.as_ref().to_path_buf());
        self
    }

    /// The run leaves exactly these names in the folder (files the test
    /// wrote count too).
    pub fn leaves_only<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.only = Some(
            paths
                .into_iter()
                .map(|p| p.as_ref().to_path_buf())
                .collect(),
        );
        self
    }

    /// The run leaves the folder as empty as it found it.
    pub fn leaves_nothing(self) -> Self {
        self.leaves_only(Vec::<PathBuf>::new())
    }

    // The run.

    /// The command as set up, for a test that drives the process itself
    /// (sends it a signal, say).
    pub fn command(&mut self) -> Command {
        let dir = self.dir().join(&self.current_dir);
        let mut cmd = workbook(&dir);
        cmd.args(&self.args);
        for (key, value) in &self.env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        for tweak in self.tweaks.drain(..) {
            tweak(&mut cmd);
        }
        cmd
    }

    /// Runs `workbook` and checks every expectation, showing the whole run
    /// when one fails.
    #[track_caller]
    pub fn run(mut self) -> Outcome {
        let out = self
            .command()
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        let code = out.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let dir = self.dir().to_path_buf();
        let mut wrong = Vec::new();
        if !self.status.contains(&code) {
            wrong.push(format!("exit {code}, not {:?}", self.status));
        }
        let mut exact = |name: &str, want: &Option<String>, have: &str| {
            if let Some(want) = want
                && want != have
            {
                wrong.push(format!("{name} is not\n{want}"));
            }
        };
        exact("stdout", &self.stdout, &stdout);
        exact("stderr", &self.stderr, &stderr);
        for want in &self.stdout_has {
            if !stdout.contains(want.as_str()) {
                wrong.push(format!("stdout lacks {want:?}"));
            }
        }
        for want in &self.stderr_has {
            if !stderr.contains(want.as_str()) {
                wrong.push(format!("stderr lacks {want:?}"));
            }
        }
        for unwanted in &self.stderr_lacks {
            if stderr.contains(unwanted.as_str()) {
                wrong.push(format!("stderr holds {unwanted:?}"));
            }
        }
        for path in &self.files {
            if !dir.join(path).is_file() {
                wrong.push(format!("no file {}", path.display()));
            }
        }
        for path in &self.folders {
            if !dir.join(path).is_dir() {
                wrong.push(format!("no folder {}", path.display()));
            }
        }
        for path in &self.absent {
            if dir.join(path).symlink_metadata().is_ok() {
                wrong.push(format!("{} is there", path.display()));
            }
        }
        if let Some(only) = &self.only {
            let have = names_in(&dir);
            let mut want = only.clone();
            want.sort();
            if have != want {
                wrong.push(format!("the folder holds {have:?}, not {want:?}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "workbook {:?} in {}:\n{}\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            dir.display(),
            wrong.join("\n"),
            clip(&stdout),
            stderr,
        );
        Outcome {
            code,
            stdout,
            stderr,
            place: self.place,
        }
    }
}

/// The names in a folder, relative and sorted.
fn names_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Standard output shortened for a failure message (it may be a PDF).
fn clip(text: &str) -> &str {
    match text.char_indices().nth(2000) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// What a run did, for the checks a test makes beyond the builder's.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    place: Place,
}

impl Outcome {
    /// The folder the run happened in.
    pub fn dir(&self) -> &Path {
        self.place.path()
    }

    /// A path in the run's folder.
    pub fn path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.dir().join(rel)
    }

    pub fn read(&self, rel: impl AsRef<Path>) -> Vec<u8> {
        let path = self.path(rel);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn read_to_string(&self, rel: impl AsRef<Path>) -> String {
        String::from_utf8(self.read(rel)).unwrap()
    }

    /// The names the run's folder holds, relative and sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        names_in(self.dir())
    }

    /// A written PDF's page sizes in points.
    pub fn page_sizes(&self, rel: impl AsRef<Path>) -> Vec<(f32, f32)> {
        pdf_page_sizes(&self.path(rel))
    }

    /// A written PDF's text, white space folded.
    pub fn pdf_text(&self, rel: impl AsRef<Path>) -> String {
        pdf_text(&self.read(rel))
    }

    /// The warning lines of standard error, joined.
    pub fn warnings(&self) -> String {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .collect()
    }

    /// The next run, in the same folder.
    pub fn then(self) -> Test {
        Test::with_place(self.place)
    }
}
