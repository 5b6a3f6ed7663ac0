//! Staff accounts.

use super::{passwords, secrets};
use crate::domain::account::{PASSWORD_MIN, Role, StaffUser, normalise_email};
use crate::domain::ids::AccountId;
use crate::domain::region::Region;
use crate::error::AppError;
use crate::ssr::config::PasswordCost;
use crate::ssr::entities::{account, account_region};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NewAccountError {
    #[error("not a valid e-mail address")]
    Email,
    #[error("the password needs at least {PASSWORD_MIN} characters")]
    Password,
    #[error("an organiser needs at least one region")]
    Regions,
    #[error("an account with this e-mail address exists")]
    Exists,
    /// The database failed; the cause is in the message (the CLI prints it).
    #[error("database error: {0}")]
    Db(String),
}

pub async fn count(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(account::Entity::find().count(db).await?)
}

/// Creates a staff account, its password hashed at `cost`.
pub async fn create(
    db: &DatabaseConnection,
    cost: PasswordCost,
    email: &str,
    role: Role,
    regions: &[Region],
    password: &str,
) -> Result<StaffUser, NewAccountError> {
    let email = normalise_email(email).ok_or(NewAccountError::Email)?;
    if password.chars().count() < PASSWORD_MIN {
        return Err(NewAccountError::Password);
    }
    let regions: Vec<Region> = match role {
        Role::Secretariat => vec![],
        Role::Organiser if regions.is_empty() => return Err(NewAccountError::Regions),
        Role::Organiser => regions.to_vec(),
    };
    let exists = account::Entity::find()
        .filter(account::Column::Email.eq(&email))
        .count(db)
        .await
        .map_err(|e| NewAccountError::Db(e.to_string()))?;
    if exists > 0 {
        return Err(NewAccountError::Exists);
    }
    let hash = passwords::hash(password.to_string(), cost)
        .await
        .map_err(|e| NewAccountError::Db(e.to_string()))?;
    let id: AccountId = secrets::new_id();
    let txn = db
        .begin()
        .await
        .map_err(|e| NewAccountError::Db(e.to_string()))?;
    account::Entity::insert(account::ActiveModel {
        id: Set(id.clone()),
        email: Set(email.clone()),
        password_hash: Set(hash),
        role: Set(role),
        disabled: Set(false),
        created_at: Set(chrono::Utc::now()),
    })
    .exec(&txn)
    .await
    .map_err(|e| NewAccountError::Db(e.to_string()))?;
    for r in &regions {
        account_region::Entity::insert(account_region::ActiveModel {
            account_id: Set(id.clone()),
            region_code: Set(*r),
        })
        .exec(&txn)
        .await
        .map_err(|e| NewAccountError::Db(e.to_string()))?;
    }
    txn.commit()
        .await
        .map_err(|e| NewAccountError::Db(e.to_string()))?;
    Ok(StaffUser {
        id,
        email,
        role,
        regions,
    })
}

/// The account behind `email`, with its password hash, if it exists and is enabled.
pub async fn find_for_sign_in(
    db: &DatabaseConnection,
    email: &str,
) -> Result<Option<(AccountId, String)>, AppError> {
    let Some(email) = normalise_email(email) else {
        return Ok(None);
    };
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .filter(account::Column::Disabled.eq(false))
        .one(db)
        .await?
        .map(|a| (a.id, a.password_hash)))
}

/// Loads the staff user `id`; `None` if it is gone or disabled.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    id: &AccountId,
) -> Result<Option<StaffUser>, AppError> {
    let Some(a) = account::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    if a.disabled {
        return Ok(None);
    }
    let role = a.role;
    let regions = account_region::Entity::find()
        .filter(account_region::Column::AccountId.eq(a.id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .collect();
    Ok(Some(StaffUser {
        id: a.id,
        email: a.email,
        role,
        regions,
    }))
}

/// Every enabled organiser account, by e-mail address.
pub async fn organisers(db: &DatabaseConnection) -> Result<Vec<StaffUser>, AppError> {
    let ids: Vec<AccountId> = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Organiser))
        .filter(account::Column::Disabled.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut out = Vec::new();
    for id in ids {
        if let Some(u) = load(db, &id).await? {
            out.push(u);
        }
    }
    out.sort_by(|a, b| a.email.cmp(&b.email));
    Ok(out)
}
