//! Materialised paths (`/root/child/.../self/`): a subtree is every path in one byte-wise range, which a plain
//! index serves on both engines (the column sorts byte-wise: SQLite's default, `COLLATE "C"` on PostgreSQL).
//! A prepared `LIKE $1` would not: PostgreSQL plans it without knowing the prefix.

use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

/// The rows of `column` in the subtree rooted at `path`, the root included.
pub(crate) fn subtree(column: impl ColumnTrait, path: &str) -> Condition {
    let upper = upper_bound(path);
    Condition::all().add(column.gte(path)).add(column.lt(upper))
}

/// The first path after the subtree at `path`: paths end in '/', and '0' is the byte right after it, so
/// `/a/b/` up to `/a/b0` holds exactly the subtree.
fn upper_bound(path: &str) -> String {
    format!("{}0", path.trim_end_matches('/'))
}

/// The ids a path names, root first.
pub(crate) fn ids(path: &str) -> impl Iterator<Item = Uuid> + '_ {
    path.split('/').filter_map(|part| part.parse().ok())
}

/// The paths of the node's ancestors and of the node itself, root first.
pub(crate) fn lineage(path: &str) -> impl Iterator<Item = &str> + '_ {
    path.match_indices('/').skip(1).map(|(end, _)| &path[..=end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lineage_lists_every_ancestor_path_then_the_node() {
        assert_eq!(lineage("/a/b/c/").collect::<Vec<_>>(), ["/a/", "/a/b/", "/a/b/c/"]);
        assert_eq!(lineage("/").count(), 0);
    }

    #[test]
    fn the_subtree_range_holds_descendants_and_excludes_siblings_sharing_a_prefix() {
        let root = "/a/b/";
        let upper = upper_bound(root);
        let upper = upper.as_str();
        for inside in ["/a/b/", "/a/b/c/", "/a/b/zz/y/"] {
            assert!(inside >= root && inside < upper, "{inside}");
        }
        for outside in ["/a/", "/a/bc/", "/a/c/", "/a/b"] {
            assert!(!(outside >= root && outside < upper), "{outside}");
        }
    }

    #[test]
    fn ids_are_read_from_a_path_root_first() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(ids(&format!("/{a}/{b}/")).collect::<Vec<_>>(), [a, b]);
    }
}
