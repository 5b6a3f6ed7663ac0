//! The outbox worker: delivers queued invitations and reminders.
//!
//! Every server instance runs this worker. Rows are claimed with a lease in
//! one statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several
//! instances never take the same row at once; SQLite has one writer), a few
//! seconds' worth at a time, so that instances share the work and a dead one
//! holds little. Each claim counts an attempt, and the attempt number is the
//! claim's mark: just before its message is sent, a row's lease is renewed
//! only if the row is still `sending` under that attempt (else another
//! worker took it after the lease ran out, and this one lets it go), and its
//! outcome is recorded only under the same condition, in one transaction
//! with the invitation's flags. So a message waiting its turn in a slow
//! round is never sent by two workers. It is rendered in the contact's
//! language with the private link derived again, and sent. A transient
//! failure is retried with exponential backoff; a permanent refusal (SMTP
//! 5xx), or too many attempts, ends in `failed` with the server's reason, and
//! a permanent one marks the contact's address as failing.
//!
//! An instance killed mid-send leaves its claimed rows leased; another
//! instance (or the same one, restarted) takes them again when the lease
//! ends ([`lease`]). A message whose SMTP exchange had completed in the
//! instant before the kill, but whose outcome was not yet recorded, is then
//! sent a second time: delivery is at least once (no protocol can tell a
//! message accepted just before a crash from one that was not).

use super::db::BUSY_TIMEOUT;
use super::invitation_mail::{self, Capacity, Facts, Kind};
use super::mail::{Email, Mailer, SendError};
use super::services::invitations::{self, KIND_REMINDER};
use super::services::{consultations, contacts};
use super::state::AppState;
use super::tasks::Stop;
use crate::domain::ids::{InvitationId, OutboxId};
use crate::domain::lang::Lang;
use crate::domain::survey::lifecycle::State;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::entities::{contact, invitation as inv, outbox as o, party, region};
use chrono::Utc;
use lettre::message::Mailbox;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement,
    sea_query::Expr,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// After this many attempts a message is failed for good.
pub const MAX_ATTEMPTS: i32 = 8;
/// The lease of a claimed row: one send's timeout, then room to record
/// its outcome — a wait of at most `db_wait` for a pooled connection and a
/// write that may wait [`BUSY_TIMEOUT`] for SQLite's lock. Renewed just
/// before its message is sent. 75 s with the defaults (a 60 s send timeout,
/// a 10 s database wait).
pub fn lease(send_timeout: Duration, db_wait: Duration) -> chrono::Duration {
    chrono::Duration::from_std(send_timeout + db_wait + BUSY_TIMEOUT)
        .unwrap_or(chrono::Duration::hours(1))
}

/// Everything the worker needs besides the database.
pub struct Delivery {
    pub mailer: Mailer,
    pub from: Mailbox,
    pub reply_to: Mailbox,
    /// Where links point: `https://consulta.example` (no trailing slash).
    pub public_url: String,
    /// At most this many messages per second.
    pub per_second: u32,
    /// The first retry waits this long; each next one twice as long (at most an hour).
    pub retry_base: chrono::Duration,
    /// How long a claimed row is reserved for this worker ([`lease`]).
    pub lease: chrono::Duration,
}

/// A claimed row.
#[derive(Debug, Clone)]
struct Claimed {
    id: OutboxId,
    invitation_id: InvitationId,
    kind: String,
    attempts: i32,
}

/// The wait before attempt `n + 1`: `base`, twice that, four times … at most 1 h.
pub fn backoff(base: chrono::Duration, attempts: i32) -> chrono::Duration {
    let factor = 1i32 << (attempts - 1).clamp(0, 12);
    (base * factor).min(chrono::Duration::hours(1))
}

