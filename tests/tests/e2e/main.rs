//! Browser journeys (headless Chromium over WebDriver against the release server).

mod access;
mod catalogue;
mod dashboard;
mod forms;
mod organisation;
mod programme;
mod reports;
mod sweep;
