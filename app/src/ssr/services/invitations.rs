//! Invitations: one per contact and consultation, each with a private link.
//!
//! The link's token is derived, not stored: `HMAC(consultation secret,
//! invitation id)`, where the per-consultation secret is random, kept only
//! sealed under the server key, and deleted when the consultation closes.
//! The database holds a keyed digest of the token (to find the invitation
//! when the link is opened), never the token. So the server can resend a link
//! while the consultation is open, a copy of the database alone cannot
//! produce one, and after closing nobody can.
//!
//! Queuing an invitation writes its outbox row in the same transaction; the
//! outbox worker (`ssr::outbox`) renders and delivers it.

use super::audit::{self, Action};
use super::secrets;
use crate::domain::account::StaffUser;
use crate::domain::constituency::{Constituency, Kind, Unit};
use crate::domain::contact::{ContactRole, organisation_key};
use crate::domain::ids::{ConsultationId, ContactId, InvitationId, PartyCode};
use crate::domain::lang::Lang;
use crate::domain::region::Region;
use crate::domain::survey::Respondents;
use crate::domain::survey::lifecycle::State;
use crate::domain::text::Text;
use crate::error::AppError;
use crate::ssr::db::begin_write;
use crate::ssr::entities::{
    consultation_secret as cs, contact, invitation as inv, outbox, party, reminder_schedule as rs,
};
use crate::ssr::keys::ServerKey;
use chrono::Utc;
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use sha2::Sha256;
use std::collections::{HashMap, HashSet};

/// Outbox kinds.
pub const KIND_INVITATION: &str = "invitation";
pub const KIND_REMINDER: &str = "reminder";

/// Who to invite. Whoever it names, only contacts of the constituencies
/// the consultation invites are invited ([`Selection`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    /// Every active contact.
    AllActive,
    /// Active contacts of the Parties of a region (Parties' authorities).
    Region(Region),
    /// Active Parties' authorities with a role.
    Role(ContactRole),
    /// Active contacts of a constituency (a Committee, a kind of partner,
    /// or the Parties' authorities).
    Constituency(Constituency),
    /// These contacts (ids), if active.
    Contacts(Vec<ContactId>),
}

/// The per-consultation secret, created (sealed) on first use.
async fn secret<C: ConnectionTrait>(
    db: &C,
    key: &ServerKey,
    consultation: &ConsultationId,
    create: bool,
) -> Result<Option<[u8; 32]>, AppError> {
    if let Some(row) = cs::Entity::find_by_id(consultation.clone()).one(db).await? {
        return unseal(key, &row.sealed).map(Some);
    }
    if !create {
        return Ok(None);
    }
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(secrets::random_token(), &mut bytes).map_err(AppError::internal)?;
    cs::Entity::insert(cs::ActiveModel {
        consultation_id: Set(consultation.clone()),
        sealed: Set(key.seal(&bytes)),
    })
    .exec(db)
    .await?;
    Ok(Some(bytes))
}

/// A sealed consultation secret, opened with the server key.
fn unseal(key: &ServerKey, sealed: &str) -> Result<[u8; 32], AppError> {
    let plain = key.open(sealed).ok_or_else(|| {
        tracing::error!("a consultation secret does not open with the server key");
        AppError::Internal
    })?;
    plain
        .try_into()
        .map_err(|_| AppError::internal("a sealed secret of the wrong length"))
}

