//! Rendered HTML kept for the inputs that produced it. Some page parts are pure functions of data that was just
//! read (the dashboard's tables: at province size about 100 KB, a fifth of the page's server time): their HTML is
//! rendered once per distinct inputs and reused while the inputs stay the same. The key is the inputs themselves, compared whole, so no two
//! readers with different data can ever share HTML, and nothing goes stale: every request reads its data fresh on
//! whatever instance serves it, and only identical data finds a match. Nothing expires on time.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, PoisonError},
};

/// The HTML of up to `capacity` distinct inputs, most recently used first.
pub struct HtmlMemo<K> {
    entries: Mutex<VecDeque<(K, Arc<str>)>>,
    capacity: usize,
}

impl<K: PartialEq> HtmlMemo<K> {
    /// An empty memo that keeps `capacity` entries (at least one).
    pub const fn new(capacity: usize) -> Self {
        HtmlMemo { entries: Mutex::new(VecDeque::new()), capacity: if capacity == 0 { 1 } else { capacity } }
    }

    /// The HTML kept for `key`, or what `render` makes of it, which is then kept. `render` runs outside the
    /// lock, so a slow render holds up nobody else.
    pub fn get_or_render(&self, key: K, render: impl FnOnce(&K) -> String) -> Arc<str> {
        if let Some(html) = self.find(&key) {
            return html;
        }
        let html: Arc<str> = render(&key).into();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if !entries.iter().any(|(kept, _)| *kept == key) {
            entries.push_front((key, Arc::clone(&html)));
            entries.truncate(self.capacity);
        }
        html
    }

    fn find(&self, key: &K) -> Option<Arc<str>> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let at = entries.iter().position(|(kept, _)| kept == key)?;
        let entry = entries.remove(at)?;
        let html = Arc::clone(&entry.1);
        entries.push_front(entry);
        Some(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_same_inputs_reuse_their_html_and_different_inputs_render_their_own() {
        let memo = HtmlMemo::new(4);
        let renders = Cell::new(0);
        let render = |key: &u8| {
            renders.set(renders.get() + 1);
            format!("html of {key}")
        };
        assert_eq!(&*memo.get_or_render(1, render), "html of 1");
        assert_eq!(&*memo.get_or_render(1, |_| "stale".into()), "html of 1");
        assert_eq!(&*memo.get_or_render(2, render), "html of 2");
        assert_eq!(renders.get(), 2);
    }

    #[test]
    fn the_least_recently_used_inputs_are_forgotten_first() {
        let memo = HtmlMemo::new(2);
        memo.get_or_render(1, |_| "one".into());
        memo.get_or_render(2, |_| "two".into());
        // Using 1 again makes 2 the oldest, so 3 pushes 2 out and 1 stays.
        memo.get_or_render(1, |_| "again".into());
        memo.get_or_render(3, |_| "three".into());
        assert_eq!(&*memo.get_or_render(1, |_| "rendered".into()), "one");
        assert_eq!(&*memo.get_or_render(2, |_| "rendered".into()), "rendered");
    }
}
