//! The JWT signing secret: taken from `JWT_SECRET`, or generated once into `DATA_DIR` so that a
//! development server keeps its sessions across restarts without any configuration.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rand::RngCore;

use crate::config::{JwtSecret, JwtSecretSource};

const SECRET_FILE: &str = "jwt_secret";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("cannot read or create {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path} is corrupt ({reason}); delete it to generate a new secret (this signs everyone out)")]
    Corrupt { path: PathBuf, reason: String },
}

/// Resolves the configured secret source to the secret itself.
pub fn load_jwt_secret(source: &JwtSecretSource, data_dir: &Path) -> Result<JwtSecret, SecretError> {
    match source {
        JwtSecretSource::Env(secret) => Ok(secret.clone()),
        JwtSecretSource::GeneratedInDataDir => load_or_generate(&data_dir.join(SECRET_FILE)),
    }
}

fn load_or_generate(path: &Path) -> Result<JwtSecret, SecretError> {
    let io_error = |source| SecretError::Io {
        path: path.to_owned(),
        source,
    };
    match fs::read_to_string(path) {
        Ok(hex) => decode_hex(hex.trim())
            .and_then(JwtSecret::new)
            .map_err(|reason| SecretError::Corrupt {
                path: path.to_owned(),
                reason,
            }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let mut bytes = vec![0u8; 64];
            rand::rng().fill_bytes(&mut bytes);
            match write_private(path, crate::digest::hex(&bytes).as_bytes()) {
                Ok(()) => {}
                // Another process sharing DATA_DIR created it first: use theirs, so both agree.
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => return load_or_generate(path),
                Err(err) => return Err(io_error(err)),
            }
            log::warn!(
                "JWT_SECRET is not set: generated one into {} (fine for development; set JWT_SECRET \
                 in production, and the same value on every replica)",
                path.display()
            );
            JwtSecret::new(bytes).map_err(|reason| SecretError::Corrupt {
                path: path.to_owned(),
                reason,
            })
        }
        Err(err) => Err(io_error(err)),
    }
}

/// Publishes `contents` at `path`, readable by its owner only, all at once: written to a private
/// temporary file first, then hard-linked into place, which fails with `AlreadyExists` instead of
/// overwriting, so concurrent starters never see a half-written secret.
fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temp = path.with_extension(format!("tmp-{}", uuid::Uuid::now_v7().simple()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    let published = written.and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    published
}

fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("expected hexadecimal text".into());
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| e.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_is_private_and_stable_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_jwt_secret(&JwtSecretSource::GeneratedInDataDir, dir.path()).unwrap();
        let second = load_jwt_secret(&JwtSecretSource::GeneratedInDataDir, dir.path()).unwrap();
        assert_eq!(first.as_bytes(), second.as_bytes());
        assert_eq!(first.as_bytes().len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn concurrent_starters_agree_on_one_secret() {
        let dir = tempfile::tempdir().unwrap();
        let secrets: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let starters: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        load_jwt_secret(&JwtSecretSource::GeneratedInDataDir, dir.path())
                            .unwrap()
                            .as_bytes()
                            .to_vec()
                    })
                })
                .collect();
            starters.into_iter().map(|s| s.join().unwrap()).collect()
        });
        assert!(
            secrets.windows(2).all(|pair| pair[0] == pair[1]),
            "all starters use the same secret"
        );
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files are left behind");
    }

    #[test]
    fn corrupt_secret_file_is_reported_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SECRET_FILE), "not hex").unwrap();
        let err = load_jwt_secret(&JwtSecretSource::GeneratedInDataDir, dir.path()).unwrap_err();
        assert!(matches!(err, SecretError::Corrupt { .. }), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join(SECRET_FILE)).unwrap(),
            "not hex"
        );
    }

    #[test]
    fn secret_from_env_wins() {
        let dir = tempfile::tempdir().unwrap();
        let secret = JwtSecret::new(vec![7; 40]).unwrap();
        let loaded = load_jwt_secret(&JwtSecretSource::Env(secret), dir.path()).unwrap();
        assert_eq!(loaded.as_bytes(), &[7; 40]);
        assert!(!dir.path().join(SECRET_FILE).exists());
    }
}
