//! The editor's entry point: mounts the app on the page.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Journeymap stopped on a bug: {info}").into());
    }));
    leptos::mount::mount_to_body(journeymap::ui::App);
}
