//! Long lists in the panels beside the grid (Insights, Compare): their
//! first rows, and the rest on request. Every frame pays for the elements
//! of an open panel, so a list of a large map is not shown whole at once.

use leptos::prelude::*;

/// Rows a long list shows before "Show all N" is pressed.
pub const SHOWN: usize = 12;

/// The first [`SHOWN`] of `items`, or all of them with `all`.
pub fn first<T>(mut items: Vec<T>, all: bool) -> Vec<T> {
    if !all {
        items.truncate(SHOWN);
    }
    items
}

/// The button below a list of `total` rows: "Show all N", or "Show fewer"
/// while all are shown (kept while open, so the focus stays on it when the
/// list shrinks); none for a short list.
pub fn toggle(open: bool, total: usize, flip: impl Fn() + 'static) -> Option<impl IntoView> {
    (open || total > SHOWN).then(|| {
        view! {
            <button class="small more" aria-expanded=open.to_string() on:click=move |_| flip()>
                {if open { "Show fewer".to_string() } else { format!("Show all {total}") }}
            </button>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_shows_its_first_rows_until_all_are_asked_for() {
        let rows: Vec<usize> = (0..30).collect();
        assert_eq!(first(rows.clone(), false), (0..SHOWN).collect::<Vec<_>>());
        assert_eq!(first(rows.clone(), true), rows);
        assert_eq!(first(vec![1, 2], false), [1, 2]);
    }
}
