//! Test harness for black-box tests: starts the real `schwarm` binary on a free port against a
//! fresh database and talks HTTP to it.
//!
//! The backend comes from `SCHWARM_TEST_BACKEND` (`sqlite`, the default, or `postgres`). For
//! PostgreSQL, `TEST_DATABASE_URL` names a server and a database to connect to as an
//! administrator; every test creates its own database there and drops it afterwards, so runs never
//! see each other's data. `scripts/test.sh` runs the whole suite once per available backend.

pub mod api;
pub mod db;
pub mod http;
pub mod peers;
pub mod pg_proxy;
pub mod receiver;
pub mod s3;
pub mod smtp;
pub mod sockets;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};

pub use http::{HttpClient, TestResponse};

/// The file in a server's working directory that holds its stopped clock, if any.
const CLOCK_FILE: &str = "test-clock";

/// How long a server may take to print its listening address.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend this test run targets.
    pub fn current() -> Backend {
        match std::env::var("SCHWARM_TEST_BACKEND").as_deref() {
            Ok("postgres") => Backend::Postgres,
            Ok("sqlite") | Err(_) => Backend::Sqlite,
            Ok(other) => panic!("SCHWARM_TEST_BACKEND={other:?}: expected sqlite or postgres"),
        }
    }
}

/// The repository root (where `openapi.yaml` lives).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// The `schwarm` binary: `SCHWARM_BIN` if set (the test script builds it once), otherwise built
/// here with the same cargo that runs the tests, so `cargo test` alone never tests a stale binary.
pub fn server_binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Ok(path) = std::env::var("SCHWARM_BIN") {
            return PathBuf::from(path);
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "build",
                "-p",
                "schwarm-api",
                "--bin",
                "schwarm",
                // As scripts/test.sh builds it, and as the tests crate depends on it.
                "--features",
                "s3",
                "--message-format=json",
            ])
            .current_dir(workspace_root())
            .stderr(Stdio::inherit())
            .output()
            .expect("run cargo build");
        assert!(output.status.success(), "building the schwarm binary failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|msg| msg["target"]["name"] == "schwarm")
            .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the schwarm executable")
    })
}

/// A PostgreSQL database created for one test and dropped when this value is dropped.
pub struct PgTestDb {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PgTestDb {
    pub fn admin_url() -> String {
        std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
    }

    /// An empty database: the server under test migrates it as it starts.
    pub fn create() -> PgTestDb {
        Self::create_from(None)
    }

    /// A database with every migration applied, copied from a template that the first test to
    /// need it builds (with the migrations of this checkout, in-process). Starting a server on
    /// an empty database took about a second more, nearly all of it migrating, in every test.
    pub fn migrated() -> PgTestDb {
        let template = migrated_template(&Self::admin_url());
        Self::create_from(Some(&template))
    }

    fn create_from(template: Option<&str>) -> PgTestDb {
        let admin_url = Self::admin_url();
        let name = format!("schwarm_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = admin_connection(&admin_url);
        let template = template.map(|t| format!(" TEMPLATE \"{t}\"")).unwrap_or_default();
        diesel::sql_query(format!("CREATE DATABASE \"{name}\"{template}"))
            .execute(&mut admin)
            .expect("create test database");
        let url = with_database(&admin_url, &name);
        PgTestDb { admin_url, name, url }
    }
}

fn admin_connection(admin_url: &str) -> PgConnection {
    PgConnection::establish(admin_url)
        .unwrap_or_else(|err| panic!("connect to TEST_DATABASE_URL {admin_url}: {err}"))
}

/// The name of the template database with this checkout's PostgreSQL migrations applied,
/// building it if no test has yet. Its name carries a hash of the migrations' SQL, so a changed
/// migration gets a template of its own (and the outdated ones are dropped). Test processes
/// start together: an advisory lock lets one build while the others wait, and the template gets
/// its final name only once it is complete.
fn migrated_template(admin_url: &str) -> String {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let name = format!("schwarm_template_{:016x}", migrations_fingerprint());
        let mut admin = admin_connection(admin_url);
        // Any fixed key; it only has to differ from the server's own (migrations, jobs).
        diesel::sql_query("SELECT pg_advisory_lock(7305251991)")
            .execute(&mut admin)
            .expect("lock the template");
        if !database_exists(&mut admin, &name) {
            for stale in databases_like(&mut admin, "schwarm_template_%") {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{stale}\" WITH (FORCE)"))
                    .execute(&mut admin);
            }
            let building = format!("{name}_building");
            diesel::sql_query(format!("CREATE DATABASE \"{building}\""))
                .execute(&mut admin)
                .expect("create the template database");
            {
                let mut conn = schwarm_api::db::DbConnection::establish(&with_database(admin_url, &building))
                    .expect("connect to the template database");
                schwarm_api::db::migrations::run_pending(&mut conn).expect("migrate the template database");
            }
            diesel::sql_query(format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\""))
                .execute(&mut admin)
                .expect("name the template database");
        }
        diesel::sql_query("SELECT pg_advisory_unlock(7305251991)")
            .execute(&mut admin)
            .expect("unlock the template");
        name
    })
    .clone()
}

