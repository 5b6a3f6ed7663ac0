//! Reading submitted forms. A body is read only with a form content type
//! (415 otherwise), within a size limit (413), and must parse (400); a
//! handler then asks for the fields it needs, and a missing one is an error,
//! never an empty string. Nothing is written from a malformed request.

use crate::domain::account::{Access, StaffUser};
use crate::domain::survey::Text;
use crate::error::AppError;
use crate::ssr::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::http::request::Parts;
use axum::http::{Request, header};
use std::collections::HashMap;

/// URL-encoded bodies larger than this are refused.
pub const FORM_LIMIT: usize = 256 * 1024;
/// Multipart bodies (a file upload) larger than this are refused.
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// Parses a URL-encoded body; `None` when it is not one, or when a name
    /// or a value, once decoded, is not UTF-8 text (browsers always send
    /// UTF-8: anything else was crafted, and is refused rather than read
    /// with replacement characters).
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        // Sized once: a body of many small fields would otherwise leave a
        // list twice as large as its fields behind its last growth.
        let fields = bytes
            .split(|b| *b == b'&')
            .filter(|p| !p.is_empty())
            .count();
        let mut pairs = Vec::with_capacity(fields);
        for piece in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match piece.iter().position(|b| *b == b'=') {
                Some(i) => (&piece[..i], &piece[i + 1..]),
                None => (piece, &[][..]),
            };
            pairs.push((decode(name)?, decode(value)?));
        }
        Some(Form { pairs })
    }

    /// The value of single-valued field `name`, or `""` when absent (for
    /// checkboxes and other fields a browser leaves out when empty); a field
    /// sent more than once is refused (see [`Form::value`]).
    pub fn get(&self, name: &str) -> Result<&str, AppError> {
        Ok(self.value(name)?.unwrap_or(""))
    }

    /// The value of single-valued field `name`, if the form has it. No page
    /// sends such a field twice: a repeated one was crafted, and is refused
    /// (400) rather than read as its first (or last) value. Fields a page
    /// does repeat (checkbox groups) are read with [`Form::all`].
    pub fn value(&self, name: &str) -> Result<Option<&str>, AppError> {
        let mut found = self
            .pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str());
        let first = found.next();
        if first.is_some() && found.next().is_some() {
            return Err(AppError::bad_request(format!(
                "field {name} sent more than once"
            )));
        }
        Ok(first)
    }

    /// Field `name`, which every form that posts here contains once.
    pub fn required(&self, name: &str) -> Result<&str, AppError> {
        self.value(name)?
            .ok_or_else(|| AppError::bad_request(format!("missing field {name}")))
    }

    /// The version of the record the form was opened on (once).
    pub fn version(&self) -> Result<i32, AppError> {
        self.required("version")?
            .trim()
            .parse()
            .map_err(|_| AppError::bad_request("unreadable version"))
    }

    /// Refuses (400) a form holding any field not named in `names`: the
    /// shape of an action whose page's form sends nothing else (an action
    /// without fields sends only its `version`). Each field must still be
    /// read with [`Form::value`] and its kin, which refuse repeats.
    pub fn only(&self, names: &[&str]) -> Result<(), AppError> {
        match self
            .pairs
            .iter()
            .find(|(k, _)| !names.contains(&k.as_str()))
        {
            Some((k, _)) => Err(AppError::bad_request(format!("unexpected field {k}"))),
            None => Ok(()),
        }
    }

    /// The three fields `{name}_en`, `{name}_fr`, `{name}_es` as one text,
    /// trimmed and cut at `max` characters; all three must be present, once.
    pub fn text(&self, name: &str, max: usize) -> Result<Text, AppError> {
        let v = |l: &str| -> Result<String, AppError> {
            Ok(self
                .required(&format!("{name}_{l}"))?
                .trim()
                .chars()
                .take(max)
                .collect())
        };
        Ok(Text {
            en: v("en")?,
            fr: v("fr")?,
            es: v("es")?,
        })
    }

    /// Every field, in the order sent.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Every value of multi-valued field `name` (checkbox groups), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every field as submitted except `secret` ones, to put back in the
    /// form. The values of a multi-valued field (a checkbox group) are kept
    /// one per line, in order ([`FormState::values_of`] reads them back).
    ///
    /// [`FormState::values_of`]: crate::domain::validation::FormState::values_of
    pub fn values_except(&self, secret: &[&str]) -> HashMap<String, String> {
        let mut out: HashMap<String, String> = HashMap::new();
        for (k, v) in &self.pairs {
            if !secret.contains(&k.as_str()) {
                out.entry(k.clone())
                    .and_modify(|all| {
                        all.push('\n');
                        all.push_str(v);
                    })
                    .or_insert_with(|| v.clone());
            }
        }
        out
    }

    /// Reads the body of `req`: URL-encoded, or (when `uploads`) multipart,
    /// whose file fields are read as UTF-8 text under their field name.
    pub async fn read(req: Request<Body>, uploads: bool) -> Result<(Parts, Form), AppError> {
        // A body announced as too large is refused before a byte of it is read.
        let limit = if uploads { UPLOAD_LIMIT } else { FORM_LIMIT };
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if announced.is_some_and(|n| n > limit as u64) {
            return Err(AppError::PayloadTooLarge);
        }
        let kind = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        match kind.as_str() {
            "application/x-www-form-urlencoded" => {
                let (parts, body) = req.into_parts();
                let bytes = axum::body::to_bytes(body, FORM_LIMIT)
                    .await
                    .map_err(|_| AppError::PayloadTooLarge)?;
                let form = Form::parse(&bytes)
                    .ok_or_else(|| AppError::bad_request("unreadable form body"))?;
                Ok((parts, form))
            }
            "multipart/form-data" if uploads => read_multipart(req).await,
            _ => Err(AppError::UnsupportedMediaType),
        }
    }
}

