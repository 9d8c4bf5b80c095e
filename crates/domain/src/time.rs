//! Dates and times as users read them: `22 Nov 2026`, `22 Nov 2026 20:15 WITA`, in the Pemda's zone.

use crate::{locale::Locale, org::Timezone};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

const MONTHS_ID: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A calendar date, e.g. `22 Agu 2026` (Indonesian) or `22 Aug 2026` (English).
pub fn format_date(date: NaiveDate, locale: Locale) -> String {
    let months = match locale {
        Locale::Id => MONTHS_ID,
        Locale::En => MONTHS_EN,
    };
    format!("{} {} {}", date.day(), months[date.month0() as usize], date.year())
}

/// A date as official letters write it, e.g. `23 November 2026` (Indonesian) or `23 November 2026` (English).
pub fn format_long_date(date: NaiveDate, locale: Locale) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match locale {
        Locale::Id => ID,
        Locale::En => EN,
    };
    format!("{} {} {}", date.day(), months[date.month0() as usize], date.year())
}

/// A camera's clock reading (EXIF records no zone), e.g. `17 Agu 2026 08:15 WITA`: read as the time where the
/// photo was taken, the zone of the Pemda whose action it documents, and always shown with that zone.
pub fn format_camera_time(time: NaiveDateTime, zone: Timezone, locale: Locale) -> String {
    format!("{} {:02}:{:02} {}", format_date(time.date(), locale), time.hour(), time.minute(), zone.abbreviation())
}

/// An instant in `zone`, e.g. `22 Nov 2026 20:15 WITA`.
pub fn format_instant(instant: DateTime<Utc>, zone: Timezone, locale: Locale) -> String {
    let local = zone.local(instant);
    format!(
        "{} {:02}:{:02} {}",
        format_date(local.date_naive(), locale),
        local.hour(),
        local.minute(),
        zone.abbreviation()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_spell_the_month_out_as_letters_do() {
        let date = NaiveDate::from_ymd_opt(2026, 8, 17).expect("date");
        assert_eq!(format_long_date(date, Locale::Id), "17 Agustus 2026");
        assert_eq!(format_long_date(date, Locale::En), "17 August 2026");
    }

    #[test]
    fn dates_use_the_month_abbreviations_of_each_language() {
        let date = NaiveDate::from_ymd_opt(2026, 8, 17).expect("date");
        assert_eq!(format_date(date, Locale::Id), "17 Agu 2026");
        assert_eq!(format_date(date, Locale::En), "17 Aug 2026");
        let camera = date.and_hms_opt(8, 15, 0).expect("time");
        assert_eq!(format_camera_time(camera, Timezone::Wita, Locale::Id), "17 Agu 2026 08:15 WITA");
    }

    #[test]
    fn instants_are_shown_in_the_pemdas_zone() {
        let instant = DateTime::parse_from_rfc3339("2026-11-22T16:30:00Z").expect("instant").to_utc();
        assert_eq!(format_instant(instant, Timezone::Wita, Locale::Id), "23 Nov 2026 00:30 WITA");
        assert_eq!(format_instant(instant, Timezone::Wib, Locale::Id), "22 Nov 2026 23:30 WIB");
    }
}
