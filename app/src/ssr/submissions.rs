//! The response workflow: what a respondent's requests do with their
//! response — open it, save a draft, submit it, reopen it — and the one
//! path that writes it.
//!
//! A request reads the consultation once: the access layer reads it with
//! the invitation (`invitations::find_link`), and the survey comes from this
//! server's cache of parsed surveys ([`Surveys`]), read from the database
//! only when that version is not parsed yet. [`Responses::open`] reads the
//! response once more; the request decides what to write from what it read
//! and hands the write to the writer.
//!
//! The writer is one task per server that writes what arrives together in
//! one transaction (group commit). Each write is still decided on its own
//! terms — a conditional INSERT or UPDATE, as its request read the response
//! (its version and stage) — and the consultation is checked open in the
//! same transaction; what changes is that a deadline's rush costs one
//! BEGIN/COMMIT, a few INSERTs of the new responses and one UPDATE of their
//! invitations per batch, not per request — SQLite has one writer, and each
//! statement is a trip to its worker thread. Being the only writer of
//! responses, it is also their write lane on SQLite. And it is the one place
//! that writes what a submission entails: the tallies, the invitations
//! marked submitted, the day's count, the structure's lock, and the mark
//! that the tables are due to be put back in key order (on PostgreSQL its
//! transactions hold `row_order::hold`, so that pass never moves a row
//! they write).

use crate::domain::constituency::Constituency;
use crate::domain::ids::{ConsultationId, ResponseId};
use crate::domain::outcome::Outcome::{self, Done, Refused};
use crate::domain::region::Region;
use crate::domain::response::{KeptRegion, Stage, Support};
use crate::domain::survey::answers::{self, AnswerError, Answers};
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Section, Survey};
use crate::error::AppError;
use crate::ssr::entities::{response as r, response_day as rd};
use crate::ssr::keys::ServerKey;
use crate::ssr::services::consultations::{self, Consultation, Surveys};
use crate::ssr::services::invitations::{self, Invitee, Respondent};
use crate::ssr::services::responses::{self, Reshuffle, Response, parse_answers, to_json};
use crate::ssr::services::row_order;
use crate::ssr::services::secrets;
use crate::ssr::services::tallies::{self, Change};
use crate::ssr::tasks::Stop;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use std::collections::{HashMap, HashSet};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Writes in one transaction at most.
const BATCH: usize = 64;

/// What a respondent opened: the consultation and their response, as this
/// request read them.
#[derive(Debug, Clone)]
pub struct Opened {
    pub consultation: Consultation,
    pub response: Option<Response>,
    /// Who answers (the invitee's Party, their invitation, or their
    /// organisation).
    respondent: Respondent,
    /// The invitee's constituency: a new response's.
    pub constituency: Constituency,
    /// The invitee's region: a new response's (none: a partner working
    /// worldwide).
    region: Option<Region>,
    locator: String,
    /// The response's row as read.
    row: Option<r::Model>,
}

/// What one save writes.
#[derive(Debug, Clone)]
pub struct Save {
    /// The version the form was opened on; `None`: no response existed.
    pub version: Option<i32>,
    /// The declared status, when the form had the profile.
    pub support: Option<Option<Support>>,
    /// A page's answers, replacing the answers to that page's questions.
    pub page: Option<(Section, Answers)>,
}

/// What the one-page form sends to submit.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The version the form was opened on; `None`: no response existed.
    pub version: Option<i32>,
    pub support: Option<Support>,
    /// Every answer (they replace all the response's answers).
    pub answers: Answers,
}

/// Why a save, a submission or a reopening was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Someone else saved (or submitted) since the form was opened.
    Stale,
    /// Already submitted, and not reopened.
    Submitted,
    /// Answers to correct first.
    Invalid(Vec<AnswerError>),
    /// No donor/recipient status declared (a Party's respondent).
    NoSupport,
}

/// One write of a response, decided by its request.
#[derive(Debug, Clone)]
struct Write {
    consultation: ConsultationId,
    /// The structure was already locked when the request read it.
    locked: bool,
    target: Target,
    kind: Kind,
}

/// The row a write goes to.
#[derive(Debug, Clone)]
enum Target {
    /// A new response, inserted unless its locator is taken meanwhile.
    New {
        locator: String,
        constituency: Constituency,
        region: Option<Region>,
    },
    /// The response as read: written only if still at `version`.
    Existing { id: ResponseId, version: i32 },
}

