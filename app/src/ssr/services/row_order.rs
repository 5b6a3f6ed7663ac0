//! The physical order of `response` and `invitation` rows on PostgreSQL:
//! what a dump lists must not follow the order in which people answered.
//!
//! **Why.** A dump (`pg_dump`, any `SELECT` without `ORDER BY`) lists a
//! table's rows in heap order. PostgreSQL writes a new response where there
//! is room, usually after the last one, and an UPDATE writes a new version
//! of the row on its page after the rows already there. Left alone, the
//! responses would be listed in the order of their first save, and on each
//! page of `invitation` the rows marked opened or submitted would come
//! last, in the order they were marked: two orders that line up, which is
//! a link between an invitation and its response. SQLite needs nothing
//! (`response` is `WITHOUT ROWID`, kept in the order of its random key, and
//! `invitation` rows are updated in place).
//!
//! **What this does instead of `CLUSTER`.** Housekeeping used to run
//! `CLUSTER` on both tables, which holds an ACCESS EXCLUSIVE lock on the
//! whole table while it copies it: every respondent's request reads
//! `invitation`, so every respondent waited for the copy. [`settle`] keeps
//! what it gave — no row's place follows when it was written — with row
//! locks and short transactions only; nobody's read ever waits for it:
//! - **Responses** of a consultation are moved, all of them, in key order,
//!   when any of them was written since the last pass: each chunk of
//!   [`CHUNK`] rows is deleted and inserted again, by key, in one
//!   transaction. The new rows go where the heap has room, one chunk after
//!   another, so each row's place is decided by the pass — by its random
//!   key and the free space at the time — never by when it was submitted;
//!   where the heap has no room left behind by earlier rows (vacuum, the
//!   page another connection last filled), they are listed in key order
//!   exactly. Every row is
//!   then one the pass wrote, not the submission, so its transaction id
//!   and its TOAST value ids no longer follow submissions either; that is
//!   also how the pass knows a consultation is settled: in key order, the
//!   rows' transaction ids never go backwards ([`unsettled`]). Only
//!   whole-consultation moves do this: moving just the rows written since
//!   the last pass would list them together, after the others — one block
//!   per pass, in the same order as the invitations marked in that time.
//!   The close, which rewrites every response anyway, moves them in key
//!   order in its own transaction ([`rewrite_at_close`]): no minute of
//!   submissions keeps its order in a closed consultation.
//!   A row deleted and inserted again is a new row to a concurrent UPDATE
//!   that was already waiting for it (it would find its row gone and change
//!   nothing), so the submissions writer takes [`hold`], a shared
//!   transaction-level advisory lock on the consultation, and each chunk
//!   (and the close, which rewrites the responses too) takes it
//!   exclusively ([`hold_exclusive`]): a writer of that consultation waits
//!   for at most one chunk (a few milliseconds), and a chunk for the writes
//!   already under way. Readers take no such lock and never wait.
//! - **Invitations** are written by many paths (the link opened, e-mails
//!   sent, reminders, withdrawals), which must never lose an update, so
//!   their rows are never moved off their page: `invitation` is kept at
//!   `fillfactor = 30` (migration `m20261130_000011`), so that an UPDATE —
//!   and the pass's rewrite of a page — finds room for the new versions on
//!   the rows' own page. The page order is then the order invitations were
//!   created in (the Secretariat's, not the respondents'); within a page,
//!   the rows of the consultation that are not in key order are rewritten
//!   in place (a no-op UPDATE, so the new versions take the page's free
//!   slots one after another) in key order, in one transaction per page. The page's rows are locked first
//!   with `FOR UPDATE SKIP LOCKED`: if a writer holds one, the page is left
//!   for the next pass, so the pass never waits for a row lock and cannot
//!   deadlock with a writer; a writer waits for at most one page.
//!
//! **Considered and not done.** Inserting each batch's new rows in random
//! order: when it is quiet a batch is one submission, so the batches' order
//! is the submissions'. Updates kept on their page by a low fillfactor
//! alone: a new response still goes after the others, and on its page an
//! updated invitation still goes after the rows not updated. Not updating
//! `invitation` at submission: the flag is needed for reminders and would
//! have to be written somewhere, in the same transaction as the response
//! (a crash must not separate them), in the same order; and `opened` is
//! written as the link is opened, just before a first save. Moving only
//! the rows written since the last pass, in random order, with a sample of
//! older rows as cover: each pass's block stays a block.
//!
//! The pass is idempotent and checks what it fixes: a settled consultation
//! costs one query per table. It runs in housekeeping when the server wrote
//! responses (`Reshuffle`), and once at start, so that rows written before
//! a crash do not keep their order.
//!
//! **What it does not cover.** Between two passes (a minute), the rows
//! written since the last pass are in the order they were written, as they
//! were with `CLUSTER`; a copy taken then shows that minute's order. A
//! physical copy of the cluster (a base backup, a replica, archived
//! write-ahead log) holds each submission's transaction whole — the
//! response written and the invitation marked together, as they must be —
//! and dead row versions until vacuum: like a live operator watching the
//! database, that is outside the threat model (README, Anonymity).

