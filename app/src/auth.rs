//! The one guard every page and server function goes through.

use crate::domain::account::{Access, StaffUser};
use crate::error::AppError;

/// Checks that `user` may do what `access` asks: unauthenticated callers get
/// [`AppError::Unauthenticated`], others without the right [`AppError::Forbidden`].
pub fn guard(user: Option<&StaffUser>, access: Access) -> Result<StaffUser, AppError> {
    let user = user.ok_or(AppError::Unauthenticated)?;
    if user.may(access) {
        Ok(user.clone())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The guard, applied to the user of the request being served.
#[cfg(feature = "ssr")]
pub fn require(access: Access) -> Result<StaffUser, AppError> {
    let info =
        leptos::prelude::use_context::<crate::request::RequestInfo>().ok_or(AppError::Internal)?;
    guard(info.user.as_ref(), access)
}

/// The guard, for a form handler: the caller is in the request's extensions.
#[cfg(feature = "ssr")]
pub fn caller(parts: &http::request::Parts, access: Access) -> Result<StaffUser, AppError> {
    let user = parts
        .extensions
        .get::<crate::request::RequestInfo>()
        .and_then(|i| i.user.as_ref());
    guard(user, access)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;
    use crate::domain::region::Region;

    #[test]
    fn guard_distinguishes_anonymous_from_forbidden() {
        assert_eq!(guard(None, Access::Staff), Err(AppError::Unauthenticated));
        let o = StaffUser {
            id: "1".into(),
            email: "o@x.org".into(),
            role: Role::Organiser,
            regions: vec![Region::Asia],
        };
        assert_eq!(
            guard(Some(&o), Access::Secretariat),
            Err(AppError::Forbidden)
        );
        assert_eq!(guard(Some(&o), Access::Staff), Ok(o.clone()));
    }
}
