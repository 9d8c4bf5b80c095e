//! Browser journeys (headless Chromium over WebDriver against the release server).

mod access;
mod catalogue;
mod organisation;
mod programme;
mod reports;