#[derive(Debug, Clone)]
enum Kind {
    /// A draft's answers (JSON), and the status when the form had it.
    Draft {
        support: Option<Option<Support>>,
        answers: String,
    },
    Submit(Submitted),
    Reopen,
}

/// A checked submission.
#[derive(Debug, Clone)]
struct Submitted {
    /// None for a respondent not asked the status (not a Party's).
    support: Option<Support>,
    /// The answers that count (JSON).
    answers: String,
    /// What it changes in the consultation's tallies.
    tallies: Vec<Change>,
    /// Whose invitations its first submission answers (`None`: submitted
    /// before, already marked and counted).
    first: Option<Respondent>,
}

/// How one write went: the version written, or why it was not.
type Written = Result<Outcome<i32, Refusal>, AppError>;

type Reply = oneshot::Sender<Written>;

/// The response workflow of one server; its writer task ends when the
/// server's shutdown signal is given, after writing what was queued.
#[derive(Clone)]
pub struct Responses {
    db: DatabaseConnection,
    key: ServerKey,
    surveys: Surveys,
    tx: mpsc::Sender<(Write, Reply)>,
}

impl Responses {
    /// Starts the writer task for `db`; it marks `reshuffle` when it writes
    /// a response, and ends on `stop`. Surveys are read through `surveys`.
    pub fn start(
        db: DatabaseConnection,
        key: ServerKey,
        surveys: Surveys,
        reshuffle: Reshuffle,
        stop: Stop,
    ) -> (Responses, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(4 * BATCH);
        let task = tokio::spawn(run(db.clone(), reshuffle, rx, stop));
        let responses = Responses {
            db,
            key,
            surveys,
            tx,
        };
        (responses, task)
    }

    /// Whether the writer still takes writes (it ends at shutdown).
    pub fn is_running(&self) -> bool {
        !self.tx.is_closed()
    }

    /// The open consultation `invitee` was invited to: built from what
    /// `find_link` read with the invitation and the survey parsed at that
    /// version, or read when that version is not parsed yet.
    async fn consultation(&self, invitee: &Invitee) -> Result<Consultation, AppError> {
        let seen = &invitee.seen;
        let c = match self.surveys.get(&invitee.consultation, seen.version) {
            Some(survey) => Consultation {
                id: invitee.consultation.clone(),
                // find_link found it open.
                state: State::Open,
                survey,
                opens_at: None,
                deadline: seen.deadline,
                locked: seen.locked,
                version: seen.version,
            },
            None => {
                let id = &invitee.consultation;
                consultations::get_cached(&self.db, &self.surveys, id).await?
            }
        };
        if c.state != State::Open {
            return Err(AppError::LinkClosed);
        }
        Ok(c)
    }

    /// The consultation `invitee` was invited to, and their response so far.
    pub async fn open(&self, invitee: &Invitee) -> Result<Opened, AppError> {
        let consultation = self.consultation(invitee).await?;
        let secret = match &invitee.seen.secret {
            Some(s) => s.0,
            None => invitations::consultation_secret(&self.db, &self.key, &invitee.consultation)
                .await?
                .ok_or(AppError::LinkClosed)?,
        };
        let respondent = invitee.respondent(consultation.survey.respondents());
        let locator = responses::locator(&secret, &respondent);
        let row = responses::find(&self.db, &locator).await?;
        Ok(Opened {
            response: row.as_ref().map(responses::view).transpose()?,
            consultation,
            respondent,
            constituency: invitee.constituency,
            region: invitee.region,
            locator,
            row,
        })
    }

    /// What a respondent's page can show while the database cannot be
    /// reached: the consultation as this server has it parsed (an error
    /// if it has not), and no response (none could be read). For sending a
    /// form back as typed; it can never be written from.
    pub async fn open_offline(&self, invitee: &Invitee) -> Result<Opened, AppError> {
        let consultation = match self
            .surveys
            .get(&invitee.consultation, invitee.seen.version)
        {
            Some(_) => self.consultation(invitee).await?,
            None => return Err(AppError::Unavailable),
        };
        let respondent = invitee.respondent(consultation.survey.respondents());
        Ok(Opened {
            response: None,
            consultation,
            respondent,
            constituency: invitee.constituency,
            region: invitee.region,
            locator: String::new(),
            row: None,
        })
    }

