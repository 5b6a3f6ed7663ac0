//! Group commit for submissions: one task writes the submissions that
//! arrive together in one transaction. Each is still decided and written on
//! its own terms (a conditional INSERT or UPDATE, as its request read the
//! response), and the consultation is checked open in the same transaction;
//! what changes is that a deadline's rush costs one BEGIN/COMMIT, a few
//! INSERTs of the new responses and one UPDATE of their invitations per
//! batch, not per submission — SQLite has one writer, and each statement is
//! a trip to its worker thread.

use crate::domain::ids::{ConsultationId, PartyCode};
use crate::error::AppError;
use crate::ssr::entities::response as r;
use crate::ssr::services::invitations::{self, Submitter};
use crate::ssr::services::responses::{self, Refusal};
use crate::ssr::services::tallies::{self, Change};
use crate::ssr::services::{consultations, secrets};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use tokio::sync::{mpsc, oneshot};

/// Submissions written in one transaction at most.
const BATCH: usize = 64;

/// A checked submission, ready to write.
#[derive(Debug, Clone)]
pub struct Ready {
    pub consultation: ConsultationId,
    /// The structure is already locked (nothing to set).
    pub locked: bool,
    /// The response as read: `(id, version, submitted before)`; `None`: new.
    pub existing: Option<(String, i32, bool)>,
    pub locator: String,
    pub region: String,
    pub support: String,
    /// The answers that count (JSON).
    pub answers: String,
    /// Whose invitations the submission answers.
    pub who: Who,
    /// What it changes in the consultation's tallies.
    pub tallies: Vec<Change>,
}

#[derive(Debug, Clone)]
pub enum Who {
    Invitation(String),
    Party(PartyCode),
}

/// How one submission went.
type Outcome = Result<Result<(), Refusal>, AppError>;

type Reply = oneshot::Sender<Outcome>;

/// The queue to the writer task of one database.
#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<(Ready, Reply)>,
}

impl Writer {
    /// Starts the writer task for `db`.
    pub fn start(db: DatabaseConnection) -> Writer {
        let (tx, rx) = mpsc::channel(4 * BATCH);
        tokio::spawn(run(db, rx));
        Writer { tx }
    }

    /// Writes `ready` (with others arriving meanwhile) and says how it went.
    pub async fn submit(&self, ready: Ready) -> Outcome {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((ready, reply))
            .await
            .map_err(|_| AppError::Busy)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<(Ready, Reply)>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let (ready, replies): (Vec<Ready>, Vec<Reply>) =
            std::mem::take(&mut batch).into_iter().unzip();
        match write(&db, &ready).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, submissions = ready.len(), "a batch of submissions failed");
                for reply in replies {
                    let _ = reply.send(Err(AppError::Internal));
                }
            }
        }
    }
}

/// Inserts the new responses `rows` (`(index in batch, new id)`) with one
/// statement, conditional on their locators being free; returns the batch
/// indices of those written.
async fn insert_new<C: ConnectionTrait>(
    txn: &C,
    batch: &[Ready],
    rows: &[(usize, String)],
) -> Result<Vec<usize>, AppError> {
    let mut insert = Query::insert();
    insert.into_table(r::Entity).columns([
        r::Column::Id,
        r::Column::ConsultationId,
        r::Column::Locator,
        r::Column::Region,
        r::Column::Support,
        r::Column::Stage,
        r::Column::Answers,
        r::Column::Submitted,
        r::Column::SubmittedSupport,
        r::Column::Version,
    ]);
    for (i, id) in rows {
        let s = &batch[*i];
        insert
            .values([
                id.as_str().into(),
                s.consultation.as_str().into(),
                s.locator.as_str().into(),
                s.region.as_str().into(),
                s.support.as_str().into(),
                "submitted".into(),
                s.answers.as_str().into(),
                s.answers.as_str().into(),
                s.support.as_str().into(),
                1.into(),
            ])
            .map_err(|e| {
                tracing::error!(error = %e, "a response does not make an INSERT");
                AppError::Internal
            })?;
    }
    insert
        .on_conflict(
            OnConflict::column(r::Column::Locator)
                .do_nothing()
                .to_owned(),
        )
        .returning_col(r::Column::Id);
    let inserted: HashSet<String> = txn
        .query_all(&insert)
        .await?
        .iter()
        .filter_map(|row| row.try_get::<String>("", "id").ok())
        .collect();
    Ok(rows
        .iter()
        .filter(|(_, id)| inserted.contains(id))
        .map(|(i, _)| *i)
        .collect())
}

