//! Stored markup injection, as a class: every character column a person writes holds markup that tries to leave
//! whatever context it lands in (an attribute, `<title>`, `<textarea>`, a script, a style), then every page is
//! rendered on the server for every role and parsed as a browser parses it (html5ever). No element or attribute
//! of the input may exist in any tree.

use super::sweep::{demo_sessions, every_page, render};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use tests::{TestApp, db_tests};

/// Leaves an attribute, then every raw-text element, then adds an element and an attribute of its own.
const PAYLOAD: &str = r#""'></title></textarea></script></style></noscript><i data-injected></i>"#;

/// Character columns the machine writes (codes, states, hashes, keys, addresses); a person's words never reach
/// them unparsed. Every other character column of the schema is filled with [`PAYLOAD`], so a new column is
/// attacked unless it is added here with its reason.
const MACHINE_COLUMNS: &[(&str, &str)] = &[
    ("seaql_migrations", "version"),
    ("org_unit", "kind"),
    ("org_unit", "code"),
    ("org_unit", "path"),
    ("org_unit", "timezone"),
    ("value_framework", "urn"),
    ("value", "code"),
    ("app_user", "username"),
    ("app_user", "nip"),
    ("app_user", "password_hash"),
    ("role_grant", "role"),
    ("user_session", "id"),
    ("user_session", "client_addr"),
    ("auth_throttle", "key"),
    ("api_token", "token_hash"),
    ("api_token", "prefix"),
    ("audit_event", "actor"),
    ("audit_event", "action"),
    ("audit_event", "object_type"),
    ("audit_event", "object_id"),
    ("audit_event", "request_id"),
    ("audit_event", "client_addr"),
    ("audit_event", "prev_hash"),
    ("audit_event", "hash"),
    ("audit_head", "last_hash"),
    ("value_selection", "state"),
    ("kbk_member", "nip"),
    ("kbk_member", "role"),
    ("kbk_action", "kind"),
    ("kbk_action", "state"),
    ("evidence_file", "purpose"),
    ("evidence_file", "media_type"),
    ("evidence_file", "sha256"),
    ("evidence_file", "storage_key"),
    ("evidence_file", "thumbnail_key"),
    ("report", "state"),
    ("report_event", "kind"),
    ("extension_request", "state"),
    ("notification", "kind"),
    ("mail_outbox", "kind"),
    ("opd_standing", "path"),
    ("opd_standing", "kind"),
    ("opd_standing", "report_state"),
    ("opd_standing", "band"),
    ("opd_standing", "stage"),
    ("node_rollup", "kind"),
];

/// Columns holding JSON that carries people's words (audit snapshots, key behaviours, report snapshots): their
/// sentences and names (strings with a space) get the payload, their codes and ids stay readable.
const JSON_COLUMNS: &[(&str, &str)] = &[
    ("audit_event", "before"),
    ("audit_event", "after"),
    ("selection_choice", "behaviours"),
    ("report_submission", "snapshot"),
    ("report_event", "detail"),
];

/// Every character column of the migrated schema, as (table, column).
async fn character_columns(db: &impl ConnectionTrait) -> Vec<(String, String)> {
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')"
        }
        _ => {
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND (lower(p.type) LIKE 'varchar%' OR lower(p.type) = 'text')"
        }
    };
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("columns");
    let mut columns: Vec<(String, String)> = rows
        .iter()
        .map(|row| (row.try_get_by_index(0).expect("table"), row.try_get_by_index(1).expect("column")))
        .collect();
    columns.sort();
    columns
}

/// `text` with the payload after its first characters (values stay apart, so unique names stay unique).
fn hostile(text: &str) -> String {
    format!("{}{PAYLOAD}", text.chars().take(12).collect::<String>())
}

/// Every string with a space inside `value` made hostile.
fn hostile_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) if text.contains(' ') => *text = hostile(text),
        serde_json::Value::Array(items) => items.iter_mut().for_each(hostile_json),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(hostile_json),
        _ => {}
    }
}

