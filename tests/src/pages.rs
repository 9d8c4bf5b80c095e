//! The pages of the demo: every one (for the in-process sweeps), or one of each kind (for the browser, where
//! a page costs seconds).

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::entity::{app_user, kbk, kbk_action, org_unit, report};

/// The pages without an id in their path.
const FIXED: [&str; 11] = [
    "/",
    "/nilai",
    "/masuk",
    "/audit",
    "/pengguna",
    "/dasbor",
    "/notifikasi",
    "/token",
    "/organisasi",
    "/tinjauan",
    "/gaya",
];

/// Every page of the app, with the ids of every OPD, KBK, action, report and user of the demo.
pub async fn every_page(db: &DatabaseConnection) -> Vec<String> {
    let mut pages: Vec<String> = FIXED.into_iter().map(str::to_owned).collect();
    let kbks = kbk::Entity::find().all(db).await.expect("KBKs");
    for unit in org_unit::Entity::find().all(db).await.expect("units") {
        let id = unit.id;
        pages.push(format!("/organisasi/{id}"));
        // OPDs without a programme render the same templates empty: the five demo OPDs carry every field.
        if kbks.iter().any(|group| group.opd_id == id) {
            pages.extend([format!("/opd/{id}"), format!("/opd/{id}/nilai"), format!("/opd/{id}/laporan")]);
        }
    }
    for row in &kbks {
        pages.push(format!("/kbk/{}", row.id));
    }
    for row in kbk_action::Entity::find().all(db).await.expect("actions") {
        pages.push(format!("/kegiatan/{}", row.id));
    }
    for row in report::Entity::find().all(db).await.expect("reports") {
        pages.extend([format!("/laporan/{}", row.id), format!("/laporan/{}/cetak", row.id)]);
    }
    for row in app_user::Entity::find().all(db).await.expect("users") {
        pages.push(format!("/pengguna/{}", row.id));
    }
    pages
}

/// One page of each kind: the fixed pages, and those of the demo's fullest OPD (DLH Bontang, which every
/// demo role but the other OPD's can see), its KBK, newest action and report, and its KBK member.
pub async fn one_of_each(db: &DatabaseConnection) -> Vec<String> {
    let opd = org_unit::Entity::find()
        .filter(org_unit::Column::Code.eq("64.74.DLH"))
        .one(db)
        .await
        .expect("read the OPD")
        .expect("the demo has DLH Bontang");
    let group = kbk::Entity::find().filter(kbk::Column::OpdId.eq(opd.id)).one(db).await.expect("KBK").expect("its KBK");
    let action = kbk_action::Entity::find()
        .filter(kbk_action::Column::KbkId.eq(group.id))
        .order_by_desc(kbk_action::Column::StartedOn)
        .one(db)
        .await
        .expect("action")
        .expect("an action");
    let report = report::Entity::find()
        .filter(report::Column::OpdId.eq(opd.id))
        .order_by_desc(report::Column::Year)
        .order_by_desc(report::Column::Quarter)
        .one(db)
        .await
        .expect("report")
        .expect("a report");
    let member = app_user::Entity::find()
        .filter(app_user::Column::Username.eq("anggota.dlh"))
        .one(db)
        .await
        .expect("user")
        .expect("the demo member");
    let mut pages: Vec<String> = FIXED.into_iter().map(str::to_owned).collect();
    let id = opd.id;
    pages.extend([
        format!("/organisasi/{id}"),
        format!("/opd/{id}"),
        format!("/opd/{id}/nilai"),
        format!("/opd/{id}/laporan"),
        format!("/kbk/{}", group.id),
        format!("/kegiatan/{}", action.id),
        format!("/laporan/{}", report.id),
        format!("/laporan/{}/cetak", report.id),
        format!("/pengguna/{}", member.id),
    ]);
    pages
}
