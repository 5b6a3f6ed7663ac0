//! Tallies kept in step with submissions: the transaction that submits a
//! response adds its marks ([`summary::marks`]) to its group's row, and a
//! resubmission takes the previous answers' marks back. Rows are keyed by
//! constituency, region and status (one fixed status for constituencies
//! other than the Parties', [`summary::tallied_status`]): a response counts
//! in its own constituency's rows only. Summaries read these rows, never
//! the responses.

use crate::domain::constituency::Constituency;
use crate::domain::ids::ConsultationId;
use crate::domain::region::Region;
use crate::domain::response::{KeptRegion, Support};
use crate::domain::summary::{self, Stored, Tallies};
use crate::domain::survey::Survey;
use crate::domain::survey::answers::Answers;
use crate::error::AppError;
use crate::ssr::entities::{response as r, tally as t};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::BTreeMap;

/// One response's answers entering (`times` 1) or leaving (−1) its group.
#[derive(Debug, Clone)]
pub struct Change {
    /// The response's constituency: whose rows it counts in.
    pub constituency: Constituency,
    /// The response's region; none for a partner without one (worldwide).
    pub region: Option<Region>,
    /// The declared status: Parties' respondents only (others are not asked).
    pub support: Option<Support>,
    /// Stored keys and amounts ([`summary::stored_marks`]).
    pub marks: Vec<(String, i64)>,
    pub times: i64,
}

impl Change {
    pub fn of(
        survey: &Survey,
        constituency: Constituency,
        region: Option<Region>,
        support: Option<Support>,
        answers: &Answers,
        times: i64,
    ) -> Change {
        Change {
            constituency,
            region,
            support,
            marks: summary::stored_marks(survey, answers),
            times,
        }
    }

    /// The row this change counts in: its constituency, its region (none:
    /// a partner's given for no region, stored as an empty region), and
    /// the status it is kept under ([`summary::tallied_status`]); none for
    /// a Party's response without a region or a status (not reached: both
    /// are required of it).
    fn key(&self) -> Option<Key> {
        let support = summary::tallied_status(self.constituency, self.support)?;
        if self.region.is_none() && self.constituency == Constituency::Party {
            return None;
        }
        Some((self.constituency, KeptRegion(self.region), support))
    }
}

/// A row's group.
type Key = (Constituency, KeptRegion, Support);

fn row_key(m: &t::Model) -> Key {
    (m.constituency, m.region, m.support)
}

fn parse(counts: &str) -> Result<Stored, AppError> {
    serde_json::from_str(counts).map_err(|e| {
        tracing::error!(error = %e, "a tally does not read");
        AppError::Internal
    })
}