    /// Saves a draft: a page's answers and/or the profile, conditional on the
    /// version the form was opened on; returns the version saved. Creates
    /// the response on first save (and locks the consultation's structure).
    pub async fn save(&self, o: &Opened, save: Save) -> Result<Outcome<i32, Refusal>, AppError> {
        let apply = |answers: Answers| match &save.page {
            Some((page, new)) => answers::merge(&answers, page, new.clone()),
            None => answers,
        };
        let (target, answers) = match (&o.row, save.version) {
            (None, None) => (o.new_target(), apply(Answers::new())),
            (Some(row), Some(v)) => {
                if row.version != v {
                    return Ok(Refused(Refusal::Stale));
                }
                if row.stage == Stage::Submitted {
                    return Ok(Refused(Refusal::Submitted));
                }
                let target = Target::Existing {
                    id: row.id.clone(),
                    version: v,
                };
                (target, apply(parse_answers(row.answers.as_deref())?))
            }
            (None, Some(_)) | (Some(_), None) => return Ok(Refused(Refusal::Stale)),
        };
        let kind = Kind::Draft {
            // Only a Party's respondent declares a status.
            support: save.support.filter(|_| o.asks_support()),
            answers: to_json(&answers),
        };
        self.write(o.write(target, kind)).await
    }

    /// Submits the response as saved, as of `version` (the review page):
    /// every answer checked, required ones included; only answers to
    /// questions that apply are kept. The first submission counts; it is
    /// recorded on the invitation side as a fact (for reminders), and
    /// counted for its day.
    pub async fn submit(&self, o: &Opened, version: i32) -> Result<Outcome<(), Refusal>, AppError> {
        let Some(row) = &o.row else {
            return Ok(Refused(Refusal::Stale));
        };
        if row.version != version {
            return Ok(Refused(Refusal::Stale));
        }
        if row.stage == Stage::Submitted {
            return Ok(Refused(Refusal::Submitted));
        }
        let support = row.support.filter(|_| o.asks_support());
        let saved = answers::with_profile(&parse_answers(row.answers.as_deref())?, support);
        let survey = &o.consultation.survey;
        let problems = answers::check(survey, &saved, answers::Scope::Submit);
        if !problems.is_empty() {
            return Ok(Refused(Refusal::Invalid(problems)));
        }
        if support.is_none() && o.asks_support() {
            return Ok(Refused(Refusal::NoSupport));
        }
        let status = support;
        // Only answers to the survey's questions that apply (not the profile's).
        let applicable = answers::into_applicable(survey, saved);
        let write = o.submission(status, &applicable)?;
        Ok(self.write(write).await?.map(|_| ()))
    }

    /// The one-page form's "Submit": every answer (`sent` replaces all the
    /// response's answers) and the status, checked against the survey, then
    /// written and submitted in one write. What is not complete is saved as
    /// a draft and refused with its problems, so nothing typed is lost.
    pub async fn submit_all(
        &self,
        o: &Opened,
        sent: &Submission,
    ) -> Result<Outcome<(), Refusal>, AppError> {
        let &Submission {
            version,
            support,
            answers: ref new,
        } = sent;
        match (&o.row, version) {
            (None, None) => {}
            (Some(r), Some(v)) if r.version == v => {
                if r.stage == Stage::Submitted {
                    return Ok(Refused(Refusal::Submitted));
                }
            }
            _ => return Ok(Refused(Refusal::Stale)),
        }
        let survey = &o.consultation.survey;
        let support = support.filter(|_| o.asks_support());
        let evaluated = answers::with_profile(new, support);
        let problems = answers::check(survey, &evaluated, answers::Scope::Submit);
        let complete = problems.is_empty() && (support.is_some() || !o.asks_support());
        if !complete {
            let draft = Save {
                version,
                support: Some(support),
                page: Some((answers::whole(survey), new.clone())),
            };
            if let Refused(r) = self.save(o, draft).await? {
                return Ok(Refused(r));
            }
            return Ok(Refused(if problems.is_empty() {
                Refusal::NoSupport
            } else {
                Refusal::Invalid(problems)
            }));
        }
        let applicable = answers::into_applicable(survey, evaluated);
        let write = o.submission(support, &applicable)?;
        Ok(self.write(write).await?.map(|_| ()))
    }

