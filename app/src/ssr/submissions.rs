//! Group commit for submissions: one task writes the submissions that
//! arrive together in one transaction. Each is still decided and written on
//! its own terms (a conditional INSERT or UPDATE, as its request read the
//! response), and the consultation is checked open in the same transaction;
//! what changes is that a deadline's rush costs one BEGIN/COMMIT per batch,
//! not per submission — SQLite has one writer, and each statement is a trip
//! to its worker thread.

use crate::domain::ids::{ConsultationId, PartyCode};
use crate::error::AppError;
use crate::ssr::entities::response as r;
use crate::ssr::services::invitations::{self, Submitter};
use crate::ssr::services::responses::{self, Refusal};
use crate::ssr::services::tallies::{self, Change};
use crate::ssr::services::{consultations, secrets};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;
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

type Reply = oneshot::Sender<Result<Result<(), Refusal>, AppError>>;

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
    pub async fn submit(&self, ready: Ready) -> Result<Result<(), Refusal>, AppError> {
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

/// Writes a batch in one transaction; one outcome per submission, in order.
async fn write(
    db: &DatabaseConnection,
    batch: &[Ready],
) -> Result<Vec<Result<Result<(), Refusal>, AppError>>, AppError> {
    let _lane = responses::lane(db).await;
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut open: HashMap<&str, bool> = HashMap::new();
    let mut firsts: HashMap<&str, i32> = HashMap::new();
    let mut changes: HashMap<&ConsultationId, Vec<&Change>> = HashMap::new();
    let mut outcomes = Vec::with_capacity(batch.len());
    for s in batch {
        let id = s.consultation.as_str();
        if !open.contains_key(id) {
            open.insert(id, consultations::is_open(&txn, &s.consultation).await?);
        }
        if !open[id] {
            outcomes.push(Err(AppError::LinkClosed));
            continue;
        }
        let written = match &s.existing {
            None => {
                r::Entity::insert(r::ActiveModel {
                    id: Set(secrets::random_id()),
                    consultation_id: Set(id.to_string()),
                    locator: Set(Some(s.locator.clone())),
                    region: Set(s.region.clone()),
                    support: Set(Some(s.support.clone())),
                    stage: Set("submitted".into()),
                    answers: Set(Some(s.answers.clone())),
                    submitted: Set(Some(s.answers.clone())),
                    submitted_support: Set(Some(s.support.clone())),
                    version: Set(1),
                })
                .on_conflict(
                    OnConflict::column(r::Column::Locator)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?
            }
            Some((rid, version, _)) => {
                r::Entity::update_many()
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
            }
        };
        if written != 1 {
            outcomes.push(Ok(Err(Refusal::Stale)));
            continue;
        }
        changes
            .entry(&s.consultation)
            .or_default()
            .extend(s.tallies.iter());
        if s.existing.as_ref().is_none_or(|(_, _, before)| !before) {
            *firsts.entry(id).or_default() += 1;
            let who = match &s.who {
                Who::Invitation(i) => Submitter::Invitation(i),
                Who::Party(p) => Submitter::Party(p),
            };
            invitations::mark_submitted(&txn, &s.consultation, who).await?;
        }
        if !s.locked {
            consultations::lock_structure(&txn, &s.consultation).await?;
        }
        outcomes.push(Ok(Ok(())));
    }
    for (id, changes) in changes {
        tallies::apply(&txn, id, &changes).await?;
    }
    for (id, n) in firsts {
        if let Some(cid) = ConsultationId::parse(id) {
            responses::count_days(&txn, &cid, n).await?;
        }
    }
    txn.commit().await?;
    responses::reshuffle_due();
    Ok(outcomes)
}
