//! Integration tests: services on a migrated database and HTTP through the real router, each on SQLite and
//! (when `TEST_DATABASE_URL` is set) PostgreSQL.

mod access;
mod api;
mod assets;
mod audit;
mod backup;
mod catalogue;
mod dashboard;
mod errors;
mod generate;
mod health;
mod hostile_render;
mod kbk;
mod migrations;
mod org;
mod org_admin;
mod overview;
mod pages;
mod programme;
mod programme_pages;
mod reminders;
mod reports;
mod rollups;
mod scripts;
mod storage_s3;
mod styles;
mod sweep;
mod tenancy;
mod tenancy_fns;
mod tenancy_writes;
mod todo;
mod tokens;
mod users;
