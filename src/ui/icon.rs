//! Line icons drawn as inline SVG in the text colour.

use crate::model::Channel;
use leptos::prelude::*;

/// A channel's line icon (see [`Channel::icon_path`]), hidden from assistive
/// technology: the channel's name is always written beside it. Static: a
/// cell's icons need no effect of their own.
pub fn channel_icon(channel: Channel) -> impl IntoView {
    view! {
        <svg class="channel-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d=channel.icon_path() />
        </svg>
    }
}
