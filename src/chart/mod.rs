//! The emotion curve: pure geometry and a static SVG, free of any browser
//! API and tested on the host.
//!
//! [`Layout`] maps values to pixels and back (for dragging),
//! [`smooth_runs`] turns a lane's values into smooth monotone curves with
//! gaps, [`extremes_on`] finds the highest and lowest moments,
//! [`value_color`] colours a value from red to green, and [`render_svg`]
//! draws the static chart behind the UI's interactive points.

pub mod compare;
mod geometry;
mod svg;

pub use geometry::{
    extremes_on, scale_marks, smooth_runs, value_color, Extremes, Layout, SAMPLES_PER_SEGMENT,
};
pub use svg::{
    render_background, render_curve_window, render_series, render_series_window, render_svg,
    render_svg_window, Series,
};