use crate::domain::ids::ConsultationId;
use crate::error::AppError;
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, TransactionTrait, Value,
};

/// Responses moved per transaction: what a writer of the consultation may
/// wait for (about 10 ms on an idle machine).
pub const CHUNK: i64 = 250;

/// Rounds over a consultation's invitation pages: one to rewrite them, the
/// others for a page whose free slots changed under the first (the heap's
/// own pruning, a row that found no room on its page and moved to another,
/// or a writer that held a row). What is left after them is left for the
/// next pass.
const INVITATION_PASSES: usize = 4;

/// The class of the advisory locks (`"Cons"`); the object is the
/// consultation id's `hashtext`.
const LOCK_CLASS: i32 = 0x436f_6e73;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    /// Consultations whose responses were moved.
    pub consultations: u64,
    /// Responses moved.
    pub responses: u64,
    /// Invitation pages rewritten.
    pub invitation_pages: u64,
    /// Pages or consultations still out of order (a writer held a row, or
    /// wrote meanwhile): the next pass tries again.
    pub left: u64,
}

/// The two tables whose order is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Response,
    Invitation,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Response => "response",
            Table::Invitation => "invitation",
        }
    }
}

fn is_postgres<C: ConnectionTrait>(db: &C) -> bool {
    db.get_database_backend() == DatabaseBackend::Postgres
}

fn stmt(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DatabaseBackend::Postgres, sql, values)
}

/// Taken, before anything else, by every transaction that writes
/// `consultation`'s response rows (the submissions writer's batches): such
/// a transaction and one that holds [`hold_exclusive`] never overlap.
/// Several writers hold it at once. Released at commit or rollback;
/// nothing on SQLite, whose writers take turns anyway.
pub async fn hold<C: ConnectionTrait>(
    txn: &C,
    consultation: &ConsultationId,
) -> Result<(), AppError> {
    advisory(txn, "pg_advisory_xact_lock_shared", consultation.as_str()).await
}

/// Taken by a chunk of [`settle`] moving `consultation`'s responses, and by
/// the transaction that closes it (before it reads or changes anything of
/// the consultation): it waits for the writers' transactions under way,
/// and the writers wait for it (readers never do). So a row is never moved under a writer,
/// and a submission either commits before the close (and is counted, then
/// sealed) or starts after it and finds the consultation closed.
pub async fn hold_exclusive<C: ConnectionTrait>(
    txn: &C,
    consultation: &str,
) -> Result<(), AppError> {
    advisory(txn, "pg_advisory_xact_lock", consultation).await
}

async fn advisory<C: ConnectionTrait>(
    txn: &C,
    function: &str,
    consultation: &str,
) -> Result<(), AppError> {
    if !is_postgres(txn) {
        return Ok(());
    }
    txn.execute_raw(stmt(
        &format!("SELECT {function}($1, hashtext($2))"),
        vec![LOCK_CLASS.into(), consultation.into()],
    ))
    .await?;
    Ok(())
}

