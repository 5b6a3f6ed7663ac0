//! Contacts: who the Secretariat invites — Parties' focal points,
//! Committee members and partners' contacts. Each kind's uniqueness
//! ([`Contact::key`]) is checked in the write transaction that adds or
//! changes a contact.

use super::audit::{self, Action};
use super::secrets;
use crate::domain::account::StaffUser;
use crate::domain::constituency::Kind;
use crate::domain::contact::{Contact, ContactKey, organisation_key};
use crate::domain::ids::{ContactId, PartyCode};
use crate::error::AppError;
use crate::ssr::contact_csv::{self, ImportReport};
use crate::ssr::db::begin_write;
use crate::ssr::entities::{contact as c, party};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use std::collections::HashSet;

/// A stored contact, with what only storage knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: ContactId,
    pub contact: Contact,
    /// The last delivery to this address was refused permanently.
    pub failing: bool,
    pub failure_reason: Option<String>,
    pub version: i32,
}

fn to_stored(m: c::Model) -> Stored {
    Stored {
        contact: Contact {
            constituency: m.constituency,
            party: m.party_code,
            region: m.region,
            organisation: m.organisation,
            name: m.name,
            email: m.email,
            role: m.role,
            lang: m.lang,
            active: m.active,
        },
        id: m.id,
        failing: m.failing,
        failure_reason: m.failure_reason,
        version: m.version,
    }
}

/// Every contact: by constituency (Parties first), then Party, region,
/// organisation and e-mail.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Stored>, AppError> {
    let mut all: Vec<Stored> = c::Entity::find()
        .order_by_asc(c::Column::PartyCode)
        .order_by_asc(c::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(to_stored)
        .collect();
    all.sort_by_cached_key(|s| {
        let c = &s.contact;
        (
            c.constituency,
            c.party.clone(),
            c.region,
            organisation_key(c.organisation.as_deref()),
            c.email.clone(),
        )
    });
    Ok(all)
}

pub async fn get(db: &DatabaseConnection, id: &ContactId) -> Result<Stored, AppError> {
    c::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .map(to_stored)
        .ok_or(AppError::NotFound)
}

/// The Party codes in the register.
pub async fn known_parties<C: ConnectionTrait>(db: &C) -> Result<HashSet<PartyCode>, AppError> {
    Ok(party::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.code)
        .collect())
}

/// The key ([`Contact::key`]) of every stored contact.
pub async fn existing<C: ConnectionTrait>(db: &C) -> Result<HashSet<ContactKey>, AppError> {
    Ok(c::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| to_stored(m).contact.key())
        .collect())
}

/// Whether another contact than `except` has `x`'s key: the contacts of
/// its constituency (or Party) with its address, compared by key.
async fn taken<C: ConnectionTrait>(
    txn: &C,
    x: &Contact,
    except: Option<&ContactId>,
) -> Result<bool, AppError> {
    let q = c::Entity::find().filter(c::Column::Email.eq(x.email.clone()));
    let q = match x.constituency.kind() {
        Kind::Party => q.filter(c::Column::PartyCode.eq(x.party.clone())),
        _ => q.filter(c::Column::Constituency.eq(x.constituency)),
    };
    let q = match except {
        Some(id) => q.filter(c::Column::Id.ne(id.clone())),
        None => q,
    };
    let key = x.key();
    Ok(q.all(txn)
        .await?
        .into_iter()
        .any(|m| to_stored(m).contact.key() == key))
}

/// What the audit log says of a contact: its Party, else its constituency.
fn audit_detail(x: &Contact) -> String {
    match &x.party {
        Some(p) => p.to_string(),
        None => x.constituency.code().to_string(),
    }
}

fn new_row(x: &Contact) -> c::ActiveModel {
    let now = Utc::now();
    c::ActiveModel {
        id: Set(secrets::new_id()),
        party_code: Set(x.party.clone()),
        constituency: Set(x.constituency),
        region: Set(x.region),
        organisation: Set(x.organisation.clone()),
        name: Set(x.name.clone()),
        email: Set(x.email.clone()),
        role: Set(x.role),
        lang: Set(x.lang),
        active: Set(x.active),
        failing: Set(false),
        failure_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
    }
}