/// Applies `changes` to consultation `id`'s tallies in `txn`, the
/// transaction of the submissions they come from. On PostgreSQL the rows
/// are locked (`FOR UPDATE`) before they are read, so instances writing at
/// once add up instead of overwriting each other; SQLite's write lock is
/// already held.
pub async fn apply<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    changes: &[&Change],
) -> Result<(), AppError> {
    let mut groups: BTreeMap<Key, Vec<&Change>> = BTreeMap::new();
    for c in changes.iter().copied() {
        if let Some(key) = c.key() {
            groups.entry(key).or_default().push(c);
        }
    }
    if groups.is_empty() {
        return Ok(());
    }
    t::Entity::insert_many(
        groups
            .keys()
            .map(|(constituency, region, support)| t::ActiveModel {
                consultation_id: Set(id.clone()),
                constituency: Set(*constituency),
                region: Set(*region),
                support: Set(*support),
                counts: Set("{}".into()),
            }),
    )
    .on_conflict(
        OnConflict::columns([
            t::Column::ConsultationId,
            t::Column::Constituency,
            t::Column::Region,
            t::Column::Support,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let rows = t::Entity::find()
        .filter(t::Column::ConsultationId.eq(id.clone()))
        .order_by_asc(t::Column::Constituency)
        .order_by_asc(t::Column::Region)
        .order_by_asc(t::Column::Support)
        .lock_exclusive()
        .all(txn)
        .await?;
    for row in rows {
        let Some(changes) = groups.get(&row_key(&row)) else {
            continue;
        };
        let mut stored = parse(&row.counts)?;
        for c in changes {
            summary::apply(&mut stored, &c.marks, c.times);
        }
        t::Entity::update_many()
            .col_expr(
                t::Column::Counts,
                sea_orm::sea_query::Expr::value(serde_json::to_string(&stored).unwrap_or_default()),
            )
            .filter(t::Column::ConsultationId.eq(id.clone()))
            .filter(t::Column::Constituency.eq(row.constituency))
            .filter(t::Column::Region.eq(row.region))
            .filter(t::Column::Support.eq(row.support))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Consultation `id`'s tallies: at most one row per constituency × region
/// × status, each constituency's apart ([`Tallies::of`]).
pub async fn read<C: ConnectionTrait>(db: &C, id: &ConsultationId) -> Result<Tallies, AppError> {
    let mut tallies = Tallies::default();
    for row in t::Entity::find()
        .filter(t::Column::ConsultationId.eq(id.clone()))
        .all(db)
        .await?
    {
        let (constituency, region, support) = row_key(&row);
        tallies.add_stored_of(constituency, region.0, support, &parse(&row.counts)?);
    }
    Ok(tallies)
}

/// Recounts consultation `id`'s tallies from its submitted responses, read
/// as one stream in the table's order (a repair, and the first count of
/// responses submitted before tallies existed), and replaces them in one
/// transaction.
pub async fn rebuild(
    db: &DatabaseConnection,
    id: &ConsultationId,
    survey: &Survey,
) -> Result<(), AppError> {
    use futures_util::StreamExt;
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut groups: BTreeMap<Key, Stored> = BTreeMap::new();
    {
        let mut rows = r::Entity::find()
            .select_only()
            .column(r::Column::Constituency)
            .column(r::Column::Region)
            .column(r::Column::SubmittedSupport)
            .column(r::Column::Support)
            .column(r::Column::Submitted)
            .filter(r::Column::ConsultationId.eq(id.clone()))
            .filter(r::Column::Submitted.is_not_null())
            .into_tuple::<(
                Constituency,
                KeptRegion,
                Option<Support>,
                Option<Support>,
                Option<String>,
            )>()
            .stream(&txn)
            .await?;
        while let Some(row) = rows.next().await {
            let (constituency, region, submitted_support, support, submitted) = row?;
            let status = summary::tallied_status(constituency, submitted_support.or(support));
            let (Some(support), Some(json)) = (status, submitted) else {
                continue;
            };
            if region.0.is_none() && constituency == Constituency::Party {
                continue;
            }
            let answers: Answers = serde_json::from_str(&json).map_err(|e| {
                tracing::error!(error = %e, "a submitted response does not read");
                AppError::Internal
            })?;
            summary::apply(
                groups.entry((constituency, region, support)).or_default(),
                &summary::stored_marks(survey, &answers),
                1,
            );
        }
    }
    t::Entity::delete_many()
        .filter(t::Column::ConsultationId.eq(id.clone()))
        .exec(&txn)
        .await?;
    if !groups.is_empty() {
        t::Entity::insert_many(
            groups
                .iter()
                .map(|((constituency, region, support), stored)| t::ActiveModel {
                    consultation_id: Set(id.clone()),
                    constituency: Set(*constituency),
                    region: Set(*region),
                    support: Set(*support),
                    counts: Set(serde_json::to_string(stored).unwrap_or_default()),
                }),
        )
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The consultations with submitted responses but no tallies (responses
/// submitted before tallies existed): counted once at start.
pub async fn untallied(db: &DatabaseConnection) -> Result<Vec<ConsultationId>, AppError> {
    let ids: Vec<String> = r::Entity::find()
        .select_only()
        .column(r::Column::ConsultationId)
        .distinct()
        .filter(r::Column::Submitted.is_not_null())
        .filter(
            r::Column::ConsultationId.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(t::Column::ConsultationId)
                    .from(t::Entity)
                    .to_owned(),
            ),
        )
        // Closed consultations keep frozen results instead of tallies.
        .filter(
            r::Column::ConsultationId.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(crate::ssr::entities::consultation_result::Column::ConsultationId)
                    .from(crate::ssr::entities::consultation_result::Entity)
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids
        .iter()
        .filter_map(|i| ConsultationId::parse(i))
        .collect())
}

/// Counts the tallies of every consultation that has submitted responses
/// but none (run at start); returns how many were counted.
pub async fn recount_untallied(db: &DatabaseConnection) -> Result<usize, AppError> {
    let ids = untallied(db).await?;
    for id in &ids {
        let c = super::consultations::get(db, id).await?;
        rebuild(db, id, &c.survey).await?;
    }
    Ok(ids.len())
}