    /// Reopens a submitted response (as of `version`) to change it, if the
    /// consultation allows changes; returns the version written. Its
    /// submitted answers count until it is submitted again.
    pub async fn reopen(
        &self,
        o: &Opened,
        version: i32,
    ) -> Result<Outcome<i32, Refusal>, AppError> {
        if !o.consultation.survey.allow_changes {
            return Err(AppError::conflict("response-error-no-changes"));
        }
        let Some(row) = &o.row else {
            return Ok(Refused(Refusal::Stale));
        };
        let target = Target::Existing {
            id: row.id.clone(),
            version,
        };
        self.write(o.write(target, Kind::Reopen)).await
    }

    /// Hands `write` to the writer (with others arriving meanwhile) and says
    /// how it went.
    async fn write(&self, write: Write) -> Written {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((write, reply))
            .await
            .map_err(|_| AppError::Busy)?;
        answer
            .await
            .map_err(|_| AppError::internal("the response writer dropped a write"))?
    }
}

impl Opened {
    /// Whether the respondent is asked the donor/recipient status: a
    /// Party's only; other constituencies' responses have none.
    pub fn asks_support(&self) -> bool {
        self.constituency == Constituency::Party
    }

    /// Where a first write of this response goes.
    fn new_target(&self) -> Target {
        Target::New {
            locator: self.locator.clone(),
            constituency: self.constituency,
            region: self.region,
        }
    }

    fn write(&self, target: Target, kind: Kind) -> Write {
        Write {
            consultation: self.consultation.id.clone(),
            locked: self.consultation.locked,
            target,
            kind,
        }
    }

    /// The submission of `applicable` answers with status `support` (none
    /// for a respondent not asked it), to the response as read (or a new one).
    fn submission(
        &self,
        support: Option<Support>,
        applicable: &Answers,
    ) -> Result<Write, AppError> {
        let survey = &self.consultation.survey;
        let (target, constituency, region) = match &self.row {
            // The row keeps its region and constituency: its tallies are
            // counted under them.
            Some(row) => (
                Target::Existing {
                    id: row.id.clone(),
                    version: row.version,
                },
                row.constituency,
                counted_region(row)?,
            ),
            None => (self.new_target(), self.constituency, self.region),
        };
        let mut tallies = vec![Change::of(
            survey,
            constituency,
            region,
            support,
            applicable,
            1,
        )];
        if let Some(row) = &self.row {
            tallies.extend(withdrawn(survey, row)?);
        }
        let first = self
            .row
            .as_ref()
            .is_none_or(|r| r.submitted.is_none())
            .then(|| self.respondent.clone());
        let kind = Kind::Submit(Submitted {
            support,
            answers: to_json(applicable),
            tallies,
            first,
        });
        Ok(self.write(target, kind))
    }
}

/// The region a response of an open consultation is counted under (only
/// closing withholds one, and a closed consultation takes no writes): a
/// Party's response always has one; a partner's may have none (worldwide).
fn counted_region(row: &r::Model) -> Result<Option<Region>, AppError> {
    match (row.region.0, row.constituency) {
        (None, Constituency::Party) => {
            tracing::error!(response = %row.id, "a Party's response to write has no region");
            Err(AppError::Internal)
        }
        (region, _) => Ok(region),
    }
}

/// The tallies a response's earlier submission takes back when it is
/// submitted again (none if it was never submitted).
fn withdrawn(survey: &Survey, row: &r::Model) -> Result<Option<Change>, AppError> {
    let Some(json) = row.submitted.as_deref() else {
        return Ok(None);
    };
    let support = row.submitted_support.or(row.support);
    if support.is_none() && row.constituency == Constituency::Party {
        return Ok(None);
    }
    Ok(Some(Change::of(
        survey,
        row.constituency,
        counted_region(row)?,
        support,
        &parse_answers(Some(json))?,
        -1,
    )))
}

/// The writer: batches of what arrives together until the shutdown signal;
/// then what is still queued, and no more.
async fn run(
    db: DatabaseConnection,
    reshuffle: Reshuffle,
    mut rx: mpsc::Receiver<(Write, Reply)>,
    mut stop: Stop,
) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let n = tokio::select! {
            biased;
            n = rx.recv_many(&mut batch, BATCH) => n,
            _ = stop.wait() => break,
        };
        if n == 0 {
            return;
        }
        write_and_reply(&db, &reshuffle, &mut batch).await;
    }
    rx.close();
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        write_and_reply(&db, &reshuffle, &mut batch).await;
    }
}