/// Adds a contact; refused if its kind already has it ([`Contact::key`]).
pub async fn create(
    db: &DatabaseConnection,
    actor: &StaffUser,
    x: &Contact,
) -> Result<ContactId, AppError> {
    let txn = begin_write(db).await?;
    if taken(&txn, x, None).await? {
        return Err(AppError::conflict("contact-error-exists"));
    }
    let row = new_row(x);
    let id = row.id.clone().unwrap();
    c::Entity::insert(row)
        .exec(&txn)
        .await
        .map_err(|_| AppError::conflict("contact-error-exists"))?;
    audit::record(
        &txn,
        actor,
        Action::ContactCreate,
        id.as_str(),
        &audit_detail(x),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Changes contact `id` as of `version`; a changed address clears its
/// failing mark (it is a new address).
pub async fn update(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ContactId,
    version: i32,
    x: &Contact,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let Some(old) = c::Entity::find_by_id(id.clone()).one(&txn).await? else {
        return Err(AppError::NotFound);
    };
    if old.version != version {
        return Err(AppError::Stale);
    }
    if taken(&txn, x, Some(id)).await? {
        return Err(AppError::conflict("contact-error-exists"));
    }
    let new_address = old.email != x.email;
    let res = c::Entity::update_many()
        .col_expr(c::Column::PartyCode, Expr::value(x.party.clone()))
        .col_expr(c::Column::Constituency, Expr::value(x.constituency))
        .col_expr(c::Column::Region, Expr::value(x.region))
        .col_expr(c::Column::Organisation, Expr::value(x.organisation.clone()))
        .col_expr(c::Column::Name, Expr::value(x.name.clone()))
        .col_expr(c::Column::Email, Expr::value(x.email.clone()))
        .col_expr(c::Column::Role, Expr::value(x.role.code()))
        .col_expr(c::Column::Lang, Expr::value(x.lang.code()))
        .col_expr(c::Column::Active, Expr::value(x.active))
        .col_expr(c::Column::Failing, Expr::value(old.failing && !new_address))
        .col_expr(
            c::Column::FailureReason,
            Expr::value(if new_address {
                None
            } else {
                old.failure_reason.clone()
            }),
        )
        .col_expr(c::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(c::Column::Version, Expr::value(version + 1))
        .filter(c::Column::Id.eq(id.clone()))
        .filter(c::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::Stale);
    }
    audit::record(
        &txn,
        actor,
        Action::ContactUpdate,
        id.as_str(),
        &audit_detail(x),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds every contact of `rows` in one transaction (all or nothing); a row
/// whose Party already has its address is refused as a whole import.
pub async fn import(
    db: &DatabaseConnection,
    actor: &StaffUser,
    rows: &[Contact],
) -> Result<usize, AppError> {
    let txn = begin_write(db).await?;
    insert_imported(&txn, actor, rows).await?;
    txn.commit().await?;
    Ok(rows.len())
}

/// What a confirmed contacts import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// This many contacts added.
    Done(usize),
    /// The file, read again now, adds nobody (its report).
    Nothing(ImportReport),
    /// The file reads otherwise than its preview showed (a contact or a
    /// Party was added or changed since): nothing added; the report as it
    /// reads now.
    Stale(ImportReport),
}

/// Adds every valid row of contacts CSV `text`, provided the file still
/// reads as its preview showed it (`version`, [`ImportReport::version`]):
/// the file is read against the stored Parties and contacts in the write
/// transaction that adds its rows, so what is added is what was previewed.
pub async fn import_previewed(
    db: &DatabaseConnection,
    actor: &StaffUser,
    text: &str,
    version: i32,
) -> Result<Imported, AppError> {
    let txn = begin_write(db).await?;
    let known = known_parties(&txn).await?;
    let stored = existing(&txn).await?;
    let report = contact_csv::read(text, |p: &PartyCode| known.contains(p), &stored);
    if report.version() != version {
        return Ok(Imported::Stale(report));
    }
    let rows: Vec<Contact> = report.valid().into_iter().cloned().collect();
    if rows.is_empty() {
        return Ok(Imported::Nothing(report));
    }
    insert_imported(&txn, actor, &rows).await?;
    txn.commit().await?;
    Ok(Imported::Done(rows.len()))
}

/// Inserts `rows` as new contacts, and the audit entry, in `txn`.
async fn insert_imported<C: ConnectionTrait>(
    txn: &C,
    actor: &StaffUser,
    rows: &[Contact],
) -> Result<(), AppError> {
    for chunk in rows.chunks(400) {
        c::Entity::insert_many(chunk.iter().map(new_row).collect::<Vec<_>>())
            .exec(txn)
            .await
            .map_err(|_| AppError::conflict("contact-error-exists"))?;
    }
    audit::record(
        txn,
        actor,
        Action::ContactsImport,
        "contacts",
        &format!("{} contacts", rows.len()),
    )
    .await?;
    Ok(())
}

/// Marks the address of contact `id` as failing (a permanent refusal).
pub async fn mark_failing<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: &ContactId,
    reason: &str,
) -> Result<(), AppError> {
    c::Entity::update_many()
        .col_expr(c::Column::Failing, Expr::value(true))
        .col_expr(
            c::Column::FailureReason,
            Expr::value(reason.chars().take(500).collect::<String>()),
        )
        .filter(c::Column::Id.eq(id.clone()))
        .exec(db)
        .await?;
    Ok(())
}
