//! The rules of the request fields, written into the OpenAPI document: every text property a client sends
//! gets the `pattern` and lengths of the parser that reads it ([`FieldRule`]), so a client (or schemathesis)
//! learns from the document what the server will take. `tests/integration/api.rs` fails on a text property of
//! a request body that has no rule here.

use domain::{
    field::FieldRule,
    kbk::{MAX_SK_NUMBER, MAX_TEXT, MAX_TITLE},
    programme::{MAX_BEHAVIOUR, MAX_REASON},
    report::{NARRATIVE_MAX, NOTE_MAX, REASON_MAX},
};
use utoipa::openapi::{OpenApi, RefOr, Schema};

/// (schema, property, rule) for every text property of every request body.
const RULES: &[(&str, &str, FieldRule)] = &[
    ("NewToken", "name", FieldRule::NAME),
    ("NewUserForm", "username", FieldRule::Username),
    ("NewUserForm", "full_name", FieldRule::NAME),
    ("NewUserForm", "nip", FieldRule::OptionalNip),
    ("NewUserForm", "email", FieldRule::OptionalEmail),
    ("NewUserForm", "password", FieldRule::Password),
    ("NewPassword", "password", FieldRule::Password),
    ("NewUnitInput", "code", FieldRule::OrgCode),
    ("NewUnitInput", "name", FieldRule::NAME),
    ("UnitChange", "name", FieldRule::NAME),
    ("ChoiceInput", "reason", FieldRule::Text { max: MAX_REASON }),
    ("KeyBehaviour", "description", FieldRule::Text { max: MAX_BEHAVIOUR }),
    ("KeyBehaviour", "target", FieldRule::Text { max: MAX_BEHAVIOUR }),
    ("ReturnForm", "reason", FieldRule::Text { max: MAX_REASON }),
    ("KbkInput", "name", FieldRule::NAME),
    ("KbkInput", "work_unit", FieldRule::NAME),
    ("KbkInput", "sk_number", FieldRule::OptionalText { max: MAX_SK_NUMBER }),
    ("MemberInput", "name", FieldRule::NAME),
    ("MemberInput", "nip", FieldRule::OptionalNip),
    ("ActionInput", "title", FieldRule::Text { max: MAX_TITLE }),
    ("ActionInput", "location", FieldRule::Text { max: MAX_TITLE }),
    ("ActionInput", "description", FieldRule::Text { max: MAX_TEXT }),
    ("ActionInput", "result", FieldRule::OptionalText { max: MAX_TEXT }),
    ("ActionInput", "indicator", FieldRule::OptionalText { max: MAX_TITLE }),
    ("ActionInput", "target", FieldRule::OptionalText { max: MAX_TITLE }),
    ("ActionInput", "realisation", FieldRule::OptionalText { max: MAX_TITLE }),
    ("NarrativeInput", "achievements", FieldRule::OptionalText { max: NARRATIVE_MAX }),
    ("NarrativeInput", "obstacles", FieldRule::OptionalText { max: NARRATIVE_MAX }),
    ("NarrativeInput", "follow_up", FieldRule::OptionalText { max: NARRATIVE_MAX }),
    ("ReturnInput", "reason", FieldRule::Text { max: REASON_MAX }),
    ("ActionComment", "text", FieldRule::Text { max: NOTE_MAX }),
    ("ReasonInput", "reason", FieldRule::Text { max: REASON_MAX }),
    ("ExtensionInput", "reason", FieldRule::Text { max: NOTE_MAX }),
    ("ExtensionAnswer", "note", FieldRule::OptionalText { max: NOTE_MAX }),
];

/// Writes [`RULES`] into the document's component schemas.
pub struct FieldRules;

impl utoipa::Modify for FieldRules {
    fn modify(&self, openapi: &mut OpenApi) {
        let Some(components) = openapi.components.as_mut() else { return };
        for (schema, property, rule) in RULES {
            let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(*schema) else {
                panic!("the API document has no object schema {schema}");
            };
            let Some(RefOr::T(Schema::Object(field))) = object.properties.get_mut(*property) else {
                panic!("{schema} has no plain property {property}");
            };
            field.pattern = rule.pattern();
            field.min_length = rule.min_length();
            field.max_length = rule.max_length();
        }
    }
}
