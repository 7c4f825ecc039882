//! Which step columns of a grid are drawn, in the editor and in the embed.
//! Only the columns in view and a margin either side are in the page, so a
//! map of thousands of steps opens, edits and scrolls as fast as a small
//! one.

use std::ops::Range;

/// Width of one step column in pixels; the curve uses the same.
pub const COL_WIDTH: f64 = 190.0;
/// Width of the lane titles' column, which stays put on the left.
pub const LANE_COL: f64 = 220.0;
/// Columns drawn beyond each edge of the view, so that a scroll shows
/// drawn cells before the next window is in.
const MARGIN: usize = 6;
/// Window edges move in steps of this many columns, so scrolling redraws
/// a few columns now and then rather than one every few pixels.
const CHUNK: usize = 4;
/// Columns that must stay drawn beyond each edge of the view before a
/// grid that redraws as a whole (the embed's) moves its window: see
/// [`covers`].
const GUARD: usize = 2;

/// The visible part of the grid's scroll area, in px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// How far the grid is scrolled to the right.
    pub left: f64,
    /// The width of the scroll area.
    pub width: f64,
    /// True until the map's first frame is on screen: only the columns in
    /// view are drawn, so that the first paint waits for nothing off
    /// screen. The margin follows when the browser is next idle.
    pub opening: bool,
}

impl Viewport {
    /// The view of a map being opened in a window `width` px wide.
    pub fn opening(width: f64) -> Self {
        Viewport {
            left: 0.0,
            width,
            opening: true,
        }
    }
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            left: 0.0,
            width: 1600.0,
            opening: false,
        }
    }
}

/// The columns to draw out of `count`: those at least partly in view, a
/// margin either side (none while the map opens), with edges rounded
/// outwards to whole chunks.
pub fn window(view: Viewport, count: usize) -> Range<usize> {
    let left = if view.left.is_finite() {
        view.left.max(0.0)
    } else {
        0.0
    };
    let width = if view.width.is_finite() {
        view.width.max(0.0)
    } else {
        0.0
    };
    let (first, last) = in_view(left, width);
    let margin = if view.opening { 0 } else { MARGIN };
    let start = first.saturating_sub(margin) / CHUNK * CHUNK;
    let end = (last + margin).div_ceil(CHUNK) * CHUNK;
    // A view past the end (the map just got shorter, and the scroll area
    // has not caught up) shows the last columns rather than none.
    let len = end - start;
    let end = end.min(count);
    end.saturating_sub(len).min(start)..end
}

/// The columns at least partly in view, as a start and an end. Columns
/// start after the lane titles; the titles stay over the left edge, so what
/// is in view runs from `left` to `left + width - LANE_COL`.
fn in_view(left: f64, width: f64) -> (usize, usize) {
    let first = (left / COL_WIDTH).floor() as usize;
    let last = ((left + (width - LANE_COL).max(0.0)) / COL_WIDTH).ceil() as usize;
    (first, last)
}

/// Whether the columns `drawn` (out of `count`) still hold every column in
/// `view` with a few to spare on each side (or up to the map's first and
/// last column), so that a grid which redraws as a whole need not move its
/// window yet. Its margin then lasts several columns of scrolling, instead
/// of being redrawn at every chunk edge.
pub fn covers(drawn: &Range<usize>, view: Viewport, count: usize) -> bool {
    if !(view.left.is_finite() && view.width.is_finite()) {
        return false;
    }
    let (first, last) = in_view(view.left.max(0.0), view.width.max(0.0));
    let last = last.min(count);
    let start_ok = drawn.start == 0 || drawn.start + GUARD <= first;
    let end_ok = drawn.end >= count || last + GUARD <= drawn.end;
    start_ok && end_ok
}

/// The scroll offset that brings column `index` fully into view, or `None`
/// when it already is.
pub fn reveal(view: Viewport, index: usize) -> Option<f64> {
    let x0 = index as f64 * COL_WIDTH;
    let x1 = x0 + COL_WIDTH;
    let room = (view.width - LANE_COL).max(COL_WIDTH);
    if x0 < view.left {
        Some(x0)
    } else if x1 > view.left + room {
        Some(x1 - room)
    } else {
        None
    }
}

/// Like [`reveal`], but a column out of view comes to the middle of it
/// (where a found match is easy to spot), as far as the map's ends allow.
pub fn reveal_centred(view: Viewport, index: usize) -> Option<f64> {
    reveal(view, index)?;
    let room = (view.width - LANE_COL).max(COL_WIDTH);
    Some((index as f64 * COL_WIDTH + COL_WIDTH / 2.0 - room / 2.0).max(0.0))
}