/// Claims up to `limit` due rows for this worker.
async fn claim<C: ConnectionTrait>(
    db: &C,
    limit: u32,
    lease: chrono::Duration,
) -> Result<Vec<Claimed>, AppError> {
    let now = Utc::now();
    let backend = db.get_database_backend();
    let (p1, p2, p3, lock) = match backend {
        DatabaseBackend::Postgres => ("$1", "$2", "$3", " FOR UPDATE SKIP LOCKED"),
        _ => ("?1", "?2", "?3", ""),
    };
    let sql = format!(
        "UPDATE outbox SET status = 'sending', lease_until = {p1}, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox \
           WHERE (status = 'queued' AND next_attempt_at <= {p2}) \
              OR (status = 'sending' AND lease_until < {p2}) \
           ORDER BY next_attempt_at LIMIT {p3}{lock}) \
         RETURNING id, invitation_id, kind, attempts"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [(now + lease).into(), now.into(), i64::from(limit).into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Claimed {
                id: r.try_get("", "id")?,
                invitation_id: r.try_get("", "invitation_id")?,
                kind: r.try_get("", "kind")?,
                attempts: r.try_get("", "attempts")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

/// Renews the lease of claimed row `c` just before its message is sent,
/// provided this worker's claim still holds (the row `sending` under the
/// attempt it was claimed with). `false`: another worker took the row after
/// the lease ran out, and its message is left to that worker.
async fn renew<C: ConnectionTrait>(
    db: &C,
    c: &Claimed,
    lease: chrono::Duration,
) -> Result<bool, AppError> {
    let res = o::Entity::update_many()
        .col_expr(o::Column::LeaseUntil, Expr::value(Some(Utc::now() + lease)))
        .filter(o::Column::Id.eq(c.id.clone()))
        .filter(o::Column::Status.eq("sending"))
        .filter(o::Column::Attempts.eq(c.attempts))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What became of one claimed row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Sent,
    /// Not sent and never will be: the consultation closed, the invitation was withdrawn.
    Dropped(String),
    Failed(SendError),
}

/// Renders and sends the message of row `c`.
async fn deliver(state: &AppState, d: &Delivery, c: &Claimed) -> Result<Outcome, AppError> {
    let db = &state.db;
    let Some(i) = inv::Entity::find_by_id(c.invitation_id.clone())
        .one(db)
        .await?
    else {
        return Ok(Outcome::Dropped("invitation gone".into()));
    };
    if i.withdrawn {
        return Ok(Outcome::Dropped("invitation withdrawn".into()));
    }
    let cid = i.consultation_id.clone();
    let consultation = consultations::get_cached(db, &state.surveys, &cid).await?;
    if consultation.state != State::Open {
        return Ok(Outcome::Dropped("consultation not open".into()));
    }
    let Some(token) = invitations::link_token(db, &state.key, &cid, &i.id).await? else {
        return Ok(Outcome::Dropped("consultation secret gone".into()));
    };
    let Some(ct) = contact::Entity::find_by_id(i.contact_id.clone())
        .one(db)
        .await?
    else {
        return Ok(Outcome::Dropped("contact gone".into()));
    };
    let lang: Lang = ct.lang;
    let party_name = match &ct.party_code {
        Some(code) => party::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .map(|p| match lang {
                Lang::En => p.name_en,
                Lang::Fr => p.name_fr,
                Lang::Es => p.name_es,
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let region_name = match ct.region {
        Some(code) => region::Entity::find_by_id(code)
            .one(db)
            .await?
            .map(|r| match lang {
                Lang::En => r.name_en,
                Lang::Fr => r.name_fr,
                Lang::Es => r.name_es,
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let organisation = ct.organisation.clone().unwrap_or_default();
    let title = {
        let t = consultation.survey.title.get(lang);
        if t.trim().is_empty() {
            consultation.survey.title.en.clone()
        } else {
            t.to_string()
        }
    };
    let deadline = consultation
        .deadline
        .map(|at| I18n::new(lang).date_time(at))
        .unwrap_or_default();
    let link = format!("{}/i/{token}", d.public_url);
    let rendered = invitation_mail::render(&Facts {
        lang,
        kind: if c.kind == KIND_REMINDER {
            Kind::Reminder
        } else {
            Kind::Invitation
        },
        name: &ct.name,
        capacity: Capacity::of(ct.constituency, &party_name, &region_name, &organisation),
        title: &title,
        deadline: &deadline,
        link: &link,
    });
    // One Message-ID per outbox row, whatever the attempt: a copy sent
    // again after a crash is the same message to whoever suppresses
    // duplicates. Keyed, so that it tells nothing of the row's id.
    let message_id = format!(
        "<{}@{}>",
        &state.key.digest("message-id", c.id.as_str())[..32],
        d.from.email.domain()
    );
    let email = Email {
        to_name: ct.name.clone(),
        to_address: ct.email.clone(),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        message_id: Some(message_id),
    };
    Ok(match d.mailer.send(&email, &d.from, &d.reply_to).await {
        Ok(()) => Outcome::Sent,
        Err(e) => Outcome::Failed(e),
    })
}

/// Records the outcome of row `c`.
async fn record(
    state: &AppState,
    d: &Delivery,
    c: &Claimed,
    outcome: Outcome,
) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(&state.db).await?;
    let done = |status: &str, error: Option<String>| {
        o::Entity::update_many()
            .col_expr(o::Column::Status, Expr::value(status.to_string()))
            .col_expr(
                o::Column::LeaseUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(o::Column::LastError, Expr::value(error))
            .filter(o::Column::Id.eq(c.id.clone()))
            .filter(o::Column::Status.eq("sending"))
            .filter(o::Column::Attempts.eq(c.attempts))
    };
    // Each arm writes the outbox row first, conditional on this worker's
    // claim; when it no longer holds, nothing is written.
    let lost = || {
        tracing::warn!("outbox row taken by another worker before its outcome was recorded");
        Ok(())
    };
    match outcome {
        Outcome::Sent => {
            if done("sent", None).exec(&txn).await?.rows_affected != 1 {
                return lost();
            }
            inv::Entity::update_many()
                .col_expr(inv::Column::Sent, Expr::value(true))
                .col_expr(inv::Column::Failed, Expr::value(false))
                .col_expr(
                    inv::Column::FailureReason,
                    Expr::value(Option::<String>::None),
                )
                .filter(inv::Column::Id.eq(c.invitation_id.clone()))
                .exec(&txn)
                .await?;
        }
        Outcome::Dropped(why) => {
            if done("failed", Some(why)).exec(&txn).await?.rows_affected != 1 {
                return lost();
            }
        }
        Outcome::Failed(e) if e.permanent || c.attempts >= MAX_ATTEMPTS => {
            let reason: String = e.reason.chars().take(500).collect();
            tracing::warn!(permanent = e.permanent, reason, "message failed");
            if done("failed", Some(reason.clone()))
                .exec(&txn)
                .await?
                .rows_affected
                != 1
            {
                return lost();
            }
            inv::Entity::update_many()
                .col_expr(inv::Column::Failed, Expr::value(true))
                .col_expr(
                    inv::Column::FailureReason,
                    Expr::value(Some(reason.clone())),
                )
                .filter(inv::Column::Id.eq(c.invitation_id.clone()))
                .exec(&txn)
                .await?;
            if e.permanent
                && let Some(i) = inv::Entity::find_by_id(c.invitation_id.clone())
                    .one(&txn)
                    .await?
            {
                contacts::mark_failing(&txn, &i.contact_id, &reason).await?;
            }
        }
        Outcome::Failed(e) => {
            let reason: String = e.reason.chars().take(500).collect();
            tracing::info!(attempt = c.attempts, reason, "message deferred");
            let deferred = o::Entity::update_many()
                .col_expr(o::Column::Status, Expr::value("queued"))
                .col_expr(
                    o::Column::LeaseUntil,
                    Expr::value(Option::<chrono::DateTime<Utc>>::None),
                )
                .col_expr(o::Column::LastError, Expr::value(Some(reason)))
                .col_expr(
                    o::Column::NextAttemptAt,
                    Expr::value(Utc::now() + backoff(d.retry_base, c.attempts)),
                )
                .filter(o::Column::Id.eq(c.id.clone()))
                .filter(o::Column::Status.eq("sending"))
                .filter(o::Column::Attempts.eq(c.attempts))
                .exec(&txn)
                .await?;
            if deferred.rows_affected != 1 {
                return lost();
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Messages in flight at once. Each SMTP exchange waits on the network
/// (lettre writes a message's end in a second small packet, which the
/// server's delayed ACK holds back some 40 ms), so sending one at a time
/// would cap delivery near 25 a second.
const SENDERS: usize = 16;

/// Delivers what is due now, at most `limit` messages, up to [`SENDERS`] at
/// once and no faster than `d.per_second`; returns how many rows it handled.
pub async fn deliver_due(
    state: &AppState,
    d: &Arc<Delivery>,
    limit: u32,
) -> Result<usize, AppError> {
    use futures_util::StreamExt;
    let lease = d.lease;
    let claimed = claim(&state.db, limit, lease).await?;
    let n = claimed.len();
    let pause = Duration::from_secs_f64(1.0 / f64::from(d.per_second.max(1)));
    let pace = Arc::new(tokio::sync::Mutex::new(tokio::time::interval(pause)));
    let sends = claimed.into_iter().map(|c| {
        let (state, d, pace) = (state.clone(), Arc::clone(d), Arc::clone(&pace));
        async move {
            pace.lock().await.tick().await;
            if !renew(&state.db, &c, lease).await? {
                tracing::warn!("outbox row taken by another worker before it was sent");
                return Ok(());
            }
            let outcome = deliver(&state, &d, &c).await?;
            record(&state, &d, &c, outcome).await
        }
    });
    let results: Vec<Result<(), AppError>> = futures_util::stream::iter(sends)
        .buffer_unordered(SENDERS)
        .collect()
        .await;
    for r in results {
        r?;
    }
    Ok(n)
}

/// How many rows one round claims: about two seconds' worth at the
/// configured pace (1 to 200), so that several instances share the queue and
/// an instance that dies holds few rows until their lease ends.
pub fn batch(per_second: u32) -> u32 {
    per_second.saturating_mul(2).clamp(1, 200)
}

/// How long a round of deliveries under way may take to finish once the
/// server stops; what is left is taken again when its lease ends.
const GRACE: Duration = Duration::from_secs(5);

/// Runs the worker until `stop`: delivers what is due, then waits a moment
/// when there is nothing to do.
pub fn spawn(state: AppState, d: Arc<Delivery>, mut stop: Stop) -> JoinHandle<()> {
    tokio::spawn(async move {
        while !stop.given() {
            let round = deliver_due(&state, &d, batch(d.per_second));
            tokio::pin!(round);
            let pause = tokio::select! {
                done = &mut round => match done {
                    Ok(0) => Duration::from_millis(500),
                    Ok(_) => Duration::ZERO,
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox delivery failed");
                        Duration::from_secs(2)
                    }
                },
                _ = stop.wait() => {
                    if tokio::time::timeout(GRACE, round).await.is_err() {
                        tracing::info!("outbox deliveries left to their leases at shutdown");
                    }
                    break;
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.wait() => break,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = chrono::Duration::seconds(15);
        assert_eq!(backoff(base, 1), base);
        assert_eq!(backoff(base, 2), chrono::Duration::seconds(30));
        assert!(backoff(base, 4) > backoff(base, 3));
        assert_eq!(backoff(base, 20), chrono::Duration::hours(1));
        assert_eq!(backoff(base, 0), base);
    }

    #[test]
    fn a_round_claims_two_seconds_worth() {
        assert_eq!(batch(0), 1);
        assert_eq!(batch(20), 40);
        assert_eq!(batch(1000), 200);
        let default = lease(crate::ssr::mail::SEND_TIMEOUT, crate::ssr::db::DEFAULT_WAIT);
        assert_eq!(default, chrono::Duration::seconds(75));
        let shortest = lease(crate::ssr::mail::MIN_SEND_TIMEOUT, Duration::from_secs(1));
        assert_eq!(shortest, chrono::Duration::seconds(11));
    }
}
