//! The REST API under /api/v1 and its OpenAPI document.

use serde_json::Value;
use tests::{DEMO_PASSWORD, TestApp, db_tests};

fn as_array(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap_or_else(|| panic!("expected an array: {value}"))
}

db_tests! {
    async fn the_frameworks_endpoint_lists_both_built_in_frameworks(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("pimpinan.kaltim", DEMO_PASSWORD).await;
        let response = app.get_as(&session, "/api/v1/frameworks").await;
        assert_eq!(response.status, 200);
        let body = response.json();
        let items = as_array(&body["items"]);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["urn"], "urn:budaya:framework:kepmenpan-25-2002");
        assert_eq!((items[0]["pair_count"].as_u64(), items[0]["value_count"].as_u64()), (Some(17), Some(34)));
        assert_eq!(items[1]["urn"], "urn:budaya:framework:berakhlak");
        assert_eq!(items[1]["value_count"], 7);
    }

    async fn a_framework_comes_with_its_pairs_values_and_indicators(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("anggota.dlh", DEMO_PASSWORD).await;
        let list = app.get_as(&session, "/api/v1/frameworks").await.json();
        let id = list["items"][0]["id"].as_str().expect("an id").to_owned();

        let detail = app.get_as(&session, &format!("/api/v1/frameworks/{id}")).await;

        assert_eq!(detail.status, 200);
        let body = detail.json();
        let pairs = as_array(&body["pairs"]);
        assert_eq!(pairs.len(), 17);
        let values: Vec<&Value> = pairs.iter().flat_map(|p| as_array(&p["values"])).collect();
        assert_eq!(values.len(), 34);
        assert_eq!(values[15]["code"], "8.2");
        assert_eq!(values[15]["name"]["id"], "Kecepatan");
        assert!(!as_array(&values[15]["indicators"]).is_empty());
    }

    async fn an_unknown_or_malformed_framework_id_is_a_json_404(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("anggota.dlh", DEMO_PASSWORD).await;
        for path in ["/api/v1/frameworks/0193a000-0000-7000-8000-000000000000", "/api/v1/frameworks/not-a-uuid"] {
            let response = app.get_as(&session, path).await;
            assert_eq!(response.status, 404, "{path}");
            let body = response.json();
            assert_eq!(body["error"]["code"], "not_found");
            assert_eq!(body["error"]["message"], "Data yang diminta tidak ditemukan.");
        }
    }

    async fn an_unknown_api_path_is_a_json_404_not_a_page(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/api/v1/tidak-ada").await;
        assert_eq!(response.status, 404);
        assert_eq!(response.json()["error"]["code"], "not_found");
    }

    async fn the_org_units_endpoint_returns_the_tree(db: TestDb) {
        let app = TestApp::with_demo(db).await;
        let session = app.login("peninjau.kaltim", DEMO_PASSWORD).await;
        let body = app.get_as(&session, "/api/v1/org-units").await.json();
        let roots = as_array(&body["items"]);
        assert_eq!(roots.len(), 1);
        assert_eq!(roots[0]["unit"]["name"], "Pemerintah Provinsi Kalimantan Timur");
        assert_eq!(roots[0]["unit"]["timezone"], "WITA");
        let bontang = as_array(&roots[0]["children"])
            .iter()
            .find(|child| child["unit"]["code"] == "64.74")
            .expect("Bontang");
        assert_eq!(bontang["unit"]["kind"], "kota");
        assert!(as_array(&bontang["children"]).iter().any(|c| c["unit"]["name"] == "Dinas Lingkungan Hidup"));
    }

    async fn every_documented_parameter_sits_where_it_is_read_and_every_operation_documents_its_errors(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let doc = app.get("/api/v1/openapi.json").await.json();
        let mut findings = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("operations") {
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    let (name, place) = (parameter["name"].as_str().unwrap_or_default(), &parameter["in"]);
                    let in_template = path.contains(&format!("{{{name}}}"));
                    if in_template != (place == "path") {
                        findings.push(format!("{method} {path}: {name} is documented in the {place}"));
                    }
                }
                if operation["responses"]["default"]["content"]["application/json"].is_null() {
                    findings.push(format!("{method} {path}: no default error response"));
                }
            }
        }
        assert!(findings.is_empty(), "{}", findings.join("\n"));
    }

    async fn every_text_field_of_a_request_body_states_the_rule_the_server_applies(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let doc = app.get("/api/v1/openapi.json").await.json();
        let mut pending: Vec<(String, Value)> = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("operations") {
                for (_, content) in operation["requestBody"]["content"].as_object().into_iter().flatten() {
                    pending.push((format!("{method} {path}"), content["schema"].clone()));
                }
            }
        }
        let (mut seen, mut findings, mut stated) = (std::collections::HashSet::new(), Vec::new(), 0);
        while let Some((at, schema)) = pending.pop() {
            if let Some(reference) = schema["$ref"].as_str() {
                let name = reference.rsplit('/').next().expect("a schema name").to_owned();
                if seen.insert(name.clone()) {
                    pending.push((name.clone(), doc["components"]["schemas"][&name].clone()));
                }
                continue;
            }
            for key in ["allOf", "oneOf", "anyOf"] {
                pending.extend(schema[key].as_array().into_iter().flatten().map(|part| (at.clone(), part.clone())));
            }
            if !schema["items"].is_null() {
                pending.push((at.clone(), schema["items"].clone()));
            }
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                let text = property["type"] == "string"
                    || property["type"].as_array().is_some_and(|types| types.iter().any(|t| t == "string"));
                // Credentials are compared with accounts: any text is merely a wrong one.
                let free = at == "Login";
                if text && property["enum"].is_null() && property["format"].is_null() && !free {
                    if property["pattern"].is_null() && property["maxLength"].is_null() {
                        findings.push(format!("{at}.{name} states no rule"));
                    } else {
                        stated += 1;
                    }
                }
                pending.push((format!("{at}.{name}"), property.clone()));
            }
        }
        assert!(findings.is_empty(), "text fields without their rule in the document:\n{}", findings.join("\n"));
        assert!(stated >= 30, "only {stated} text fields state a rule");
    }

    async fn the_openapi_document_is_version_3_and_lists_every_api_path(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.status, 200);
        let doc = response.json();
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
        let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
        assert_eq!(
            paths,
            [
                "/api/v1/actions/{id}",
                "/api/v1/actions/{id}/evidence",
                "/api/v1/actions/{id}/return",
                "/api/v1/actions/{id}/submit",
                "/api/v1/actions/{id}/verify",
                "/api/v1/audit-events",
                "/api/v1/auth/login",
                "/api/v1/auth/logout",
                "/api/v1/dashboard/charts/{file}",
                "/api/v1/dashboard/compliance",
                "/api/v1/dashboard/funnel",
                "/api/v1/dashboard/overview",
                "/api/v1/dashboard/reporting-rates",
                "/api/v1/evidence/{id}",
                "/api/v1/evidence/{id}/thumbnail",
                "/api/v1/extension-requests/{id}/decision",
                "/api/v1/frameworks",
                "/api/v1/frameworks/{id}",
                "/api/v1/kbks/{id}",
                "/api/v1/kbks/{id}/actions",
                "/api/v1/kbks/{id}/decree",
                "/api/v1/kbks/{id}/members",
                "/api/v1/kbks/{id}/members/{member}",
                "/api/v1/me",
                "/api/v1/notifications",
                "/api/v1/notifications/read",
                "/api/v1/opds/{id}/kbks",
                "/api/v1/opds/{id}/reports",
                "/api/v1/opds/{id}/value-selections",
                "/api/v1/openapi.json",
                "/api/v1/org-units",
                "/api/v1/org-units/{id}",
                "/api/v1/org-units/{id}/history",
                "/api/v1/pemda/{id}/index-weights",
                "/api/v1/pemdas/{id}/programme-years/{year}",
                "/api/v1/reports/{id}",
                "/api/v1/reports/{id}/accept",
                "/api/v1/reports/{id}/changes",
                "/api/v1/reports/{id}/evidence.zip",
                "/api/v1/reports/{id}/export.csv",
                "/api/v1/reports/{id}/export.pdf",
                "/api/v1/reports/{id}/export.xlsx",
                "/api/v1/reports/{id}/extension-requests",
                "/api/v1/reports/{id}/reopen",
                "/api/v1/reports/{id}/return",
                "/api/v1/reports/{id}/submit",
                "/api/v1/review-queue",
                "/api/v1/tokens",
                "/api/v1/tokens/{id}",
                "/api/v1/users",
                "/api/v1/users/{id}",
                "/api/v1/users/{id}/activate",
                "/api/v1/users/{id}/deactivate",
                "/api/v1/users/{id}/grants",
                "/api/v1/users/{id}/grants/{role}/{org_unit}",
                "/api/v1/users/{id}/password",
                "/api/v1/value-selections",
                "/api/v1/value-selections/{id}",
                "/api/v1/value-selections/{id}/approve",
                "/api/v1/value-selections/{id}/return",
                "/api/v1/value-selections/{id}/submit",
            ]
        );
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for schema in ["FrameworkDetail", "FrameworkSummary", "OrgTreeNode", "NewUnitInput", "UnitChange", "ErrorBody", "SelectionView", "KbkView", "ActionView", "EvidenceView", "ReportView", "ReviewQueue", "ReportChanges"] {
            assert!(schemas.contains_key(schema), "missing schema {schema}");
        }
        // Every reference resolves, so generated clients and schema-driven fuzzers can read the document.
        let text = doc.to_string();
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().expect("a name");
            assert!(schemas.contains_key(name), "the document refers to a missing schema {name}");
        }
    }
}
