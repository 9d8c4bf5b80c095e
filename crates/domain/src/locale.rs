//! The two languages of the product and bilingual text. Bahasa Indonesia comes first; English is the second.

use serde::{Deserialize, Serialize};

/// A UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Bahasa Indonesia, the default.
    #[default]
    Id,
    /// English.
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Id, Locale::En];

    /// The BCP 47 tag, as written in `<html lang>` and in the language cookie.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    /// Reads a tag such as `id`, `en`, `en-GB` or `id-ID`; anything else is not a supported locale.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Locale::Id),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The locale's own name, shown in the language switcher.
    pub const fn native_name(self) -> &'static str {
        match self {
            Locale::Id => "Bahasa Indonesia",
            Locale::En => "English",
        }
    }
}

/// A text stored in both languages. The Indonesian text is authoritative; English falls back to it when missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bilingual {
    /// Bahasa Indonesia.
    pub id: String,
    /// English; empty when not translated.
    pub en: String,
}

impl Bilingual {
    /// Builds a text from both translations.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self { id: id.into(), en: en.into() }
    }

    /// The text in `locale`, falling back to Indonesian.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.en.is_empty() => &self.en,
            _ => &self.id,
        }
    }

    /// Both translations, for searching whatever language the user types in.
    pub fn both(&self) -> [&str; 2] {
        [&self.id, &self.en]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_resolve_to_their_language() {
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("id_ID"), Some(Locale::Id));
        assert_eq!(Locale::from_tag("in"), Some(Locale::Id));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn an_untranslated_text_falls_back_to_indonesian() {
        let text = Bilingual::new("Kecepatan", "");
        assert_eq!(text.get(Locale::En), "Kecepatan");
        assert_eq!(Bilingual::new("Kecepatan", "Speed").get(Locale::En), "Speed");
    }
}
