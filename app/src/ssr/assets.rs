//! Static assets carry a content hash in their address (`?v=…`), so browsers
//! may keep them for a year: a new build has new hashes, hence new addresses.
//! The hashes are computed once, when the server starts, from the files it
//! serves, and kept in its state.

use super::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// The content hashes of the files under `site_root/pkg` (those that
/// exist), by file name: what a server keeps in its state.
pub fn load(site_root: &Path) -> HashMap<String, String> {
    let mut versions = HashMap::new();
    let pkg = site_root.join("pkg");
    let names = std::fs::read_dir(&pkg)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    for name in names {
        if let Ok(bytes) = std::fs::read(pkg.join(&name)) {
            let hash = hex::encode(&Sha256::digest(&bytes)[..6]);
            versions.insert(name, hash);
        }
    }
    versions
}

/// The address of asset `file` given the `versions` of the files served.
pub fn address(versions: &HashMap<String, String>, file: &str) -> String {
    match versions.get(file) {
        Some(v) => format!("/pkg/{file}?v={v}"),
        None => format!("/pkg/{file}"),
    }
}

/// The address of asset `file` (under `/pkg` of `site_root`), with its
/// content hash when the server rendering the page serves that root and
/// knows the file.
pub fn url(site_root: &str, file: &str) -> String {
    match super::state::app_state() {
        Ok(state) if state.config.site_root == site_root => address(&state.asset_versions, file),
        _ => format!("/pkg/{file}"),
    }
}

/// Layer for `/pkg`: an address naming the file's current hash may be
/// cached for a year; any other must be checked again.
pub async fn cache_headers(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with("/pkg/") {
        return next.run(req).await;
    }
    let file = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let asked = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("v=")))
        .map(str::to_string);
    let mut res = next.run(req).await;
    let current = asked.is_some() && asked.as_ref() == state.asset_versions.get(&file);
    let value = if current && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_carry_the_content_hash() {
        let dir = std::env::temp_dir().join(format!("consulta-assets-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/consulta.css"), "body{}").unwrap();
        std::fs::write(dir.join("pkg/consulta.css.br"), "compressed").unwrap();
        let versions = load(&dir);
        let u = address(&versions, "consulta.css");
        assert!(u.starts_with("/pkg/consulta.css?v="), "{u}");
        assert_eq!(u.len(), "/pkg/consulta.css?v=".len() + 12);
        assert_eq!(address(&versions, "missing.js"), "/pkg/missing.js");
        assert_eq!(versions.len(), 1, "compressed copies are not addressed");
        assert_eq!(
            url(&dir.display().to_string(), "consulta.css"),
            "/pkg/consulta.css",
            "outside a server's request, no hash"
        );
        std::fs::write(dir.join("pkg/consulta.css"), "body{color:red}").unwrap();
        assert_ne!(
            address(&load(&dir), "consulta.css"),
            u,
            "new content, new address"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
