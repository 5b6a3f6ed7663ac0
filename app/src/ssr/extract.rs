//! What a handler takes from a request, typed: the path's segments as ids
//! ([`Ids`]), the query ([`Query`]), and who is asking ([`Caller`]). A
//! refusal is an [`AppError`], which the web layer renders as the translated
//! page of its status — never axum's plain-text rejection. A malformed id is
//! a page that does not exist (404), like a well-formed one naming nothing.

use crate::domain::account::StaffUser;
use crate::domain::ids::{ConsultationId, ContactId, ItemId, PartyCode, WorkshopId};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::request::RequestInfo;
use crate::ssr::forms::Form;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

/// One path segment, parsed; `None`: malformed.
pub trait Segment: Sized + Send {
    fn from_segment(raw: &str) -> Option<Self>;
}

macro_rules! segments_by_parse {
    ($($t:ty),*) => {$(
        impl Segment for $t {
            fn from_segment(raw: &str) -> Option<Self> {
                <$t>::parse(raw)
            }
        }
    )*};
}

segments_by_parse!(ConsultationId, WorkshopId, ContactId, ItemId, PartyCode);

impl Segment for Lang {
    fn from_segment(raw: &str) -> Option<Self> {
        raw.parse().ok()
    }
}

/// A segment as text, for what is not an id of ours: a private link's
/// token, which only the invitations service can tell apart.
impl Segment for String {
    fn from_segment(raw: &str) -> Option<Self> {
        Some(raw.to_string())
    }
}

/// Every segment a route names, in order: one [`Segment`], or a pair.
pub trait Segments: Sized + Send {
    const COUNT: usize;
    fn from_segments(raw: &[&str]) -> Option<Self>;
}

impl<T: Segment> Segments for T {
    const COUNT: usize = 1;
    fn from_segments(raw: &[&str]) -> Option<Self> {
        T::from_segment(raw.first()?)
    }
}

impl<A: Segment, B: Segment> Segments for (A, B) {
    const COUNT: usize = 2;
    fn from_segments(raw: &[&str]) -> Option<Self> {
        Some((
            A::from_segment(raw.first()?)?,
            B::from_segment(raw.get(1)?)?,
        ))
    }
}

/// The path's segments as typed ids: `Ids(id): Ids<ConsultationId>`,
/// `Ids((id, qid)): Ids<(ConsultationId, ItemId)>`. Malformed (not an id,
/// or not UTF-8 once decoded): [`AppError::NotFound`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids<T>(pub T);

impl<T: Segments, S: Send + Sync> FromRequestParts<S> for Ids<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|e| match e {
                RawPathParamsRejection::InvalidUtf8InPathParam(_) => AppError::NotFound,
                other => {
                    tracing::error!(error = %other, "a handler reads ids its route has not");
                    AppError::Internal
                }
            })?;
        let values: Vec<&str> = raw.iter().map(|(_, v)| v).collect();
        if values.len() != T::COUNT {
            tracing::error!(
                route = values.len(),
                handler = T::COUNT,
                "a handler reads another number of ids than its route has"
            );
            return Err(AppError::Internal);
        }
        T::from_segments(&values).map(Ids).ok_or(AppError::NotFound)
    }
}

/// The query string, read as strictly as a form ([`Form`]): a value is
/// UTF-8 text, and a single-valued parameter sent twice is refused when read.
/// An unreadable query: [`AppError::Request`] (400).
#[derive(Debug, Clone, Default)]
pub struct Query(pub Form);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let raw = parts.uri.query().unwrap_or("");
        Form::parse(raw.as_bytes())
            .map(Query)
            .ok_or_else(|| AppError::bad_request("unreadable query"))
    }
}

impl Query {
    /// Parameter `name` as an id: `None` when absent or blank; malformed
    /// (or sent twice): refused like a malformed id in the path.
    pub fn id<T: Segment>(&self, name: &str) -> Result<Option<T>, AppError> {
        match self.0.value(name)? {
            None | Some("") => Ok(None),
            Some(raw) => T::from_segment(raw).map(Some).ok_or(AppError::NotFound),
        }
    }
}

impl std::ops::Deref for Query {
    type Target = Form;

    fn deref(&self) -> &Form {
        &self.0
    }
}

