//! The tenancy matrix for server functions: every function the pages call, over HTTP as the browser calls it, x
//! every demo role x (own OPD, other OPD, other Pemda, anonymous). Classes as in the write matrix: `A` reached the
//! business rules (any answer but 401, 403 and 404), `F` 403, `N` 404, `U` 401.

use crate::tenancy::USERS;
use crate::tenancy_writes::{class, fresh_seat, report_ids, staff};
use http::Method;
use serde_json::json;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

/// Endpoint, form body (URL-encoded; `{seat}` is a seat made afresh for each call, `{me}` the caller's username,
/// `{n}` the caller's index), expected classes. Signing out comes last: it ends the sessions the rows before use.
const SERVER_FNS: [(&str, &str, &str); 58] = [
    ("auth/current-user", "", "AAAAAAAAAAA"),
    ("home/regions", "", "AAAAAAAAAAA"),
    ("catalogue", "", "AAAAAAAAAAA"),
    ("tokens/list", "", "UAAAAAAAAAA"),
    ("tokens/create", "name=Sinkronisasi+{n}", "UAAAAAAAAAA"),
    ("tokens/revoke", "token={admin_token}", "UANNNNNNNNN"),
    ("users/list", "", "UAAFAFAFFFF"),
    ("users/detail", "id={dlh_member}", "UAAFAFAFFFF"),
    ("users/detail", "id={other_member}", "UAAFAFNFFFF"),
    (
        "users/create",
        "form[username]=ujifn{n}&form[full_name]=Pegawai+Uji&form[nip]=&form[email]=&form[password]=sandi-awal-aman\
         &form[role]=admin_opd&form[org_unit_id]={dlh}",
        "UAAFAFAFFFF",
    ),
    ("users/set-active", "user={rsud_ketua}&active=true", "UAAFAFNFFFF"),
    // staf.dlh holds admin_opd only: granting it again or revoking it reaches the rules for those who may.
    ("users/grant", "user={staff}&role=admin_opd&org_unit={dlh}", "UAAFAFAFFFF"),
    ("users/revoke", "user={staff}&role=admin_opd&org_unit={dlh}", "UAAFAFAFFFF"),
    ("users/reset-password", "user={rsud_ketua}&password=sandi-uji-yang-baru", "UAAFAFNFFFF"),
    ("audit/events", "filter[action]=user.create", "UAAFAFFFFFF"),
    ("org/units", "", "UAAFAFFFFFF"),
    ("org/unit", "id={dlh}", "UAAFAFFFFFF"),
    ("org/unit", "id={kaltim}", "UAAFNFFFFFF"),
    (
        "org/add",
        "fields[parent_id]={bontang}&fields[kind]=dinas&fields[code]=64.74.FN{n}&fields[name]=Dinas+Uji&fields[timezone]=",
        "UAAFAFFFFFF",
    ),
    ("org/change", "id={dlh}&name=Dinas+Lingkungan+Hidup", "UAAFAFFFFFF"),
    ("org/set-active", "id={dlh}&active=true", "UAAFAFFFFFF"),
    (
        "org/year",
        "fields[pemda]={bontang}&fields[year]=2027&fields[frameworks][f{framework}]=on&fields[min_values]=3\
         &fields[max_values]=5&fields[min_behaviours]=1&fields[due_q1]=2027-04-10&fields[due_q2]=2027-07-10\
         &fields[due_q3]=2027-10-10&fields[due_q4]=2028-01-10",
        "UAAFANNNNNN",
    ),
    ("programme/opd", "opd={dlh}", "UAAAAAAAANN"),
    ("programme/selection", "opd={dlh}&year=2026", "UAAAAAAAANN"),
    ("programme/review-queue", "", "UAAFAFFFFFF"),
    (
        "programme/add-choice",
        "opd={dlh}&year=2026&value={value}&reason=Uji&behaviour=Apel+nilai&target=Setiap+pekan",
        "UFFFFAFFFNN",
    ),
    ("programme/remove-choice", "selection={selection}&value={value}", "UFFFFAFFFNN"),
    ("programme/submit", "selection={selection}", "UFFFFAFFFNN"),
    ("programme/review", "selection={selection}&decision=approve", "UAAFAFFFFNN"),
    ("kbk/page", "id={kbk}", "UAAAAAAAANN"),
    (
        "kbk/form",
        "opd={dlh}&fields[name]=KBK+Uji+{n}&fields[work_unit]=Sekretariat&fields[sk_number]=&fields[sk_date]=",
        "UFFFFAAFFNN",
    ),
    (
        "kbk/save",
        "kbk={kbk}&fields[name]=Hijau+Bessai&fields[work_unit]=Bidang+Pengelolaan+Sampah\
         &fields[sk_number]=800%2F12%2FDLH%2F2026&fields[sk_date]=2026-02-02",
        "UFFFFAAFFNN",
    ),
    ("kbk/set-active", "kbk={kbk}&active=true", "UFFFFAAFFNN"),
    ("kbk/seat", "kbk={kbk}&user=&name=Orang+Luar+{n}&nip=&role=anggota", "UFFFFAAFFNN"),
    ("kbk/unseat", "kbk={kbk}&member={seat}", "UFFFFAAFFNN"),
    (
        "kbk/log-action",
        "kbk={kbk}&fields[title]=Apel+pagi&fields[kind]=apel&fields[started_on]=2026-11-21&fields[ended_on]=\
         &fields[location]=Halaman&fields[participants]=40&fields[attendees]=38&fields[description]=Apel+nilai.\
         &fields[result]=&fields[values][v{value}]=on",
        "UFFFFFFAANN",
    ),
    ("kbk/action", "id={draft}", "UAAAAAAAANN"),
    ("kbk/submit-action", "action={draft}", "UFFFFFFFANN"),
    ("kbk/review-action", "action={submitted}&decision=verify", "UFFFFFFAFNN"),
    // Reports: DLH's Q4 draft (with a pending extension request) and its Q3 report waiting for review.
    ("report/opd", "opd={dlh}", "UAAAAAAAANN"),
    ("report/page", "id={q3}", "UAAAAAAAANN"),
    ("report/document", "id={q3}", "UAAAAAAAANN"),
    ("dashboard", "org_unit={dlh}", "UAAAAAAFFNF"),
    (
        "dashboard/weights",
        "pemda={bontang}&institution=15&activity=35&spread=10&reporting=20&results=20",
        "UAAFAFFNNFN",
    ),
    ("report/start", "opd={dlh}&year=2026&quarter=4", "UFFFFAAFFNN"),
    ("report/save", "report={q4}&fields[achievements]=a&fields[obstacles]=b&fields[follow_up]=c", "UFFFFAAFFNN"),
    ("report/extension", "report={q4}&reason=Uji", "UFFFFAAFFNN"),
    ("report/extension-decision", "extension={extension}&decision=refuse&note=Uji", "UAAFAFFFFNN"),
    ("report/submit", "report={q4}", "UFFFFAAFFNN"),
    ("report/review", "report={q3}&decision=return&code=other&reason=Uji", "UAAFAFFFFNN"),
    ("report/inbox", "", "UAAFAFFFFFF"),
    ("notifications/list", "", "UAAAAAAAAAA"),
    ("notifications/unread", "", "AAAAAAAAAAA"),
    ("notifications/read", "", "UAAAAAAAAAA"),
    // The to-do reads only the caller's own OPD, KBK and review reach; a visitor gets none.
    ("home/todo", "", "AAAAAAAAAAA"),
    ("style-guide/access", "", "UANNNNNNNNN"),
    ("auth/sign-in", "username={me}&password={password}", "AAAAAAAAAAA"),
    ("auth/sign-out", "", "AAAAAAAAAAA"),
];

