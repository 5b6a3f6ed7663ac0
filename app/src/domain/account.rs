//! Staff accounts: roles and what they may see.

use super::coded::coded;
use super::ids::AccountId;
use super::region::Region;
use serde::{Deserialize, Serialize};

coded! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        /// The CITES Secretariat: everything.
        Secretariat = "secretariat" => "role-secretariat",
        /// A workshop organiser: scoped to one or more regions.
        Organiser = "organiser" => "role-organiser",
    }
}

/// Who is signed in, as pages and guards see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
    /// The regions an organiser is scoped to; empty for the Secretariat.
    pub regions: Vec<Region>,
}

/// What a page or action needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any signed-in staff member.
    Staff,
    /// The Secretariat only.
    Secretariat,
}

impl StaffUser {
    pub fn may(&self, access: Access) -> bool {
        match (access, self.role) {
            (_, Role::Secretariat) => true,
            (Access::Staff, Role::Organiser) => true,
            (Access::Secretariat, Role::Organiser) => false,
        }
    }
}

/// Normalises and checks an e-mail address: trimmed, lower-cased, one `@`
/// with text on both sides and a dot in the domain.
pub fn normalise_email(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && e.len() <= 254
        && !e.chars().any(char::is_whitespace);
    ok.then_some(e)
}

/// Minimum length for staff passwords.
pub const PASSWORD_MIN: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn organiser(regions: Vec<Region>) -> StaffUser {
        StaffUser {
            id: AccountId::parse(&"a".repeat(32)).unwrap(),
            email: "o@example.org".into(),
            role: Role::Organiser,
            regions,
        }
    }

    #[test]
    fn secretariat_may_everything() {
        let s = StaffUser {
            role: Role::Secretariat,
            ..organiser(vec![])
        };
        assert!(s.may(Access::Secretariat));
        assert!(s.may(Access::Staff));
    }

    #[test]
    fn an_organiser_is_staff_but_not_the_secretariat() {
        let o = organiser(vec![Region::Africa]);
        assert!(o.may(Access::Staff));
        assert!(!o.may(Access::Secretariat));
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalise_email("  Focal.Point@CITES.org ").as_deref(),
            Some("focal.point@cites.org")
        );
        for bad in [
            "",
            "a",
            "a@b",
            "@b.org",
            "a@.org",
            "a@b.",
            "a b@c.org",
            "a@b@c.org",
        ] {
            assert!(normalise_email(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn roles_parse() {
        assert_eq!("secretariat".parse::<Role>(), Ok(Role::Secretariat));
        assert_eq!("organiser".parse::<Role>(), Ok(Role::Organiser));
        assert!("admin".parse::<Role>().is_err());
    }
}