/// The private link's token of invitation `invitation_id` (256 bits, hex).
pub fn token_for(secret: &[u8; 32], invitation_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"invitation-link\0");
    mac.update(invitation_id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The keyed digest under which a token is found.
pub fn token_digest(key: &ServerKey, token: &str) -> String {
    key.digest("invitation.token", token)
}

/// Whether `raw` has the shape of a token (checked before anything else).
pub fn is_token(raw: &str) -> bool {
    raw.len() == 64 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The contacts `who` names, active or not.
async fn named<C: ConnectionTrait>(
    db: &C,
    who: &Recipients,
) -> Result<Vec<contact::Model>, AppError> {
    let q = contact::Entity::find();
    let parties_only = contact::Column::Constituency.eq(Constituency::Party);
    let q = match who {
        Recipients::AllActive => q,
        Recipients::Role(r) => q.filter(contact::Column::Role.eq(*r)).filter(parties_only),
        Recipients::Constituency(c) => q.filter(contact::Column::Constituency.eq(*c)),
        Recipients::Contacts(ids) => q.filter(contact::Column::Id.is_in(ids.clone())),
        Recipients::Region(r) => {
            let codes: Vec<PartyCode> = party::Entity::find()
                .filter(party::Column::RegionCode.eq(*r))
                .all(db)
                .await?
                .into_iter()
                .map(|p| p.code)
                .collect();
            q.filter(contact::Column::PartyCode.is_in(codes))
                .filter(parties_only)
        }
    };
    Ok(q.all(db).await?)
}

/// Who a send to `who` invites to consultation `id`, and why the others it
/// names are not. The one rule: the count shown before sending and the send
/// itself both read it, so the count says what the send will do.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The contacts that will be invited: active, and not yet invited to
    /// this consultation.
    pub invite: Vec<contact::Model>,
    /// Named but already invited to this consultation (never invited twice;
    /// a withdrawn invitation counts too).
    pub already: usize,
    /// Named but not active (not invited, however chosen).
    pub inactive: usize,
    /// Named but of a constituency the consultation does not invite.
    pub not_invited: usize,
}

/// [`Selection`] of `who` for consultation `id` (which invites
/// `invited`), as the database stands.
async fn selection<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
    invited_constituencies: &[Constituency],
    who: &Recipients,
) -> Result<Selection, AppError> {
    let invited: HashSet<ContactId> = inv::Entity::find()
        .filter(inv::Column::ConsultationId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.contact_id)
        .collect();
    let mut out = Selection::default();
    for ct in named(db, who).await? {
        if !invited_constituencies.contains(&ct.constituency) {
            out.not_invited += 1;
        } else if !ct.active {
            out.inactive += 1;
        } else if invited.contains(&ct.id) {
            out.already += 1;
        } else {
            out.invite.push(ct);
        }
    }
    Ok(out)
}

/// What a send to `who` would do now (the count shown before sending).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Contacts that will be invited.
    pub invite: usize,
    /// Contacts named but already invited, not invited again.
    pub already: usize,
    /// Contacts named but inactive, not invited.
    pub inactive: usize,
    /// Contacts named but of a constituency not invited, not invited.
    pub not_invited: usize,
}

/// How many contacts a send to `who` would invite to consultation `id`,
/// and how many it names but would not invite, and why.
pub async fn count(
    db: &DatabaseConnection,
    id: &ConsultationId,
    who: &Recipients,
) -> Result<Count, AppError> {
    let c = super::consultations::get(db, id).await?;
    let s = selection(db, id, &c.survey.constituencies(), who).await?;
    Ok(Count {
        invite: s.invite.len(),
        already: s.already,
        inactive: s.inactive,
        not_invited: s.not_invited,
    })
}

/// What a send did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// New invitations queued.
    pub queued: usize,
    /// Contacts already invited to this consultation (not invited twice).
    pub already: usize,
}

/// The version of consultation `id`'s invitations, as the invitations page
/// shows them: a digest of how many invitations there are, how many
/// reminders went, and the reminder schedule (its days, and which have
/// gone). Any send, reminder or change of the schedule changes it. The
/// page's forms name it; a send, a reminder or a new schedule is written
/// only if it is still the same, in the transaction that writes it.
pub async fn version<C: ConnectionTrait>(db: &C, id: &ConsultationId) -> Result<i32, AppError> {
    use sha2::Digest;
    let backend = db.get_database_backend();
    let p = match backend {
        sea_orm::DatabaseBackend::Postgres => "$1",
        _ => "?1",
    };
    let row = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(reminders_sent), 0) AS BIGINT) AS r \
                 FROM invitation WHERE consultation_id = {p}"
            ),
            [id.as_str().into()],
        ))
        .await?
        .ok_or_else(|| AppError::internal("no count"))?;
    let n: i64 = row.try_get("", "n")?;
    let r: i64 = row.try_get("", "r")?;
    let mut schedule: Vec<(i32, bool)> = rs::Entity::find()
        .filter(rs::Column::ConsultationId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.days_before, e.done))
        .collect();
    schedule.sort_unstable();
    let digest = Sha256::digest(format!("{n}|{r}|{schedule:?}").as_bytes());
    Ok(i32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) & i32::MAX)
}