/// How many of `consultation`'s rows in `table` are listed (heap order)
/// right after a row with a greater id — for invitations, on the same
/// page. For invitations, 0 is what [`settle`] keeps (key order on each
/// page, the pages in the order the invitations were created); for
/// responses, what it leaves when the heap had no free space before the
/// rows it moved (see the module documentation). PostgreSQL only: 0 on
/// SQLite, which keeps both in key order by construction.
pub async fn descents<C: ConnectionTrait>(
    db: &C,
    table: Table,
    consultation: &str,
) -> Result<u64, AppError> {
    if !is_postgres(db) {
        return Ok(0);
    }
    let partition = match table {
        Table::Response => "",
        Table::Invitation => "PARTITION BY (ctid::text::point)[0] ",
    };
    let sql = format!(
        "SELECT COUNT(*) AS n FROM (SELECT id < lag(id) OVER ({partition}ORDER BY ctid) AS back \
         FROM {} WHERE consultation_id = $1) o WHERE back",
        table.name()
    );
    let n: i64 = db
        .query_one_raw(stmt(&sql, vec![consultation.into()]))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many of `consultation`'s responses were written after a response
/// with a greater id, in transaction order (`xmin`): 0 when the last
/// writes to all of them were one pass's chunks (or the close), in key
/// order. A row written since, with any id but the greatest, counts.
/// PostgreSQL only: 0 on SQLite.
pub async fn unsettled<C: ConnectionTrait>(db: &C, consultation: &str) -> Result<u64, AppError> {
    if !is_postgres(db) {
        return Ok(0);
    }
    let n: i64 = db
        .query_one_raw(stmt(
            "SELECT COUNT(*) AS n FROM ( \
               SELECT age(xmin) > lag(age(xmin)) OVER (ORDER BY id) AS earlier \
               FROM response WHERE consultation_id = $1) o WHERE earlier",
            vec![consultation.into()],
        ))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Settles every consultation's responses and invitations (see the module
/// documentation). Nothing on SQLite.
pub async fn settle(db: &DatabaseConnection) -> Result<Settled, AppError> {
    let mut done = Settled::default();
    if !is_postgres(db) {
        return Ok(done);
    }
    let ids: Vec<String> = db
        .query_all_raw(stmt("SELECT id FROM consultation ORDER BY id", vec![]))
        .await?
        .iter()
        .map(|r| r.try_get("", "id"))
        .collect::<Result<_, _>>()?;
    for id in &ids {
        if unsettled(db, id).await? > 0 {
            done.responses += move_responses(db, id).await?;
            done.consultations += 1;
            if unsettled(db, id).await? > 0 {
                // Written meanwhile: the writer marked the next pass due.
                done.left += 1;
            }
        }
        let (pages, left) = settle_invitations(db, id).await?;
        done.invitation_pages += pages;
        done.left += left;
    }
    Ok(done)
}

/// Deletes `consultation`'s responses with ids above `after`, at most
/// `limit` of them, and inserts them again in key order; the number moved
/// and the greatest id.
const MOVE: &str = "WITH moved AS ( \
       DELETE FROM response WHERE id IN ( \
         SELECT id FROM response WHERE consultation_id = $1 AND id > $2 \
         ORDER BY id LIMIT $3 FOR UPDATE) \
       RETURNING *), \
     written AS (INSERT INTO response SELECT * FROM moved ORDER BY id RETURNING id) \
     SELECT COUNT(*) AS n, MAX(id) AS last FROM written";

async fn move_after<C: ConnectionTrait>(
    txn: &C,
    consultation: &str,
    after: &str,
    limit: i64,
) -> Result<Option<(u64, String)>, AppError> {
    let row = txn
        .query_one_raw(stmt(
            MOVE,
            vec![consultation.into(), after.into(), limit.into()],
        ))
        .await?;
    let (n, last): (i64, Option<String>) = match row {
        Some(r) => (r.try_get("", "n")?, r.try_get("", "last")?),
        None => (0, None),
    };
    Ok(last
        .filter(|_| n > 0)
        .map(|last| (u64::try_from(n).unwrap_or(0), last)))
}

/// Deletes and inserts again every response of `consultation`, in key
/// order, [`CHUNK`] rows a transaction, each under the consultation's
/// advisory lock held exclusively. Returns how many were moved.
async fn move_responses(db: &DatabaseConnection, consultation: &str) -> Result<u64, AppError> {
    let mut last = String::new();
    let mut moved = 0;
    loop {
        let txn = db.begin().await?;
        hold_exclusive(&txn, consultation).await?;
        let chunk = move_after(&txn, consultation, &last, CHUNK).await?;
        txn.commit().await?;
        match chunk {
            Some((n, max)) => {
                moved += n;
                last = max;
            }
            None => return Ok(moved),
        }
    }
}

/// In the transaction that closes `consultation` (which holds
/// [`hold_exclusive`]), after the responses were sealed and generalised:
/// moves them all in key order, in one statement, so that the rows written
/// since the last pass do not keep their order in the closed consultation.
/// Nothing on SQLite.
pub async fn rewrite_at_close<C: ConnectionTrait>(
    txn: &C,
    consultation: &str,
) -> Result<(), AppError> {
    if is_postgres(txn) {
        move_after(txn, consultation, "", i64::MAX).await?;
    }
    Ok(())
}

/// `consultation`'s invitation ids, grouped by heap page, each page's in
/// heap order.
async fn invitation_pages(
    db: &DatabaseConnection,
    consultation: &str,
) -> Result<Vec<Vec<String>>, AppError> {
    let rows = db
        .query_all_raw(stmt(
            "SELECT (ctid::text::point)[0]::bigint AS page, id FROM invitation \
             WHERE consultation_id = $1 ORDER BY ctid",
            vec![consultation.into()],
        ))
        .await?;
    let mut pages: Vec<(i64, Vec<String>)> = Vec::new();
    for r in rows {
        let page: i64 = r.try_get("", "page")?;
        let id: String = r.try_get("", "id")?;
        match pages.last_mut() {
            Some((p, ids)) if *p == page => ids.push(id),
            _ => pages.push((page, vec![id])),
        }
    }
    Ok(pages.into_iter().map(|(_, ids)| ids).collect())
}

/// Rewrites in place, in key order, the rows of each of `consultation`'s
/// invitation pages whose rows are not in key order. Returns the pages
/// rewritten and the pages still out of order.
async fn settle_invitations(
    db: &DatabaseConnection,
    consultation: &str,
) -> Result<(u64, u64), AppError> {
    let mut rewritten = 0;
    for pass in 0..=INVITATION_PASSES {
        let unsettled: Vec<Vec<String>> = invitation_pages(db, consultation)
            .await?
            .into_iter()
            .filter(|ids| !ids.is_sorted())
            .collect();
        if unsettled.is_empty() || pass == INVITATION_PASSES {
            return Ok((rewritten, unsettled.len() as u64));
        }
        for mut ids in unsettled {
            ids.sort();
            if rewrite_in_place(db, &ids).await? {
                rewritten += 1;
            }
        }
    }
    Ok((rewritten, 0))
}

/// Rewrites invitation rows `ids` (sorted) in place, in that order, if none
/// is locked by someone else; whether it did.
///
/// The rows are locked (and so found) through the primary key, which lets
/// PostgreSQL prune the page's dead versions first, freeing their slots;
/// each row is then updated by its `ctid`, a fetch that prunes nothing, so
/// no slot below those already taken frees up halfway and the new versions
/// take the free slots in ascending order: the page lists them in key
/// order.
async fn rewrite_in_place(db: &DatabaseConnection, ids: &[String]) -> Result<bool, AppError> {
    let txn = db.begin().await?;
    let list = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let values: Vec<Value> = ids.iter().map(|id| id.as_str().into()).collect();
    let locked: Vec<(String, String)> = txn
        .query_all_raw(stmt(
            &format!(
                "SELECT id, ctid::text AS at FROM invitation WHERE id IN ({list}) \
                 ORDER BY id FOR UPDATE SKIP LOCKED"
            ),
            values,
        ))
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "id")?, r.try_get("", "at")?)))
        .collect::<Result<_, sea_orm::DbErr>>()?;
    if locked.len() < ids.len() {
        txn.rollback().await?;
        return Ok(false);
    }
    for (_, at) in &locked {
        txn.execute_raw(stmt(
            "UPDATE invitation SET withdrawn = withdrawn WHERE ctid = $1::tid",
            vec![at.as_str().into()],
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}