/// The scroll offset, in a second row of columns (`to`), that shows the
/// step shown at offset `left` in the first (`from`): the two rows scroll
/// together step for step, though one may have steps or empty stages
/// (`None`) the other lacks. Over a column with no match, the next column
/// that has one (or, past the last, the one before) keeps its place in the
/// view, so the shared steps in view line up; the start of one row is the
/// start of the other, so that steps only one row has at its start can be
/// scrolled back to from either. `None` when the rows share no step.
pub fn follow<S: AsRef<str>>(left: f64, from: &[Option<S>], to: &[Option<S>]) -> Option<f64> {
    let left = if left.is_finite() { left.max(0.0) } else { 0.0 };
    let index_in_to = |i: usize| {
        let id = from.get(i)?.as_ref()?.as_ref();
        to.iter()
            .position(|t| t.as_ref().is_some_and(|t| t.as_ref() == id))
    };
    if left < 1.0 {
        return (0..from.len()).find_map(index_in_to).map(|_| 0.0);
    }
    let left = left.min(from.len() as f64 * COL_WIDTH);
    let at = ((left / COL_WIDTH).floor() as usize).min(from.len().saturating_sub(1));
    // The nearest pair of columns that show the same step, `i` in `from`
    // and `j` in `to`: the one under `left`, else the next, else the last
    // before it.
    let pair = |i: usize| index_in_to(i).map(|j| (i, j));
    let (i, j) = pair(at)
        .or_else(|| (at + 1..from.len()).find_map(pair))
        .or_else(|| (0..at).rev().find_map(pair))?;
    Some((left + (j as f64 - i as f64) * COL_WIDTH).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(left: f64, width: f64) -> Viewport {
        Viewport {
            left,
            width,
            opening: false,
        }
    }

    #[test]
    fn a_drawn_window_lasts_a_few_columns_of_scrolling() {
        let n = 1000;
        let at = |col: f64| view(col * COL_WIDTH, 1400.0);
        let drawn = window(at(100.0), n);
        assert!(covers(&drawn, at(100.0), n), "{drawn:?}");
        // Scrolling on: the window holds until the view comes within two
        // columns of its edge, then a new window covers the view again.
        let moves = (0..200)
            .map(|k| at(100.0 + f64::from(k) / 4.0))
            .scan(drawn, |drawn, v| {
                let moved = !covers(drawn, v, n);
                if moved {
                    *drawn = window(v, n);
                }
                assert!(covers(drawn, v, n));
                Some(moved)
            })
            .filter(|m| *m)
            .count();
        // Against moving the window whenever it changes (at every chunk edge
        // on either side): at most half as many redraws.
        let changes = (0..200)
            .map(|k| window(at(100.0 + f64::from(k) / 4.0), n))
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| w[0] != w[1])
            .count();
        assert!(
            moves >= 3 && moves * 2 <= changes,
            "{moves} moves, {changes} changes"
        );
        // The view past the drawn columns, or a view of nothing known.
        assert!(!covers(&(0..8), at(20.0), n));
        assert!(!covers(&(40..60), at(30.0), n));
        assert!(!covers(&(0..20), view(f64::NAN, 1400.0), n));
        // At the map's ends nothing more can be drawn: covered.
        assert!(covers(&(0..12), at(0.0), 12));
        assert!(covers(&(988..1000), at(993.0), n));
        // An opening map (no margin) is not covered once it has opened.
        assert!(!covers(&window(Viewport::opening(1400.0), n), at(0.0), n));
    }

    #[test]
    fn an_opening_map_draws_only_the_columns_in_view() {
        // 1,180 px of columns are in view at 1,400 px: 7 columns, rounded
        // up to a chunk; the margin comes once the map is on screen.
        assert_eq!(window(Viewport::opening(1400.0), 12), 0..8);
        assert_eq!(window(Viewport::opening(1400.0), 1000), 0..8);
        assert_eq!(window(Viewport::opening(1400.0), 5), 0..5);
        let opened = Viewport {
            opening: false,
            ..Viewport::opening(1400.0)
        };
        assert_eq!(window(opened, 12), 0..12);
    }

    #[test]
    fn a_small_map_is_drawn_whole() {
        assert_eq!(window(view(0.0, 1400.0), 12), 0..12);
        assert_eq!(window(view(0.0, 1400.0), 0), 0..0);
    }

    #[test]
    fn a_long_map_draws_what_is_in_view_and_a_margin() {
        let w = window(view(0.0, 1400.0), 1000);
        // 1,180 px of columns are in view: 7 columns, and 6 more.
        assert_eq!(w, 0..16);
        let w = window(view(100_000.0, 1400.0), 1000);
        let first = (100_000.0 / COL_WIDTH) as usize;
        assert!(w.start <= first - MARGIN && w.start + MARGIN + CHUNK > first);
        assert!(w.end >= first + 7 + MARGIN && w.end <= first + 8 + MARGIN + CHUNK);
        assert!(w.len() < 30, "{w:?}");
        // The end of the map.
        let end = window(view(1000.0 * COL_WIDTH, 1400.0), 1000);
        assert_eq!(end.end, 1000);
    }

    #[test]
    fn small_scrolls_keep_the_window() {
        let a = window(view(5_000.0, 1400.0), 1000);
        let b = window(view(5_050.0, 1400.0), 1000);
        assert_eq!(a, b);
        // Every column in view is drawn, wherever the view is.
        for left in (0..40_000).step_by(37) {
            let v = view(left as f64, 1203.0);
            let w = window(v, 1000);
            let first = (v.left / COL_WIDTH) as usize;
            let last = ((v.left + v.width - LANE_COL) / COL_WIDTH) as usize;
            assert!(w.start <= first && w.end > last.min(999), "{left}: {w:?}");
        }
    }

    #[test]
    fn a_view_past_the_end_shows_the_last_columns() {
        // Scrolled to step 900 of a map that now has 50 steps.
        let w = window(view(900.0 * COL_WIDTH, 1400.0), 50);
        assert!(w.contains(&49) && w.len() >= 8, "{w:?}");
    }

    #[test]
    fn odd_sizes_give_a_window_not_a_panic() {
        assert_eq!(window(view(f64::NAN, f64::INFINITY), 50).start, 0);
        assert_eq!(window(view(-300.0, 0.0), 50), 0..8);
    }

    #[test]
    fn revealing_scrolls_just_enough() {
        let v = view(0.0, 1400.0);
        assert_eq!(reveal(v, 3), None);
        // Column 20 ends at 21 × 190 px; the view shows 1,180 px of columns.
        assert_eq!(reveal(v, 20), Some(21.0 * COL_WIDTH - 1180.0));
        let v = view(10_000.0, 1400.0);
        assert_eq!(reveal(v, 2), Some(2.0 * COL_WIDTH));
        // Whatever the target, the window after the scroll draws it.
        for index in [0, 5, 52, 400, 999] {
            let left = reveal(v, index).unwrap_or(v.left);
            assert!(window(view(left, 1400.0), 1000).contains(&index));
        }
    }

    #[test]
    fn revealing_in_the_middle_leaves_a_column_in_view_alone() {
        let v = view(0.0, 1400.0);
        assert_eq!(reveal_centred(v, 3), None);
        // 1,180 px of columns: column 20's middle (20.5 × 190) at 590 px.
        assert_eq!(reveal_centred(v, 20), Some(20.5 * COL_WIDTH - 590.0));
        assert_eq!(reveal_centred(view(10_000.0, 1400.0), 1), Some(0.0));
        for index in [0, 5, 52, 400, 999] {
            let left = reveal_centred(view(50_000.0, 1400.0), index).unwrap();
            assert!(window(view(left, 1400.0), 1000).contains(&index));
            assert_eq!(reveal(view(left, 1400.0), index), None, "fully in view");
        }
    }

    #[test]
    fn two_rows_of_columns_follow_each_other_step_for_step() {
        let grid = [Some("a"), None, Some("b"), Some("c"), Some("d")];
        let overlay = [Some("a"), Some("b"), Some("new"), Some("c"), Some("d")];
        let col = COL_WIDTH;
        // Part-way into step b: the same part-way into b in the other row.
        assert_eq!(follow(2.0 * col + 40.0, &grid, &overlay), Some(col + 40.0));
        assert_eq!(follow(col + 40.0, &overlay, &grid), Some(2.0 * col + 40.0));
        // Over an empty stage (grid) or a step the other lacks, the next
        // shared step stays where it is in the view: b 150 px in from the
        // left edge in both rows, then c 185 px in.
        assert_eq!(follow(col + 40.0, &grid, &overlay), Some(40.0));
        assert_eq!(
            follow(2.0 * col + 5.0, &overlay, &grid),
            Some(2.0 * col + 5.0)
        );
        // Past the last column of a row that ends unmatched: the one before.
        let short = [Some("a"), Some("b"), Some("gone")];
        assert_eq!(
            follow(2.0 * col + 9.0, &short, &overlay),
            Some(2.0 * col + 9.0)
        );
        let long = [Some("a"), Some("x"), Some("y"), Some("b")];
        assert_eq!(
            follow(3.0 * col, &long, &overlay),
            Some(col),
            "b at the edge in both"
        );
        assert_eq!(
            follow(col + 10.0, &long, &overlay),
            Some(0.0),
            "not before the start"
        );
        // Beyond the row's end stays at its last column.
        assert_eq!(follow(99.0 * col, &grid, &overlay), Some(4.0 * col + col));
        // The start is the start, though the first steps differ.
        assert_eq!(follow(0.0, &overlay[2..], &grid), Some(0.0));
        assert_eq!(follow(0.0, &grid, &overlay[3..]), Some(0.0));
        // Nothing shared, nothing to follow; bad offsets read as 0.
        assert_eq!(follow(0.0, &[Some("x")], &overlay), None);
        assert_eq!(follow(f64::NAN, &grid, &overlay), Some(0.0));
        assert_eq!(follow(-50.0, &grid, &overlay), Some(0.0));
    }
}