/// A hash of every PostgreSQL migration's name and SQL, in order.
fn migrations_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let dir = workspace_root().join("api/migrations/postgres");
    let mut migrations: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("read {}: {err}", dir.display()))
        .map(|entry| entry.expect("a migration folder").path())
        .collect();
    migrations.sort();
    // DefaultHasher::new() has fixed keys: every test process computes the same value.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for migration in migrations {
        migration.file_name().hash(&mut hasher);
        for file in ["up.sql", "down.sql"] {
            std::fs::read(migration.join(file))
                .unwrap_or_default()
                .hash(&mut hasher);
        }
    }
    hasher.finish()
}

#[derive(diesel::QueryableByName)]
struct DatabaseName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    datname: String,
}

fn databases_like(admin: &mut PgConnection, pattern: &str) -> Vec<String> {
    diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE $1")
        .bind::<diesel::sql_types::Text, _>(pattern)
        .load::<DatabaseName>(admin)
        .expect("list databases")
        .into_iter()
        .map(|row| row.datname)
        .collect()
}

fn database_exists(admin: &mut PgConnection, name: &str) -> bool {
    databases_like(admin, name).iter().any(|found| found == name)
}

impl Drop for PgTestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name))
                .execute(&mut admin);
        }
    }
}

/// Replaces the database name in a `postgres://` URL.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

/// A database for one test on the current backend, as a `DATABASE_URL`.
pub struct TestDatabase {
    pub url: String,
    _pg: Option<PgTestDb>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A database of its own for one test: on PostgreSQL a copy of the migrated template (the
    /// outage tests start from an empty one, so a server migrating at start is tested there
    /// too); on SQLite a new file, which the server migrates in a few milliseconds.
    pub fn fresh() -> TestDatabase {
        match Backend::current() {
            Backend::Postgres => {
                let pg = PgTestDb::migrated();
                TestDatabase {
                    url: pg.url.clone(),
                    _pg: Some(pg),
                    _dir: None,
                }
            }
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("schwarm.db").display());
                TestDatabase {
                    url,
                    _pg: None,
                    _dir: Some(dir),
                }
            }
        }
    }
}

/// A running `schwarm` process; killed when dropped.
pub struct TestServer {
    child: Child,
    pub base_url: String,
    pub client: HttpClient,
    logs: Arc<Mutex<Vec<String>>>,
    /// The working directory (holds `./data` unless `DATA_DIR` says otherwise).
    pub work_dir: tempfile::TempDir,
    _db: Option<TestDatabase>,
}

/// How to start a server for a test.
pub struct ServerOptions {
    /// Extra environment variables (the environment is otherwise empty).
    env: HashMap<String, String>,
    /// Set `DATABASE_URL` to a fresh database of the current backend.
    fresh_database: bool,
}

impl Default for ServerOptions {
    /// A fresh database of the current backend and no other settings.
    fn default() -> Self {
        ServerOptions {
            env: HashMap::new(),
            fresh_database: true,
        }
    }
}

impl ServerOptions {
    /// A fresh database of the current backend and no other settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Leaves `DATABASE_URL` unset, as a new user would (SQLite under `./data`).
    pub fn default_database(mut self) -> Self {
        self.fresh_database = false;
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.env.insert(key.to_owned(), value.into());
        self
    }

    /// Serves `/metrics` to [`METRICS_TOKEN`] and runs the recurring jobs as rarely as the
    /// configuration allows, so the statements the server sends are its requests' own (see
    /// [`TestServer::statements_sent`]); the job queue still looks for work, counted apart.
    pub fn counting_statements(self) -> Self {
        self.env("METRICS_TOKEN", METRICS_TOKEN)
            .env("SCORE_FOLD_INTERVAL_MS", "60000")
            .env("DISPATCH_INTERVAL_MS", "60000")
            .env("FUNDING_SETTLE_INTERVAL_MS", "3600000")
            .env("MICROTASKS_SWEEP_INTERVAL_MS", "3600000")
    }
}

/// The `/metrics` bearer of a server started [`ServerOptions::counting_statements`].
pub const METRICS_TOKEN: &str = "metrics-token-for-the-test-0123456789";

impl TestServer {
    /// A server on a fresh database of the current backend.
    pub fn start() -> TestServer {
        Self::start_with(ServerOptions::new())
    }

