//! The one guard: who may do what. The access layer (`web::access`) applies
//! it to every route by the rule of its row.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;
    use crate::domain::ids::AccountId;
    use crate::domain::region::Region;

    #[test]
    fn guard_distinguishes_anonymous_from_forbidden() {
        assert_eq!(guard(None, Access::Staff), Err(AppError::Unauthenticated));
        let o = StaffUser {
            id: AccountId::parse(&"1".repeat(32)).unwrap(),
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
