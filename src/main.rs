//! The editor's entry point: mounts the app on the page.

fn main() {
    journeymap::ui::rescue::install();
    leptos::mount::mount_to_body(journeymap::ui::App);
}