/// Writes a batch in one transaction; one outcome per submission, in order.
/// The statements are per batch, not per submission (an INSERT per run of
/// new responses, one UPDATE of the invitations per consultation), except
/// the conditional UPDATE of each response submitted again.
async fn write(db: &DatabaseConnection, batch: &[Ready]) -> Result<Vec<Outcome>, AppError> {
    let _lane = responses::lane(db).await;
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut outcomes: Vec<Option<Outcome>> = batch.iter().map(|_| None).collect();
    let mut written = vec![false; batch.len()];

    let mut open: HashMap<&str, bool> = HashMap::new();
    for (s, outcome) in batch.iter().zip(outcomes.iter_mut()) {
        let id = s.consultation.as_str();
        if !open.contains_key(id) {
            open.insert(id, consultations::is_open(&txn, &s.consultation).await?);
        }
        if !open[id] {
            *outcome = Some(Err(AppError::LinkClosed));
        }
    }

    // New responses, in a few INSERTs. Of two for one locator (two contacts of
    // a Party in the same batch) the first counts; the other is stale, as it
    // would be one batch later. A row inserted meanwhile by another
    // instance is a conflict: not returned, so stale too.
    let mut fresh: Vec<(usize, String)> = Vec::new();
    let mut locators = HashSet::new();
    for (i, s) in batch.iter().enumerate() {
        if outcomes[i].is_some() || s.existing.is_some() {
            continue;
        }
        if !locators.insert(s.locator.as_str()) {
            outcomes[i] = Some(Ok(Err(Refusal::Stale)));
            continue;
        }
        fresh.push((i, secrets::random_id()));
    }
    // In runs of 64, 32, … 1 rows: seven statement shapes for each
    // connection to keep prepared, not one per batch size.
    let mut rest = fresh.as_slice();
    while !rest.is_empty() {
        let run = 1 << rest.len().ilog2();
        let (rows, after) = rest.split_at(run);
        rest = after;
        for i in insert_new(&txn, batch, rows).await? {
            written[i] = true;
        }
    }

    // Responses submitted again (or first submitted after a draft): each on
    // the version and stage its request read.
    for (i, s) in batch.iter().enumerate() {
        let Some((rid, version, _)) = &s.existing else {
            continue;
        };
        if outcomes[i].is_some() {
            continue;
        }
        written[i] = r::Entity::update_many()
            .col_expr(r::Column::Stage, Expr::value("submitted"))
            .col_expr(r::Column::Support, Expr::value(s.support.clone()))
            .col_expr(r::Column::Answers, Expr::value(s.answers.clone()))
            .col_expr(r::Column::Submitted, Expr::value(s.answers.clone()))
            .col_expr(r::Column::SubmittedSupport, Expr::value(s.support.clone()))
            .col_expr(r::Column::Version, Expr::value(version + 1))
            .filter(r::Column::Id.eq(rid.clone()))
            .filter(r::Column::Version.eq(*version))
            .filter(r::Column::Stage.ne("submitted"))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
    }

    // What the written ones change: tallies, invitations, the day's count,
    // the structure's lock — per consultation.
    let mut changes: HashMap<&ConsultationId, Vec<&Change>> = HashMap::new();
    let mut firsts: HashMap<&ConsultationId, Vec<Submitter>> = HashMap::new();
    let mut to_lock: HashSet<&ConsultationId> = HashSet::new();
    for (i, s) in batch.iter().enumerate() {
        if outcomes[i].is_some() {
            continue;
        }
        if !written[i] {
            outcomes[i] = Some(Ok(Err(Refusal::Stale)));
            continue;
        }
        changes
            .entry(&s.consultation)
            .or_default()
            .extend(s.tallies.iter());
        if s.existing.as_ref().is_none_or(|(_, _, before)| !before) {
            firsts
                .entry(&s.consultation)
                .or_default()
                .push(match &s.who {
                    Who::Invitation(i) => Submitter::Invitation(i),
                    Who::Party(p) => Submitter::Party(p),
                });
        }
        if !s.locked {
            to_lock.insert(&s.consultation);
        }
        outcomes[i] = Some(Ok(Ok(())));
    }
    for (id, changes) in changes {
        tallies::apply(&txn, id, &changes).await?;
    }
    for (id, who) in firsts {
        invitations::mark_submitted(&txn, id, &who).await?;
        let n = i32::try_from(who.len()).unwrap_or(i32::MAX);
        responses::count_days(&txn, id, n).await?;
    }
    for id in to_lock {
        consultations::lock_structure(&txn, id).await?;
    }
    txn.commit().await?;
    responses::reshuffle_due();
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Err(AppError::Internal)))
        .collect())
}