/// Rewrites each value of `table.column` as `rewrite` says.
async fn rewrite_column(db: &impl ConnectionTrait, table: &str, column: &str, rewrite: impl Fn(&str) -> String) {
    let backend = db.get_database_backend();
    let select = format!(r#"SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL"#);
    let rows = db.query_all_raw(Statement::from_string(backend, select)).await.expect("values");
    let update = match backend {
        DatabaseBackend::Postgres => format!(r#"UPDATE "{table}" SET "{column}" = $1 WHERE "{column}" = $2"#),
        _ => format!(r#"UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?"#),
    };
    for row in rows {
        let old: String = row.try_get_by_index(0).expect("a text value");
        let new = rewrite(&old);
        let statement = Statement::from_sql_and_values(backend, &update, [new.into(), old.into()]);
        db.execute_raw(statement).await.unwrap_or_else(|error| panic!("{table}.{column}: {error}"));
    }
}

/// Fills every person-written character column with the payload; returns how many columns it filled.
async fn fill_with_markup(db: &impl ConnectionTrait) -> usize {
    let columns = character_columns(db).await;
    for listed in MACHINE_COLUMNS.iter().chain(JSON_COLUMNS) {
        let present = columns.iter().any(|(table, column)| (table.as_str(), column.as_str()) == *listed);
        assert!(present, "{listed:?} is listed here but is no character column of the schema");
    }
    let mut filled = 0;
    for (table, column) in &columns {
        let key = (table.as_str(), column.as_str());
        if MACHINE_COLUMNS.contains(&key) {
            continue;
        }
        if JSON_COLUMNS.contains(&key) {
            rewrite_column(db, table, column, |old| match serde_json::from_str::<serde_json::Value>(old) {
                Ok(mut json) if json.is_object() || json.is_array() => {
                    hostile_json(&mut json);
                    json.to_string()
                }
                _ => hostile(old),
            })
            .await;
        } else {
            rewrite_column(db, table, column, hostile).await;
        }
        filled += 1;
    }
    filled
}

/// The elements and attributes of `html` that came from the payload.
fn injected(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    document
        .tree
        .values()
        .filter_map(scraper::Node::as_element)
        .filter(|element| element.attrs().any(|(name, _)| name == "data-injected"))
        .map(|element| format!("<{} data-injected>", element.name()))
        .collect()
}

/// The text of the page's `<title>` and of its textareas, as a browser reads them.
fn raw_texts(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("title, textarea").expect("selector");
    document.select(&selector).map(|element| element.text().collect()).collect()
}

db_tests! {
    async fn markup_in_every_written_field_stays_text_on_every_page_for_every_role(db: TestDb) {
        let app = TestApp::with_report_demo(db).await;
        let sessions = demo_sessions(&app).await;
        let pages = every_page(&app).await;
        let filled = fill_with_markup(&app.services.db).await;
        assert!(filled >= 30, "only {filled} columns were filled");

        let (mut rendered, mut findings, mut carried) = (0, Vec::new(), 0);
        for (who, session) in &sessions {
            for page in &pages {
                let response = render(&app, who, session.as_ref(), page).await;
                assert!(response.status.as_u16() < 500, "{who} {page}: {}", response.status);
                if response.status != 200 {
                    continue;
                }
                rendered += 1;
                for node in injected(&response.body) {
                    findings.push(format!("{who} {page}: {node}"));
                }
                carried += raw_texts(&response.body).iter().filter(|text| text.contains("</title></textarea>")).count();
            }
        }
        assert!(findings.is_empty(), "markup from stored text became part of the page:\n{}", findings.join("\n"));
        assert!(rendered > pages.len(), "only {rendered} pages rendered");
        assert!(carried > 10, "titles and textareas carried the payload as text only {carried} times");
    }
}
