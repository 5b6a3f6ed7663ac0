//! The server secret: the key of every keyed digest (sessions, sign-in
//! counters, and — next — invitation tokens). It is never in the database,
//! so a copy of the database alone cannot recompute a digest.
//!
//! Where it comes from, in order: `CONSULTA_SECRET_KEY` (hex); else the key
//! file (`CONSULTA_SECRET_KEY_FILE`, or `secret.key` beside the SQLite
//! database), created with mode 0600 on first start when it does not exist.
//! PostgreSQL deployments run several instances that must share one key, so
//! there the key or an existing key file must be given.

use super::config::{Config, SECRET_MIN_BYTES, parse_secret};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct ServerKey(Vec<u8>);

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("server secret: cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("server secret: {path} is not valid: {reason}")]
    Invalid { path: String, reason: &'static str },
    #[error("server secret: cannot create {path}: {reason}")]
    Create { path: String, reason: String },
    #[error(
        "server secret: with PostgreSQL set CONSULTA_SECRET_KEY (64+ hex digits) or \
         CONSULTA_SECRET_KEY_FILE, the same on every instance"
    )]
    Missing,
    #[error(
        "server secret: {path} does not exist; with PostgreSQL every instance must read the \
         same key, so it is never made here: create it once (`openssl rand -hex 32 > {path}`, \
         mode 0600) and copy it to every instance, or set CONSULTA_SECRET_KEY"
    )]
    MissingFile { path: String },
}

impl ServerKey {
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Self> {
        (bytes.len() >= SECRET_MIN_BYTES).then_some(ServerKey(bytes))
    }

    /// The key the configuration names, reading or creating the key file.
    pub fn load(cfg: &Config) -> Result<Self, KeyError> {
        if let Some(k) = &cfg.secret_key {
            return Ok(ServerKey(k.0.clone()));
        }
        let path = match (&cfg.secret_key_file, sqlite_dir(&cfg.database_url)) {
            (Some(p), _) => p.clone(),
            (None, Some(dir)) => dir.join("secret.key"),
            (None, None) => return Err(KeyError::Missing),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => parse_secret(&text)
                .map(ServerKey)
                .map_err(|reason| KeyError::Invalid {
                    path: path.display().to_string(),
                    reason,
                }),
            // SQLite: one server, which makes its key on first start.
            // PostgreSQL: instances that each made their own key would
            // not read each other's sessions or links.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if sqlite_dir(&cfg.database_url).is_some() {
                    create(&path)
                } else {
                    Err(KeyError::MissingFile {
                        path: path.display().to_string(),
                    })
                }
            }
            Err(e) => Err(KeyError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }

    /// 32 bytes derived from the key for one `purpose` (HMAC-SHA256).
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"derive\0");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Seals `plain` (XChaCha20-Poly1305 under a key derived for sealing):
    /// hex of a random nonce followed by the ciphertext.
    pub fn seal(&self, plain: &[u8]) -> String {
        use chacha20poly1305::aead::{Aead, KeyInit};
        use chacha20poly1305::{XChaCha20Poly1305, XNonce};
        use rand::TryRngCore;
        let cipher = XChaCha20Poly1305::new(&self.derive("seal").into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng
            .try_fill_bytes(&mut nonce)
            .expect("OS random source");
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), plain)
            .expect("sealing a short secret cannot fail");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        hex::encode(out)
    }

    /// Opens what [`seal`](Self::seal) produced with this key; `None` if it
    /// was sealed under another key or altered.
    pub fn open(&self, sealed: &str) -> Option<Vec<u8>> {
        use chacha20poly1305::aead::{Aead, KeyInit};
        use chacha20poly1305::{XChaCha20Poly1305, XNonce};
        let bytes = hex::decode(sealed).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ct) = bytes.split_at(24);
        XChaCha20Poly1305::new(&self.derive("seal").into())
            .decrypt(XNonce::from_slice(nonce), ct)
            .ok()
    }

    /// HMAC-SHA256 of `value` under this key, separated by `domain`, in hex.
    pub fn digest(&self, domain: &str, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The folder of a SQLite file database, if that is the engine.
fn sqlite_dir(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    Some(
        Path::new(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    )
}

fn create(path: &Path) -> Result<ServerKey, KeyError> {
    let err = |e: std::io::Error| KeyError::Create {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let hex_key = super::services::secrets::random_token();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    use std::io::Write;
    let mut f = opts.open(path).map_err(err)?;
    f.write_all(format!("{hex_key}\n").as_bytes())
        .map_err(err)?;
    f.sync_all().map_err(err)?;
    tracing::info!(path = %path.display(), "created the server secret");
    Ok(ServerKey(
        hex::decode(hex_key).expect("random_token is hex"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Config {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_map(&m).unwrap()
    }

    #[test]
    fn created_once_with_private_mode_then_read_back() {
        let dir = std::env::temp_dir().join(format!(
            "consulta-key-{}",
            super::super::services::secrets::random_token()
        ));
        let url = format!("sqlite://{}/x.db", dir.display());
        let c = cfg(&[("DATABASE_URL", &url)]);
        let a = ServerKey::load(&c).unwrap();
        let b = ServerKey::load(&c).unwrap();
        assert_eq!(a.digest("d", "v"), b.digest("d", "v"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("secret.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(dir.join("secret.key"), "abcd").unwrap();
        assert!(matches!(ServerKey::load(&c), Err(KeyError::Invalid { .. })));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn postgres_needs_a_shared_key() {
        let c = cfg(&[("DATABASE_URL", "postgres://u@h/db")]);
        assert!(matches!(ServerKey::load(&c), Err(KeyError::Missing)));
        let key = "0f".repeat(32);
        let c = cfg(&[
            ("DATABASE_URL", "postgres://u@h/db"),
            ("CONSULTA_SECRET_KEY", &key),
        ]);
        assert!(ServerKey::load(&c).is_ok());
        // A key file that does not exist is not made: each instance would
        // make its own.
        let missing = std::env::temp_dir().join(format!(
            "consulta-key-{}",
            super::super::services::secrets::random_token()
        ));
        let file = missing.join("secret.key");
        let c = cfg(&[
            ("DATABASE_URL", "postgres://u@h/db"),
            ("CONSULTA_SECRET_KEY_FILE", file.to_str().unwrap()),
        ]);
        assert!(matches!(
            ServerKey::load(&c),
            Err(KeyError::MissingFile { .. })
        ));
        assert!(!file.exists());
        std::fs::create_dir_all(&missing).unwrap();
        std::fs::write(&file, format!("{key}\n")).unwrap();
        assert!(ServerKey::load(&c).is_ok(), "an existing file is read");
        std::fs::remove_dir_all(&missing).ok();
    }

    #[test]
    fn sealed_secrets_open_only_with_their_key() {
        let a = ServerKey::from_bytes(vec![1; 32]).unwrap();
        let b = ServerKey::from_bytes(vec![2; 32]).unwrap();
        let sealed = a.seal(b"per-consultation secret");
        assert_ne!(
            sealed,
            a.seal(b"per-consultation secret"),
            "a fresh nonce each time"
        );
        assert_eq!(a.open(&sealed).unwrap(), b"per-consultation secret");
        assert!(b.open(&sealed).is_none());
        let mut altered = sealed.clone();
        altered.replace_range(60..62, if &sealed[60..62] == "00" { "01" } else { "00" });
        assert!(a.open(&altered).is_none());
        assert!(a.open("zz").is_none());
    }

    #[test]
    fn digests_depend_on_key_and_domain() {
        let a = ServerKey::from_bytes(vec![1; 32]).unwrap();
        let b = ServerKey::from_bytes(vec![2; 32]).unwrap();
        assert_ne!(a.digest("session", "x"), b.digest("session", "x"));
        assert_ne!(a.digest("session", "x"), a.digest("throttle", "x"));
        assert!(ServerKey::from_bytes(vec![1; 31]).is_none());
        assert_eq!(a.digest("session", "x").len(), 64);
    }
}
