//! Seeds the six CITES regions and the Parties (as of the CITES list of
//! 19 October 2017, names updated) from the CSV files in `migrations/data/`.
//! This is the initial registry only: the Secretariat edits it afterwards.

use crate::csv;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::prelude::ChronoUtc;

#[derive(DeriveMigrationName)]
pub struct Migration;

const REGIONS: &str = include_str!("../data/cites-regions.csv");
const PARTIES: &str = include_str!("../data/cites-parties.csv");

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut regions = Query::insert()
            .into_table("region")
            .columns(["code", "name_en", "name_fr", "name_es", "position"])
            .to_owned();
        for (i, r) in csv::parse(REGIONS).into_iter().skip(1).enumerate() {
            regions.values_panic([
                r[0].clone().into(),
                r[1].clone().into(),
                r[2].clone().into(),
                r[3].clone().into(),
                (i as i32).into(),
            ]);
        }
        m.exec_stmt(regions).await?;

        let now = ChronoUtc::now();
        let mut parties = Query::insert()
            .into_table("party")
            .columns([
                "code",
                "region_code",
                "name_en",
                "name_fr",
                "name_es",
                "created_at",
                "updated_at",
            ])
            .to_owned();
        for p in csv::parse(PARTIES).into_iter().skip(1) {
            parties.values_panic([
                p[0].clone().into(),
                p[1].clone().into(),
                p[2].clone().into(),
                p[3].clone().into(),
                p[4].clone().into(),
                now.into(),
                now.into(),
            ]);
        }
        m.exec_stmt(parties).await?;
        Ok(())
    }
}
