//! Budaya's schema, one logical change per migration. Schema only: seed data lives in the service's loaders.
#![allow(
    elided_lifetimes_in_paths,
    reason = "MigrationTrait is an async_trait whose signature only matches with the elided SchemaManager lifetime"
)]

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261122_000001_create_org_unit;
mod m20261122_000002_create_value_catalogue;
mod m20261122_000003_create_access;
mod m20261122_000004_create_audit_event;
mod m20261123_000005_create_programme;
mod m20261123_000006_create_kbk;
mod m20261123_000007_evidence_image_facts;
mod m20261124_000008_create_report;
mod m20261125_000009_create_dashboard;
mod m20261126_000010_evidence_by_purpose;
mod m20261128_000011_actions_by_state;
mod m20261128_000012_create_standing;
mod m20261129_000013_org_path_bytewise;
mod m20261130_000014_opd_actions_by_state;

/// Runs every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_org_unit::Migration),
            Box::new(m20261122_000002_create_value_catalogue::Migration),
            Box::new(m20261122_000003_create_access::Migration),
            Box::new(m20261122_000004_create_audit_event::Migration),
            Box::new(m20261123_000005_create_programme::Migration),
            Box::new(m20261123_000006_create_kbk::Migration),
            Box::new(m20261123_000007_evidence_image_facts::Migration),
            Box::new(m20261124_000008_create_report::Migration),
            Box::new(m20261125_000009_create_dashboard::Migration),
            Box::new(m20261126_000010_evidence_by_purpose::Migration),
            Box::new(m20261128_000011_actions_by_state::Migration),
            Box::new(m20261128_000012_create_standing::Migration),
            Box::new(m20261129_000013_org_path_bytewise::Migration),
            Box::new(m20261130_000014_opd_actions_by_state::Migration),
        ]
    }
}