fn id(value: &serde_json::Value) -> String {
    value["id"].as_str().unwrap_or_else(|| panic!("an id in {value}")).to_owned()
}

db_tests! {
    async fn every_server_function_lets_through_exactly_the_roles_the_matrix_names(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let ketua = app.login("ketua.dlh", DEMO_PASSWORD).await;
        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let anggota = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = id(&app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]);
        let submitted = app.get_as(&ketua, &format!("/api/v1/kbks/{kbk}/actions?state=submitted")).await.json();
        let submitted = &submitted["items"][0];
        let values: Vec<String> = submitted["values"].as_array().expect("values").iter().map(id).collect();
        let draft = app
            .send_json(Method::POST, &format!("/api/v1/kbks/{kbk}/actions"), &crate::kbk::action(&values), &anggota)
            .await;
        assert_eq!(draft.status, 201, "{}", draft.body);
        let token = app.send_json(Method::POST, "/api/v1/tokens", &json!({"name": "Matriks"}), &admin).await;
        let selection = app.get_as(&ketua, &format!("/api/v1/opds/{dlh}/value-selections")).await.json();
        let (q3, q4, extension) = report_ids(&app, &kepala, &dlh).await;
        let framework =
            service::catalogue::get_framework_by_urn(&app.services.db, service::catalogue::KEPMENPAN_25_2002_URN)
                .await
                .expect("framework");
        let ids = [
            ("{dlh}", dlh.clone()),
            ("{kaltim}", app.unit_id("64").await),
            ("{bontang}", app.unit_id("64.74").await),
            ("{kbk}", kbk.clone()),
            ("{submitted}", id(submitted)),
            ("{draft}", id(&draft.json())),
            ("{value}", values[0].clone()),
            ("{selection}", id(&selection["items"][0])),
            ("{framework}", framework.summary.id.to_string()),
            ("{rsud_ketua}", app.user_id("ketua.rsud").await),
            ("{dlh_member}", app.user_id("anggota.dlh").await),
            ("{other_member}", app.user_id("anggota.disdukcapil").await),
            ("{staff}", staff(&app, &admin, &dlh).await),
            ("{admin_token}", id(&token.json()["token"])),
            ("{q3}", q3),
            ("{q4}", q4),
            ("{extension}", extension),
            ("{password}", DEMO_PASSWORD.to_owned()),
        ];
        let mut sessions = vec![None];
        for user in USERS {
            sessions.push(Some(app.login(user, DEMO_PASSWORD).await));
        }
        let mut checked = 0;
        for (endpoint, template, expected) in SERVER_FNS {
            for (n, ((session, want), who)) in
                sessions.iter().zip(expected.chars()).zip(std::iter::once("anonymous").chain(USERS)).enumerate()
            {
                let mut body = ids.iter().fold(template.to_owned(), |body, (key, id)| body.replace(key, id));
                if body.contains("{seat}") {
                    body = body.replace("{seat}", &fresh_seat(&app, &kepala, &kbk, n).await);
                }
                let me = if session.is_some() { who } else { "admin" };
                let body = body.replace("{n}", &n.to_string()).replace("{me}", me);
                let response = app.call_fn_raw(session.as_ref(), &format!("/fn/{endpoint}"), body).await;
                let got = class(response.status.as_u16());
                assert_eq!(got, want, "{endpoint} {template} as {who}: {} {}", response.status, response.body);
                if got != 'A' {
                    for private in ["Hijau Bessai", "Nur Hidayah", "Dewi Lestari"] {
                        assert!(!response.body.contains(private), "{endpoint} as {who} leaks {private}");
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, SERVER_FNS.len() * 11);
    }
}