/// Locks consultation `id`'s row until the end of transaction `txn`
/// (PostgreSQL; SQLite's write transaction holds the whole database), so
/// that the sends, reminders and schedule changes of one consultation
/// decide one after another, each on what the one before wrote.
async fn lock_consultation<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
) -> Result<(), AppError> {
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        txn.query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT id FROM consultation WHERE id = $1 FOR UPDATE",
            [id.as_str().into()],
        ))
        .await?;
    }
    Ok(())
}

/// Locks consultation `id` (see [`lock_consultation`]) and checks that its
/// invitations are still at `expected`, the [`version`] the page showed.
async fn expect_version<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    expected: i32,
) -> Result<(), AppError> {
    lock_consultation(txn, id).await?;
    if version(txn, id).await? == expected {
        Ok(())
    } else {
        Err(AppError::Stale)
    }
}

/// Invites `who` to the open consultation `id`: one invitation per contact
/// (never twice), each with its outbox row, in one transaction, provided
/// the invitations are still at `version`, as the page showed them
/// ([`AppError::Stale`] otherwise: nothing is written).
pub async fn invite(
    db: &DatabaseConnection,
    key: &ServerKey,
    actor: &StaffUser,
    id: &ConsultationId,
    who: &Recipients,
    version: i32,
) -> Result<Sent, AppError> {
    let txn = begin_write(db).await?;
    expect_version(&txn, id, version).await?;
    let c = super::consultations::get(&txn, id).await?;
    if c.state != State::Open {
        return Err(AppError::conflict("invitations-error-not-open"));
    }
    let secret = secret(&txn, key, id, true)
        .await?
        .ok_or_else(|| AppError::internal("no secret after creating it"))?;
    let Selection {
        invite: contacts,
        already,
        ..
    } = selection(&txn, id, &c.survey.constituencies(), who).await?;
    let now = Utc::now();
    let mut invitations = Vec::new();
    let mut messages = Vec::new();
    for ct in contacts {
        let inv_id: InvitationId = secrets::new_id();
        let token = token_for(&secret, inv_id.as_str());
        invitations.push(inv::ActiveModel {
            id: Set(inv_id.clone()),
            consultation_id: Set(id.clone()),
            contact_id: Set(ct.id),
            token_digest: Set(token_digest(key, &token)),
            sent: Set(false),
            failed: Set(false),
            failure_reason: Set(None),
            opened: Set(false),
            submitted: Set(false),
            withdrawn: Set(false),
            reminders_sent: Set(0),
        });
        messages.push(outbox::ActiveModel {
            id: Set(secrets::new_id()),
            invitation_id: Set(inv_id),
            kind: Set(KIND_INVITATION.into()),
            status: Set("queued".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            lease_until: Set(None),
            last_error: Set(None),
        });
    }
    let queued = invitations.len();
    for chunk in invitations.chunks(400) {
        inv::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in messages.chunks(400) {
        outbox::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    if queued > 0 {
        audit::record(
            &txn,
            actor,
            Action::InvitationsSend,
            id.as_str(),
            &format!("{queued} queued, {already} already invited"),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(Sent { queued, already })
}

/// Who asked for reminders.
#[derive(Debug, Clone, Copy)]
pub enum Asked<'a> {
    /// A staff member, on the invitations page that showed `version`.
    Staff { actor: &'a StaffUser, version: i32 },
    /// The schedule's entry `days_before` (audited when it was set), which
    /// is marked done in the same transaction; if another instance marked
    /// it first, nothing is queued.
    Schedule { days_before: i32 },
}

/// Queues a reminder for every invitation of consultation `id` that has not
/// been submitted, withdrawn, or reminded `max` times already, in one
/// transaction with what decided it (the page's version, or the schedule
/// entry claimed).
pub async fn remind(
    db: &DatabaseConnection,
    asked: Asked<'_>,
    id: &ConsultationId,
    max: i32,
) -> Result<usize, AppError> {
    let txn = begin_write(db).await?;
    let actor = match asked {
        Asked::Staff { actor, version } => {
            expect_version(&txn, id, version).await?;
            Some(actor)
        }
        Asked::Schedule { days_before } => {
            lock_consultation(&txn, id).await?;
            let claimed = rs::Entity::update_many()
                .col_expr(rs::Column::Done, sea_orm::sea_query::Expr::value(true))
                .filter(rs::Column::ConsultationId.eq(id.clone()))
                .filter(rs::Column::DaysBefore.eq(days_before))
                .filter(rs::Column::Done.eq(false))
                .exec(&txn)
                .await?;
            // Another instance took it.
            if claimed.rows_affected != 1 {
                return Ok(0);
            }
            None
        }
    };
    let c = super::consultations::get(&txn, id).await?;
    if c.state != State::Open {
        return Err(AppError::conflict("invitations-error-not-open"));
    }
    let due = inv::Entity::find()
        .filter(inv::Column::ConsultationId.eq(id.clone()))
        .filter(inv::Column::Submitted.eq(false))
        .filter(inv::Column::Withdrawn.eq(false))
        .filter(inv::Column::Sent.eq(true))
        .filter(inv::Column::RemindersSent.lt(max))
        .all(&txn)
        .await?;
    let now = Utc::now();
    for i in &due {
        inv::Entity::update_many()
            .col_expr(
                inv::Column::RemindersSent,
                sea_orm::sea_query::Expr::value(i.reminders_sent + 1),
            )
            .filter(inv::Column::Id.eq(i.id.clone()))
            .filter(inv::Column::RemindersSent.eq(i.reminders_sent))
            .exec(&txn)
            .await?;
        outbox::Entity::insert(outbox::ActiveModel {
            id: Set(secrets::new_id()),
            invitation_id: Set(i.id.clone()),
            kind: Set(KIND_REMINDER.into()),
            status: Set("queued".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            lease_until: Set(None),
            last_error: Set(None),
        })
        .exec(&txn)
        .await?;
    }
    if let (false, Some(actor)) = (due.is_empty(), actor) {
        audit::record(
            &txn,
            actor,
            Action::RemindersSend,
            id.as_str(),
            &format!("{} reminders queued", due.len()),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(due.len())
}

/// Who opened a private link: what the respondent's pages may know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub invitation_id: InvitationId,
    pub consultation: ConsultationId,
    pub lang: Lang,
    /// In which capacity the invitee answers; crosses into the response.
    pub constituency: Constituency,
    /// The region that crosses into the response: a Party's authority's
    /// Party's, the region a Committee member represents, a partner's
    /// region (none: worldwide).
    pub region: Option<Region>,
    /// A Party's authority's Party: used only to derive the locator of the
    /// Party's response and to say in which capacity they answer (never
    /// stored with the response).
    pub party: Option<PartyCode>,
    /// A partner's organisation: used only to derive the locator of the
    /// organisation's response and to say in which capacity they answer.
    pub organisation: Option<String>,
    /// What the same query read of the consultation.
    pub seen: Seen,
    /// The names the respondent's pages show, read by the same query.
    pub names: Names,
}

/// The names of an invitee's Party and region in the three languages, read
/// with the invitation so that a page saying in which capacity the invitee
/// answers needs no other query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub party: Option<Text>,
    pub region: Option<Text>,
}

impl Invitee {
    /// Who answers for this invitee when a consultation takes Parties'
    /// answers `per` Party or per invitee: their Party or their own
    /// invitation (Parties' authorities), their own invitation (Committee
    /// members: one response per member), their organisation (partners:
    /// its contacts share one response).
    pub fn respondent(&self, per: Respondents) -> Respondent {
        let own = || Respondent::Invitation(self.invitation_id.clone());
        match (self.constituency.unit(), per, &self.party) {
            (Unit::Party, Respondents::PerParty, Some(p)) => Respondent::Party(p.clone()),
            (Unit::Party, _, _) | (Unit::Member, _, _) => own(),
            (Unit::Organisation, _, _) => Respondent::Organisation(
                self.constituency,
                organisation_key(self.organisation.as_deref()),
            ),
        }
    }

    /// Whether the invitee is asked the donor/recipient status: Parties'
    /// authorities only.
    pub fn asked_support(&self) -> bool {
        self.constituency.kind() == Kind::Party
    }
}

/// Who answers: a Party (one response per Party: every invited contact of
/// it answers the same response), one invitation (one per invitee, and per
/// Committee member) or a partner organisation (its contacts share one
/// response: by constituency and organisation name as compared,
/// [`organisation_key`]). A response's locator is derived from it, and
/// its first submission marks its invitations submitted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Respondent {
    Party(PartyCode),
    Invitation(InvitationId),
    Organisation(Constituency, String),
}

/// The consultation as [`find_link`] read it with the invitation: enough
/// to serve a respondent without reading the consultation again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The consultation row's version (its survey is cached per version).
    pub version: i32,
    /// Answering has started: the structure is locked.
    pub locked: bool,
    pub deadline: Option<chrono::DateTime<Utc>>,
    /// The consultation's secret, while it exists (until close).
    pub secret: Option<Secret>,
}

/// A consultation secret in memory; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub [u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// What a private link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A valid link to an open consultation.
    Valid(Box<Invitee>),
    /// A known link whose consultation is not open (closed, archived, or not open yet).
    Closed,
    /// A known link the Secretariat withdrew.
    Withdrawn,
    /// Anything else: one answer for all.
    Unknown,
}

impl Link {
    /// The invitee, or the error page that explains why there is none.
    pub fn invitee(self) -> Result<Invitee, AppError> {
        match self {
            Link::Valid(i) => Ok(*i),
            Link::Closed => Err(AppError::LinkClosed),
            Link::Withdrawn => Err(AppError::LinkWithdrawn),
            Link::Unknown => Err(AppError::InvalidLink),
        }
    }
}

/// The invitation behind `token`: valid when known, not withdrawn, and its
/// consultation open. Reads only (one query): every respondent request
/// goes through it.
pub async fn find_link<C: ConnectionTrait>(
    db: &C,
    key: &ServerKey,
    token: &str,
) -> Result<Link, AppError> {
    if !is_token(token) {
        return Ok(Link::Unknown);
    }
    let backend = db.get_database_backend();
    let sql = "SELECT i.id, i.consultation_id, i.withdrawn, ct.lang, ct.party_code, \
               ct.constituency, ct.organisation, COALESCE(p.region_code, ct.region) AS region, \
               c.state, c.deadline, c.version, c.answers_started, cs.sealed, \
               p.name_en AS party_en, p.name_fr AS party_fr, p.name_es AS party_es, \
               r.name_en AS region_en, r.name_fr AS region_fr, r.name_es AS region_es \
               FROM invitation i \
               JOIN contact ct ON ct.id = i.contact_id \
               LEFT JOIN party p ON p.code = ct.party_code \
               LEFT JOIN region r ON r.code = COALESCE(p.region_code, ct.region) \
               JOIN consultation c ON c.id = i.consultation_id \
               LEFT JOIN consultation_secret cs ON cs.consultation_id = c.id \
               WHERE i.token_digest = $1";
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => sql.to_string(),
        _ => sql.replace("$1", "?"),
    };
    let Some(row) = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            sql,
            [token_digest(key, token).into()],
        ))
        .await?
    else {
        return Ok(Link::Unknown);
    };
    let withdrawn: bool = row.try_get("", "withdrawn")?;
    if withdrawn {
        return Ok(Link::Withdrawn);
    }
    let stored: State = row.try_get("", "state")?;
    let deadline: Option<chrono::DateTime<Utc>> = row.try_get("", "deadline")?;
    let state = crate::domain::survey::lifecycle::effective(
        stored,
        deadline.map(|d| d.timestamp()),
        Utc::now().timestamp(),
    );
    if state != State::Open {
        return Ok(Link::Closed);
    }
    let id: InvitationId = row.try_get("", "id")?;
    let consultation: ConsultationId = row.try_get("", "consultation_id")?;
    let lang: Lang = row.try_get("", "lang")?;
    let party: Option<PartyCode> = row.try_get("", "party_code")?;
    let constituency: Constituency = row.try_get("", "constituency")?;
    let organisation: Option<String> = row.try_get("", "organisation")?;
    let region: Option<Region> = row.try_get("", "region")?;
    let version: i32 = row.try_get("", "version")?;
    let answers_started: i32 = row.try_get("", "answers_started")?;
    let sealed: Option<String> = row.try_get("", "sealed")?;
    let text = |prefix: &str| -> Result<Option<Text>, AppError> {
        let get = |lang: &str| row.try_get::<Option<String>>("", &format!("{prefix}_{lang}"));
        Ok(match (get("en")?, get("fr")?, get("es")?) {
            (Some(en), Some(fr), Some(es)) => Some(Text { en, fr, es }),
            _ => None,
        })
    };
    let names = Names {
        party: text("party")?,
        region: text("region")?,
    };
    let secret = match sealed {
        Some(s) => Some(Secret(unseal(key, &s)?)),
        None => None,
    };
    Ok(Link::Valid(Box::new(Invitee {
        invitation_id: id,
        consultation,
        lang,
        constituency,
        region,
        party,
        organisation,
        seen: Seen {
            version,
            locked: answers_started > 0,
            deadline,
            secret,
        },
        names,
    })))
}