/// One URL-encoded name or value: `+` is a space, `%XY` a byte (a `%` not
/// followed by two hex digits stands for itself); the bytes must be UTF-8.
fn decode(raw: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let digit = |j: usize| raw.get(j).and_then(|b| (*b as char).to_digit(16));
                match (digit(i + 1), digit(i + 2)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

async fn read_multipart(req: Request<Body>) -> Result<(Parts, Form), AppError> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, UPLOAD_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let req = Request::from_parts(parts.clone(), Body::from(bytes));
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|_| AppError::bad_request("unreadable multipart body"))?;
    let mut pairs = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|_| AppError::bad_request("unreadable multipart body"))?
    {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| AppError::bad_request("unreadable multipart field"))?;
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| AppError::bad_request("a field is not UTF-8 text"))?;
        pairs.push((name, text));
    }
    Ok((parts, Form { pairs }))
}

/// A staff member's form: the caller (who must be of the Secretariat; the
/// access layer has already applied the route's rule) and the fields. Its
/// rejection is the response: handlers just use `?`.
pub struct StaffForm {
    pub parts: Parts,
    pub form: Form,
    pub user: StaffUser,
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = AppError;

    async fn from_request(req: Request<Body>, _: &AppState) -> Result<Self, AppError> {
        let user = caller(&req, Access::Secretariat)?;
        let (parts, form) = Form::read(req, false).await?;
        Ok(StaffForm { parts, form, user })
    }
}

/// A staff form that may carry a file upload (multipart).
pub struct StaffUpload(pub StaffForm);

impl FromRequest<AppState> for StaffUpload {
    type Rejection = AppError;

    async fn from_request(req: Request<Body>, _: &AppState) -> Result<Self, AppError> {
        let user = caller(&req, Access::Secretariat)?;
        let (parts, form) = Form::read(req, true).await?;
        Ok(StaffUpload(StaffForm { parts, form, user }))
    }
}

/// Anyone's form (sign-in).
pub struct PublicForm {
    pub parts: Parts,
    pub form: Form,
}

impl FromRequest<AppState> for PublicForm {
    type Rejection = AppError;

    async fn from_request(req: Request<Body>, _: &AppState) -> Result<Self, AppError> {
        let (parts, form) = Form::read(req, false).await?;
        Ok(PublicForm { parts, form })
    }
}

/// The language of the request whose `parts` a handler holds.
pub fn lang_of(parts: &Parts) -> crate::domain::lang::Lang {
    parts
        .extensions
        .get::<crate::request::RequestInfo>()
        .map(|i| i.lang)
        .unwrap_or_default()
}