async fn write_and_reply(
    db: &DatabaseConnection,
    reshuffle: &Reshuffle,
    batch: &mut Vec<(Write, Reply)>,
) {
    let (writes, replies): (Vec<Write>, Vec<Reply>) = std::mem::take(batch).into_iter().unzip();
    match write_batch(db, reshuffle, &writes).await {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            tracing::error!(error = %e, writes = writes.len(), "a batch of response writes failed");
            // The database unavailable or full is said as such (the forms
            // come back as typed); anything else is an internal error.
            let answer = if e.is_outage() { e } else { AppError::Internal };
            for reply in replies {
                let _ = reply.send(Err(answer.clone()));
            }
        }
    }
}

/// Inserts the new responses `rows` (`(index in batch, new id)`) with one
/// statement, conditional on their locators being free; returns the batch
/// indices of those written.
async fn insert_new<C: ConnectionTrait>(
    txn: &C,
    batch: &[Write],
    rows: &[(usize, ResponseId)],
) -> Result<Vec<usize>, AppError> {
    let mut insert = Query::insert();
    insert.into_table(r::Entity).columns([
        r::Column::Id,
        r::Column::ConsultationId,
        r::Column::Locator,
        r::Column::Region,
        r::Column::Constituency,
        r::Column::Support,
        r::Column::Stage,
        r::Column::Answers,
        r::Column::Submitted,
        r::Column::SubmittedSupport,
        r::Column::Version,
    ]);
    for (i, id) in rows {
        let w = &batch[*i];
        let Target::New {
            locator,
            constituency,
            region,
        } = &w.target
        else {
            return Err(AppError::internal("an existing response among new ones"));
        };
        // A first save is a draft; a first submission is submitted at once.
        let (stage, support, answers, submitted, submitted_support) = match &w.kind {
            Kind::Draft { support, answers } => {
                (Stage::Draft, support.flatten(), answers, None, None)
            }
            Kind::Submit(s) => {
                let support = s.support;
                (
                    Stage::Submitted,
                    support,
                    &s.answers,
                    Some(&s.answers),
                    support,
                )
            }
            Kind::Reopen => return Err(AppError::internal("a reopening of a new response")),
        };
        insert
            .values([
                id.clone().into(),
                w.consultation.clone().into(),
                locator.as_str().into(),
                KeptRegion(*region).into(),
                (*constituency).into(),
                support.into(),
                stage.into(),
                answers.as_str().into(),
                submitted.map(String::as_str).into(),
                submitted_support.into(),
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
    let inserted: HashSet<ResponseId> = txn
        .query_all(&insert)
        .await?
        .iter()
        .filter_map(|row| row.try_get::<ResponseId>("", "id").ok())
        .collect();
    Ok(rows
        .iter()
        .filter(|(_, id)| inserted.contains(id))
        .map(|(i, _)| *i)
        .collect())
}

/// The conditional UPDATE of a response as read (`id` at `version`);
/// whether it was written.
async fn update<C: ConnectionTrait>(
    txn: &C,
    id: &ResponseId,
    version: i32,
    kind: &Kind,
) -> Result<bool, AppError> {
    let u = r::Entity::update_many()
        .col_expr(r::Column::Version, Expr::value(version + 1))
        .filter(r::Column::Id.eq(id.clone()))
        .filter(r::Column::Version.eq(version));
    let u = match kind {
        Kind::Draft { support, answers } => {
            let u = u.col_expr(r::Column::Answers, Expr::value(answers.clone()));
            match support {
                Some(s) => u.col_expr(r::Column::Support, Expr::value(*s)),
                None => u,
            }
        }
        Kind::Submit(s) => u
            .col_expr(r::Column::Stage, Expr::value(Stage::Submitted))
            .col_expr(r::Column::Support, Expr::value(s.support))
            .col_expr(r::Column::Answers, Expr::value(s.answers.clone()))
            .col_expr(r::Column::Submitted, Expr::value(s.answers.clone()))
            .col_expr(r::Column::SubmittedSupport, Expr::value(s.support))
            .filter(r::Column::Stage.ne(Stage::Submitted)),
        Kind::Reopen => u
            .col_expr(r::Column::Stage, Expr::value(Stage::Reopened))
            .filter(r::Column::Stage.eq(Stage::Submitted)),
    };
    Ok(u.exec(txn).await?.rows_affected == 1)
}

/// Writes a batch in one transaction; one outcome per write, in order.
/// The statements are per batch, not per write (an INSERT per run of new
/// responses, one UPDATE of the invitations per consultation), except the
/// conditional UPDATE of each response written again.
async fn write_batch(
    db: &DatabaseConnection,
    reshuffle: &Reshuffle,
    batch: &[Write],
) -> Result<Vec<Written>, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    // No chunk of the row-order pass moves these consultations' responses
    // while this transaction writes them (PostgreSQL).
    let mut consultations: Vec<&ConsultationId> = batch.iter().map(|w| &w.consultation).collect();
    consultations.sort();
    consultations.dedup();
    for id in consultations {
        row_order::hold(&txn, id).await?;
    }
    let mut outcomes: Vec<Option<Written>> = batch.iter().map(|_| None).collect();
    let mut written = vec![false; batch.len()];

    let mut open: HashMap<&str, bool> = HashMap::new();
    for (w, outcome) in batch.iter().zip(outcomes.iter_mut()) {
        let id = w.consultation.as_str();
        if !open.contains_key(id) {
            open.insert(id, consultations::is_open(&txn, &w.consultation).await?);
        }
        if !open[id] {
            *outcome = Some(Err(AppError::LinkClosed));
        }
    }

    // New responses, in a few INSERTs. Of two for one locator (two contacts of
    // a Party in the same batch) the first counts; the other is stale, as it
    // would be one batch later. A row inserted meanwhile by another
    // instance is a conflict: not returned, so stale too.
    let mut fresh: Vec<(usize, ResponseId)> = Vec::new();
    let mut locators = HashSet::new();
    for (i, w) in batch.iter().enumerate() {
        let Target::New { locator, .. } = &w.target else {
            continue;
        };
        if outcomes[i].is_some() {
            continue;
        }
        if !locators.insert(locator.as_str()) {
            outcomes[i] = Some(Ok(Refused(Refusal::Stale)));
            continue;
        }
        fresh.push((i, secrets::new_id()));
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

    // Responses written again: each on the version (and stage) its request read.
    for (i, w) in batch.iter().enumerate() {
        let Target::Existing { id, version } = &w.target else {
            continue;
        };
        if outcomes[i].is_none() {
            written[i] = update(&txn, id, *version, &w.kind).await?;
        }
    }

    // What the written ones change: tallies, invitations, the day's count,
    // the structure's lock — per consultation.
    let mut changes: HashMap<&ConsultationId, Vec<&Change>> = HashMap::new();
    let mut firsts: HashMap<&ConsultationId, Vec<&Respondent>> = HashMap::new();
    let mut to_lock: HashSet<&ConsultationId> = HashSet::new();
    let mut wrote = false;
    for (i, w) in batch.iter().enumerate() {
        if outcomes[i].is_some() {
            continue;
        }
        if !written[i] {
            outcomes[i] = Some(Ok(Refused(Refusal::Stale)));
            continue;
        }
        if let Kind::Submit(s) = &w.kind {
            changes
                .entry(&w.consultation)
                .or_default()
                .extend(s.tallies.iter());
            if let Some(who) = &s.first {
                firsts.entry(&w.consultation).or_default().push(who);
            }
        }
        wrote = true;
        if !w.locked {
            to_lock.insert(&w.consultation);
        }
        outcomes[i] = Some(Ok(Done(match &w.target {
            Target::New { .. } => 1,
            Target::Existing { version, .. } => version + 1,
        })));
    }
    for (id, changes) in changes {
        tallies::apply(&txn, id, &changes).await?;
    }
    for (id, who) in firsts {
        invitations::mark_submitted(&txn, id, &who).await?;
        let n = i32::try_from(who.len()).unwrap_or(i32::MAX);
        count_days(&txn, id, n).await?;
    }
    for id in to_lock {
        consultations::lock_structure(&txn, id).await?;
    }
    txn.commit().await?;
    if wrote {
        // A response row was inserted or got a new version: on PostgreSQL
        // it now sits where the order of writes put it.
        reshuffle.mark();
    }
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err(AppError::internal("a write without an outcome"))))
        .collect())
}

/// Adds `n` to today's count of first submissions.
async fn count_days<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    n: i32,
) -> Result<(), AppError> {
    rd::Entity::insert(rd::ActiveModel {
        consultation_id: Set(id.clone()),
        day: Set(Utc::now().format("%Y-%m-%d").to_string()),
        submissions: Set(n),
    })
    .on_conflict(
        OnConflict::columns([rd::Column::ConsultationId, rd::Column::Day])
            .value(
                rd::Column::Submissions,
                Expr::col((rd::Entity, rd::Column::Submissions)).add(Expr::value(n)),
            )
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}
