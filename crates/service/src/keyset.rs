//! Keyset pages: the rows after a cursor `(x, y)` on the columns `(a, b)` as one row-value comparison,
//! `(a, b) < (x, y)`. SQLite and PostgreSQL answer it with a range scan of an index ending in `(a, b)`. The same
//! test spelled `a < x OR (a = x AND b < y)` made SQLite walk the index from its top down to the cursor, so a deep
//! page cost what every page before it did.

use sea_orm::{
    ColumnTrait,
    sea_query::{Expr, ExprTrait, Value},
};

/// Which way a page runs.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Order {
    /// Smallest first: the next page holds greater rows.
    Ascending,
    /// Greatest first: the next page holds smaller rows.
    Descending,
}

/// The rows strictly after `cursor` when ordered by `columns` in `order`.
pub(crate) fn after<A: ColumnTrait, B: ColumnTrait>(
    columns: (A, B),
    cursor: (impl Into<Value>, impl Into<Value>),
    order: Order,
) -> Expr {
    let rows = Expr::tuple([columns.0.into_expr(), columns.1.into_expr()]);
    let cursor = Expr::tuple([Expr::val(cursor.0), Expr::val(cursor.1)]);
    match order {
        Order::Ascending => rows.gt(cursor),
        Order::Descending => rows.lt(cursor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::kbk_action::{Column, Entity};
    use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};

    #[test]
    fn a_cursor_is_one_row_value_comparison_on_both_engines() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let sql = Entity::find()
                .filter(after((Column::StartedOn, Column::Id), ("2026-01-02", "a"), Order::Descending))
                .build(backend)
                .to_string();
            assert!(sql.contains(r#"("kbk_action"."started_on", "kbk_action"."id") < ('2026-01-02', 'a')"#), "{sql}");
        }
    }
}
