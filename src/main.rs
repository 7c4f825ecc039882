//! The editor's entry point: mounts the app on the page.

fn main() {
    leptos::mount::mount_to_body(journeymap::ui::App);
}
