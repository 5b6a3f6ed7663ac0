//! Database migrations. Append-only: a released migration is never edited;
//! a change is a new file added at the end of [`Migrator::migrations`].

pub use sea_orm_migration::prelude::*;

mod csv;
mod m20261127_000001_foundation;
mod m20261127_000002_reference_data;
mod m20261127_000003_consultations;
mod m20261127_000004_repairs;
mod m20261127_000005_invitations;
mod m20261127_000006_reminder_schedule;
mod m20261127_000007_responses;
mod m20261127_000008_tallies;
mod m20261127_000009_workshops;
mod m20261129_000010_results;
mod m20261130_000011_invitation_fillfactor;
mod m20261130_000012_rounds;
mod m20261130_000013_constituencies;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_reference_data::Migration),
            Box::new(m20261127_000003_consultations::Migration),
            Box::new(m20261127_000004_repairs::Migration),
            Box::new(m20261127_000005_invitations::Migration),
            Box::new(m20261127_000006_reminder_schedule::Migration),
            Box::new(m20261127_000007_responses::Migration),
            Box::new(m20261127_000008_tallies::Migration),
            Box::new(m20261127_000009_workshops::Migration),
            Box::new(m20261129_000010_results::Migration),
            Box::new(m20261130_000011_invitation_fillfactor::Migration),
            Box::new(m20261130_000012_rounds::Migration),
            Box::new(m20261130_000013_constituencies::Migration),
        ]
    }
}