fn caller(req: &Request<Body>, access: Access) -> Result<StaffUser, AppError> {
    let user = req
        .extensions()
        .get::<crate::request::RequestInfo>()
        .and_then(|i| i.user.as_ref());
    crate::auth::guard(user, access)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::FormState;

    #[test]
    fn parses_fields() {
        let f = Form::parse(b"email=a%40b.org&password=x&name=S%C3%A3o+Tom%C3%A9").unwrap();
        assert_eq!(f.get("email"), Ok("a@b.org"));
        assert_eq!(f.get("name"), Ok("São Tomé"));
        assert_eq!(f.get("missing"), Ok(""));
        assert_eq!(f.value("missing"), Ok(None));
        assert!(f.required("missing").is_err());
        let v = f.values_except(&["password"]);
        assert!(!v.contains_key("password"));
        assert_eq!(v["email"], "a@b.org");
    }

    #[test]
    fn a_repeated_single_valued_field_is_refused() {
        let f = Form::parse(
            b"email=a%40b.org&email=other&version=3&version=4&title_en=a&title_en=b\
              &title_fr=c&title_es=d&box=1&box=2&empty=&empty=",
        )
        .unwrap();
        let refused = |r: Result<(), AppError>| matches!(r, Err(AppError::Request(_)));
        assert!(refused(f.get("email").map(drop)));
        assert!(refused(f.value("email").map(drop)));
        assert!(refused(f.required("email").map(drop)));
        assert!(refused(f.version().map(drop)));
        assert!(refused(f.text("title", 10).map(drop)));
        // Even when both values are blank: nothing is read from a crafted form.
        assert!(refused(f.get("empty").map(drop)));
        // Multi-valued fields keep every value, in order.
        assert_eq!(f.all("box"), ["1", "2"]);
        assert_eq!(f.all("email"), ["a@b.org", "other"]);
        // What is put back in a refused form is every value, one per line,
        // and read back as they came.
        let back = FormState::refused(f.values_except(&[]), "x", vec![]);
        assert_eq!(back.values_of("box"), ["1", "2"]);
        assert_eq!(back.values_of("missing"), Vec::<&str>::new());
        assert_eq!(back.value("version").as_deref(), Some("3\n4"));
    }

    #[test]
    fn url_encoding_is_read_strictly() {
        let f = Form::parse(b"&a+b=c+d&&e&f=1=2&g=%zz%4&h=%00%E2%80%AF&").unwrap();
        assert_eq!(
            f.pairs(),
            [
                ("a b".to_string(), "c d".to_string()),
                ("e".into(), "".into()),
                ("f".into(), "1=2".into()),
                ("g".into(), "%zz%4".into()),
                // A control character is text here; the answers refuse it.
                ("h".into(), "\0\u{202f}".into()),
            ]
        );
        assert!(Form::parse(b"").unwrap().pairs().is_empty());
        for bad in [
            &b"a=%ff"[..],
            b"%c3%28=x",
            b"a=%e2%80",
            b"a=\xff",
            b"q.x=%ed%a0%80",
        ] {
            assert!(Form::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn texts_in_three_languages() {
        let f =
            Form::parse(b"title_en=+Needs+&title_fr=Besoins&title_es=Necesidades+largas").unwrap();
        let t = f.text("title", 11).unwrap();
        assert_eq!(
            (t.en.as_str(), t.fr.as_str(), t.es.as_str()),
            ("Needs", "Besoins", "Necesidades")
        );
        assert!(f.text("missing", 10).is_err());
        let partial = Form::parse(b"title_en=x&title_fr=y").unwrap();
        assert!(
            partial.text("title", 10).is_err(),
            "a missing language is an error"
        );
    }

    #[test]
    fn an_action_without_fields_takes_its_version_and_nothing_else() {
        let only = |body: &[u8]| {
            let f = Form::parse(body).unwrap();
            f.only(&["version"]).and_then(|()| f.version())
        };
        assert_eq!(only(b"version=4"), Ok(4));
        for refused in [
            &b""[..],
            b"version=4&version=4",
            b"version=4&a=b",
            b"a=b&version=4",
            b"version=4&version",
            b"%00=&version=4",
            b"versio=4",
        ] {
            assert!(
                matches!(only(refused), Err(AppError::Request(_))),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn versions_must_be_numbers() {
        assert_eq!(Form::parse(b"version=3").unwrap().version(), Ok(3));
        assert!(Form::parse(b"version=x").unwrap().version().is_err());
        assert!(Form::parse(b"").unwrap().version().is_err());
    }

    #[tokio::test]
    async fn content_types_and_sizes() {
        let req = |ct: &str, body: Vec<u8>| {
            Request::builder()
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))
                .unwrap()
        };
        let err = |r: Result<(Parts, Form), AppError>| r.err();
        assert_eq!(
            err(Form::read(
                req("application/json", b"{\"hello\":\"world\"}".to_vec()),
                false
            )
            .await),
            Some(AppError::UnsupportedMediaType)
        );
        assert_eq!(
            err(Form::read(req("multipart/form-data; boundary=x", vec![]), false).await),
            Some(AppError::UnsupportedMediaType)
        );
        assert_eq!(
            err(Form::read(
                req(
                    "application/x-www-form-urlencoded",
                    vec![b'a'; FORM_LIMIT + 1]
                ),
                false
            )
            .await),
            Some(AppError::PayloadTooLarge)
        );
        // Bytes that are no UTF-8 text: refused (400), not read with
        // replacement characters.
        for garbage in [vec![0xff, 0xfe, b'=', 0x80], b"a=%ff%fe".to_vec()] {
            assert!(matches!(
                err(Form::read(req("application/x-www-form-urlencoded", garbage), false).await),
                Some(AppError::Request(_))
            ));
        }
        let ok = Form::read(
            req(
                "application/x-www-form-urlencoded; charset=UTF-8",
                b"a=1".to_vec(),
            ),
            false,
        )
        .await
        .unwrap();
        assert_eq!(ok.1.get("a"), Ok("1"));
    }
}