    pub fn start_with(options: ServerOptions) -> TestServer {
        let work_dir = tempfile::tempdir().expect("temp dir");
        let db = options.fresh_database.then(TestDatabase::fresh);
        let mut command = base_command(work_dir.path());
        command.env("BIND_ADDR", "127.0.0.1:0");
        // The clock runs until a test stops it with `set_clock`.
        command.env("TEST_CLOCK_FILE", work_dir.path().join(CLOCK_FILE));
        if let Some(db) = &db {
            command.env("DATABASE_URL", &db.url);
        }
        command.envs(&options.env);
        let mut child = command
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start schwarm");

        let logs = Arc::new(Mutex::new(Vec::new()));
        let (addr_tx, addr_rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&logs);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(addr) = line.split("listening on http://").nth(1) {
                    let _ = addr_tx.send(addr.trim().to_owned());
                }
                sink.lock().expect("log lock").push(line);
            }
        });

        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let addr = loop {
            match addr_rx.recv_timeout(Duration::from_millis(50)) {
                Ok(addr) => break addr,
                Err(_) if Instant::now() > deadline => {
                    let _ = child.kill();
                    panic!(
                        "server did not start in time; log:\n{}",
                        logs.lock().expect("log lock").join("\n")
                    )
                }
                Err(_) => {
                    if let Ok(Some(status)) = child.try_wait() {
                        std::thread::sleep(Duration::from_millis(100));
                        panic!(
                            "server exited with {status}; log:\n{}",
                            logs.lock().expect("log lock").join("\n")
                        )
                    }
                }
            }
        };
        let base_url = format!("http://{addr}");
        TestServer {
            child,
            client: HttpClient::new(&base_url),
            base_url,
            logs,
            work_dir,
            _db: db,
        }
    }

    /// Stops the server's domain clock at `instant` (RFC 3339), e.g. a moment before a phase
    /// ends; see `api/src/clock.rs`.
    pub fn set_clock(&self, instant: &str) {
        std::fs::write(self.work_dir.path().join(CLOCK_FILE), instant).expect("write the clock file");
    }

    /// A direct connection to this server's database.
    pub fn db(&self) -> db::TestDb {
        let url = match &self._db {
            Some(db) => db.url.clone(),
            None => format!(
                "sqlite://{}",
                self.work_dir.path().join("data/schwarm.db").display()
            ),
        };
        db::TestDb::connect(&url)
    }

    /// Lets the server's domain clock run with the system clock again.
    pub fn release_clock(&self) {
        let _ = std::fs::remove_file(self.work_dir.path().join(CLOCK_FILE));
    }

    pub fn addr(&self) -> &str {
        self.base_url.trim_start_matches("http://")
    }

    /// The statements `work`'s requests made the server send, exactly: the job queue's
    /// statements are counted apart, so jobs running beside it add nothing.
    pub fn statements_of(&self, work: impl FnOnce()) -> f64 {
        // Reading the counter is a request too: what one reading adds is taken off.
        let first = self.statements_sent();
        let before = self.statements_sent();
        let reading = before - first;
        work();
        (self.statements_sent() - before - reading) as f64
    }

    /// The statements the server has sent its database for requests so far
    /// (`schwarm_db_statements_total{origin="request"}`; the job queue's are counted apart;
    /// needs [`ServerOptions::counting_statements`]).
    pub fn statements_sent(&self) -> u64 {
        let bearer = format!("Bearer {METRICS_TOKEN}");
        let text = self
            .client
            .get_with("/api/v1/metrics", &[("Authorization", &bearer)])
            .text();
        text.lines()
            .find_map(|line| line.strip_prefix("schwarm_db_statements_total{origin=\"request\"} "))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("no request statements in\n{text}"))
    }

    pub fn get(&self, path: &str) -> TestResponse {
        self.client.get(path)
    }

    /// Every line the server has logged so far.
    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().expect("log lock").clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the process at once (SIGKILL), as a crash or an OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM, as an orchestrator does to stop a replica.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits for the process to exit (after [`TestServer::terminate`]).
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for server") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "server still running after {timeout:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary with an empty environment (plus logging), run in `dir`.
fn base_command(dir: &Path) -> Command {
    let mut command = Command::new(server_binary());
    command.env_clear().env("RUST_LOG", "info").current_dir(dir);
    command
}

/// Runs the binary to completion with the given environment, for start-up failures.
pub fn run_to_exit(env: &[(&str, &str)], timeout: Duration) -> (ExitStatus, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = base_command(dir.path())
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start schwarm");
    let deadline = Instant::now() + timeout;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("schwarm did not exit within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("collect output");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Polls `check` until it returns true or `timeout` passes.
pub fn eventually(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if check() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced_in_urls() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