/// Who is asking, and in which language: a signed-in staff member (the
/// access layer has already applied the route's rule; what each may see is
/// narrowed by the services).
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: StaffUser,
    pub i18n: I18n,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let info = parts
            .extensions
            .get::<RequestInfo>()
            .ok_or_else(|| AppError::internal("no request info: the layer is missing"))?;
        let user = info.user.clone().ok_or(AppError::Unauthenticated)?;
        Ok(Caller {
            user,
            i18n: I18n::new(info.lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AccountId;
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn status(app: &Router, path: &str) -> (StatusCode, Option<AppError>, String) {
        let res = app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let error = res.extensions().get::<AppError>().cloned();
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, error, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn malformed_ids_are_the_translated_not_found_never_a_plain_rejection() {
        let app: Router =
            Router::new()
                .route(
                    "/c/{id}",
                    get(|Ids(id): Ids<ConsultationId>| async move { id.to_string() }),
                )
                .route(
                    "/c/{id}/q/{qid}",
                    get(|Ids((id, qid)): Ids<(ConsultationId, ItemId)>| async move {
                        format!("{id} {qid}")
                    }),
                )
                .route(
                    "/p/{code}/{lang}",
                    get(|Ids((p, l)): Ids<(PartyCode, Lang)>| async move {
                        format!("{p} {}", l.code())
                    }),
                )
                .route(
                    "/wrong/{id}",
                    get(|Ids(pair): Ids<(ItemId, ItemId)>| async move {
                        format!("{pair:?}").into_response()
                    }),
                );
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            status(&app, &format!("/c/{id}")).await,
            (StatusCode::OK, None, id.to_string())
        );
        assert_eq!(
            status(&app, &format!("/c/{id}/q/q_1")).await.2,
            format!("{id} q_1")
        );
        assert_eq!(status(&app, "/p/ke/fr").await.2, "KE fr");
        for bad in [
            "/c/nonsense".to_string(),
            "/c/0123456789ABCDEF0123456789ABCDEF".into(),
            "/c/%ff%fe".into(),
            "/c/..%2F..%2Fetc".into(),
            format!("/c/{id}/q/Q%20one"),
            format!("/c/{id}/q/%C0"),
            "/c/x/q/q1".into(),
            "/p/ken/fr".into(),
            "/p/ke/de".into(),
        ] {
            let (st, error, body) = status(&app, &bad).await;
            assert_eq!(
                (st, error),
                (StatusCode::NOT_FOUND, Some(AppError::NotFound)),
                "{bad}"
            );
            assert!(
                body.is_empty(),
                "{bad}: the page is rendered above, not here"
            );
        }
        // A handler reading two ids from a route with one is a bug, not a 404.
        assert_eq!(status(&app, "/wrong/q1").await.1, Some(AppError::Internal));
    }

    #[tokio::test]
    async fn the_query_is_read_strictly_and_the_caller_must_be_signed_in() {
        let app: Router = Router::new()
            .route(
                "/q",
                get(|Query(q): Query| async move {
                    let by = q.get("by")?.to_string();
                    Ok::<_, AppError>(format!("{by}|{}", q.all("c").join(",")))
                }),
            )
            .route(
                "/w",
                get(|q: Query| async move {
                    let w: Option<WorkshopId> = q.id("workshop")?;
                    Ok::<_, AppError>(format!("{w:?}"))
                }),
            )
            .route(
                "/who",
                get(|c: Caller| async move { format!("{} {}", c.user.email, c.i18n.lang.code()) }),
            );
        assert_eq!(status(&app, "/q?by=region&c=a&c=b").await.2, "region|a,b");
        assert_eq!(status(&app, "/q").await.2, "|");
        assert_eq!(status(&app, "/q?by=a+b%C3%A9").await.2, "a bé|");
        let (st, error, _) = status(&app, "/q?by=%ff").await;
        assert_eq!(st, StatusCode::BAD_REQUEST);
        assert!(matches!(error, Some(AppError::Request(_))));
        assert_eq!(
            status(&app, "/q?by=a&by=b").await.0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(status(&app, "/w?workshop=").await.2, "None");
        assert_eq!(
            status(&app, "/w?workshop=0123456789abcdef0123456789abcdef")
                .await
                .2,
            "Some(WorkshopId(\"0123456789abcdef0123456789abcdef\"))"
        );
        assert_eq!(
            status(&app, "/w?workshop=x").await.1,
            Some(AppError::NotFound)
        );
        // Without the request's context: never served as if signed in.
        assert_eq!(status(&app, "/who").await.1, Some(AppError::Internal));
        let ask = |user: Option<StaffUser>| {
            let mut req = Request::get("/who").body(Body::empty()).unwrap();
            req.extensions_mut().insert(RequestInfo {
                lang: Lang::Es,
                user,
                path_and_query: "/who".into(),
            });
            app.clone().oneshot(req)
        };
        let res = ask(None).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let user = StaffUser {
            id: AccountId::parse(&"1".repeat(32)).unwrap(),
            email: "s@x.org".into(),
            role: crate::domain::account::Role::Secretariat,
            regions: vec![],
        };
        let res = ask(Some(user)).await.unwrap();
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        assert_eq!(&body[..], b"s@x.org es");
    }
}