/// Opens a private link (`GET /i/{token}`): [`find_link`], and records
/// that the invitation was opened (a fact, not a time).
pub async fn open_link(
    db: &DatabaseConnection,
    key: &ServerKey,
    token: &str,
) -> Result<Link, AppError> {
    let link = find_link(db, key, token).await?;
    if let Link::Valid(i) = &link {
        inv::Entity::update_many()
            .col_expr(inv::Column::Opened, sea_orm::sea_query::Expr::value(true))
            .filter(inv::Column::Id.eq(i.invitation_id.clone()))
            .filter(inv::Column::Opened.eq(false))
            .exec(db)
            .await?;
    }
    Ok(link)
}

/// The secret of consultation `id`, while it exists (until close).
pub async fn consultation_secret<C: ConnectionTrait>(
    db: &C,
    key: &ServerKey,
    id: &ConsultationId,
) -> Result<Option<[u8; 32]>, AppError> {
    secret(db, key, id, false).await
}

/// Records that the invitations of `who` (an invitation, or every
/// invitation of a Party's contacts) were submitted: a fact for reminders,
/// not a time. At most two statements, however many are named.
pub async fn mark_submitted<C: ConnectionTrait>(
    db: &C,
    consultation: &ConsultationId,
    who: &[&Respondent],
) -> Result<(), AppError> {
    let mut ids = Vec::new();
    let mut parties = Vec::new();
    let mut organisations: HashSet<(Constituency, &str)> = HashSet::new();
    for w in who {
        match w {
            Respondent::Invitation(id) => ids.push(id.clone()),
            Respondent::Party(code) => parties.push(code.clone()),
            Respondent::Organisation(c, name) => {
                organisations.insert((*c, name.as_str()));
            }
        }
    }
    // An organisation's contacts: its constituency's, whose organisation
    // compares equal (names are compared folded, which SQL cannot do).
    let mut members = Vec::new();
    if !organisations.is_empty() {
        let kinds: Vec<Constituency> = organisations.iter().map(|(c, _)| *c).collect();
        for ct in contact::Entity::find()
            .filter(contact::Column::Constituency.is_in(kinds))
            .all(db)
            .await?
        {
            let key = organisation_key(ct.organisation.as_deref());
            if organisations.contains(&(ct.constituency, key.as_str())) {
                members.push(ct.id);
            }
        }
    }
    let submitted = || {
        inv::Entity::update_many().col_expr(
            inv::Column::Submitted,
            sea_orm::sea_query::Expr::value(true),
        )
    };
    if !ids.is_empty() {
        // By primary key alone: with the consultation as well, SQLite
        // would walk the consultation's every invitation instead.
        submitted()
            .filter(inv::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    for chunk in members.chunks(500) {
        submitted()
            .filter(inv::Column::ConsultationId.eq(consultation.as_str()))
            .filter(inv::Column::ContactId.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    if !parties.is_empty() {
        submitted()
            .filter(inv::Column::ConsultationId.eq(consultation.as_str()))
            .filter(
                inv::Column::ContactId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(contact::Column::Id)
                        .from(contact::Entity)
                        .and_where(contact::Column::PartyCode.is_in(parties))
                        .and_where(contact::Column::Constituency.eq(Constituency::Party))
                        .to_owned(),
                ),
            )
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The private link of invitation `invitation_id` (for its e-mail), while
/// the consultation's secret exists.
pub async fn link_token<C: ConnectionTrait>(
    db: &C,
    key: &ServerKey,
    consultation: &ConsultationId,
    invitation_id: &InvitationId,
) -> Result<Option<String>, AppError> {
    Ok(secret(db, key, consultation, false)
        .await?
        .map(|s| token_for(&s, invitation_id.as_str())))
}

/// Forgets the secret of consultation `id` (at close): its links can never
/// be derived again.
pub async fn forget_secret<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<(), AppError> {
    cs::Entity::delete_by_id(id.clone()).exec(db).await?;
    Ok(())
}

/// One invitation as the Secretariat tracks it: facts, not times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub contact_name: String,
    pub contact_email: String,
    pub constituency: Constituency,
    /// A Party's authority's Party.
    pub party: Option<PartyCode>,
    /// A partner's organisation.
    pub organisation: Option<String>,
    /// The Party's region, the region a member represents, or a partner's.
    pub region: Option<Region>,
    pub queued: bool,
    pub sent: bool,
    pub failed: bool,
    pub failure_reason: Option<String>,
    pub opened: bool,
    pub submitted: bool,
    pub reminders_sent: i32,
}

/// Every invitation of consultation `id`, with where its messages stand.
pub async fn tracking(
    db: &DatabaseConnection,
    id: &ConsultationId,
) -> Result<Vec<Tracked>, AppError> {
    let invitations = inv::Entity::find()
        .filter(inv::Column::ConsultationId.eq(id.clone()))
        .all(db)
        .await?;
    let ids: Vec<InvitationId> = invitations.iter().map(|i| i.id.clone()).collect();
    let mut pending: HashSet<InvitationId> = HashSet::new();
    for chunk in ids.chunks(500) {
        for o in outbox::Entity::find()
            .filter(outbox::Column::InvitationId.is_in(chunk.to_vec()))
            .filter(outbox::Column::Status.is_in(["queued", "sending"]))
            .all(db)
            .await?
        {
            pending.insert(o.invitation_id);
        }
    }
    let contacts: HashMap<ContactId, contact::Model> = contact::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    let regions: HashMap<PartyCode, Region> = party::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.region_code))
        .collect();
    let mut out: Vec<Tracked> = invitations
        .into_iter()
        .filter(|i| !i.withdrawn)
        .filter_map(|i| {
            let c = contacts.get(&i.contact_id)?;
            Some(Tracked {
                contact_name: c.name.clone(),
                contact_email: c.email.clone(),
                constituency: c.constituency,
                party: c.party_code.clone(),
                organisation: c.organisation.clone(),
                region: match &c.party_code {
                    Some(p) => regions.get(p).copied(),
                    None => c.region,
                },
                queued: pending.contains(&i.id),
                sent: i.sent,
                failed: i.failed,
                failure_reason: i.failure_reason,
                opened: i.opened,
                submitted: i.submitted,
                reminders_sent: i.reminders_sent,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.constituency, &a.party, &a.organisation, &a.contact_email).cmp(&(
            b.constituency,
            &b.party,
            &b.organisation,
            &b.contact_email,
        ))
    });
    Ok(out)
}

/// The days before the deadline at which reminders go by themselves, and
/// whether each has gone.
pub async fn reminder_schedule(
    db: &DatabaseConnection,
    id: &ConsultationId,
) -> Result<Vec<(i32, bool)>, AppError> {
    let mut rows: Vec<(i32, bool)> = rs::Entity::find()
        .filter(rs::Column::ConsultationId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.days_before, r.done))
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    Ok(rows)
}

/// Replaces the schedule of consultation `id` by `days` (each 1–90; those
/// already gone are kept as they are), provided the invitations are still
/// at `version`, as the page showed them.
pub async fn set_reminder_schedule(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    days: &[i32],
    version: i32,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    super::consultations::get(&txn, id).await?;
    expect_version(&txn, id, version).await?;
    let done: HashSet<i32> = rs::Entity::find()
        .filter(rs::Column::ConsultationId.eq(id.clone()))
        .filter(rs::Column::Done.eq(true))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.days_before)
        .collect();
    rs::Entity::delete_many()
        .filter(rs::Column::ConsultationId.eq(id.clone()))
        .filter(rs::Column::Done.eq(false))
        .exec(&txn)
        .await?;
    let mut wanted: Vec<i32> = days.iter().copied().filter(|d| !done.contains(d)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    for d in &wanted {
        rs::Entity::insert(rs::ActiveModel {
            consultation_id: Set(id.clone()),
            days_before: Set(*d),
            done: Set(false),
        })
        .exec(&txn)
        .await?;
    }
    let detail = wanted
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    audit::record(&txn, actor, Action::RemindersSchedule, id.as_str(), &detail).await?;
    txn.commit().await?;
    Ok(())
}

/// Queues the scheduled reminders that are due now: for each open
/// consultation, every schedule entry whose day has come, at most as many
/// reminders per invitee as the schedule has entries. Returns how many went.
pub async fn send_due_reminders(db: &DatabaseConnection) -> Result<usize, AppError> {
    let pending = rs::Entity::find()
        .filter(rs::Column::Done.eq(false))
        .all(db)
        .await?;
    let now = Utc::now();
    let mut sent = 0;
    for entry in pending {
        let id = entry.consultation_id.clone();
        let c = super::consultations::get(db, &id).await?;
        let Some(deadline) = c.deadline else { continue };
        if c.state != State::Open
            || now < deadline - chrono::Duration::days(i64::from(entry.days_before))
        {
            continue;
        }
        let entries = rs::Entity::find()
            .filter(rs::Column::ConsultationId.eq(id.clone()))
            .all(db)
            .await?
            .len() as i32;
        let days_before = entry.days_before;
        sent += remind(db, Asked::Schedule { days_before }, &id, entries).await?;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_derived_per_secret_and_invitation() {
        let a = [1u8; 32];
        let b = [2u8; 32];
        let t = token_for(&a, "i1");
        assert!(is_token(&t));
        assert_eq!(t, token_for(&a, "i1"));
        assert_ne!(t, token_for(&a, "i2"));
        assert_ne!(t, token_for(&b, "i1"), "another consultation, another link");
        let key = ServerKey::from_bytes(vec![7; 32]).unwrap();
        assert_ne!(token_digest(&key, &t), t, "only a digest is stored");
        assert!(!is_token("ABC"));
        assert!(!is_token(&"g".repeat(64)));
    }
}
