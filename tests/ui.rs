//! Component tests in a real browser: the app mounted on a page, with the
//! browser's own local storage.
#![cfg(target_arch = "wasm32")]

use journeymap::format::json;
use journeymap::model::JourneyMap;
use journeymap::storage::MAP_PREFIX;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The e-commerce template, read from the file the editor fetches (its
/// builder is host-only, not in the wasm build).
fn ecommerce(id: &str) -> JourneyMap {
    let mut m = json::from_str(include_str!("../templates/ecommerce.journey.json")).unwrap();
    m.id = id.into();
    m
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_maps() {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with("journeymap:"))
        .collect();
    for k in keys {
        s.remove_item(&k).unwrap();
    }
}

/// Lets effects and timers run.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 80)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Mounts the app in a fresh container and returns it.
fn mount() -> web_sys::HtmlElement {
    let _ = web_sys::window().unwrap().location().set_hash("#/");
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), journeymap::ui::App);
    std::mem::forget(handle);
    host
}

fn button(root: &web_sys::HtmlElement, text: &str) -> web_sys::HtmlElement {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text:?}"))
}

fn stored_maps() -> Vec<JourneyMap> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(MAP_PREFIX))
        .map(|k| json::from_str(&s.get_item(&k).unwrap().unwrap()).unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn new_map_opens_the_editor_and_is_saved() {
    clear_maps();
    let root = mount();
    tick().await;
    button(&root, "New map").click();
    tick().await;
    let title: web_sys::HtmlInputElement = root
        .query_selector("input[aria-label='Map title']")
        .unwrap()
        .expect("the editor shows the title field")
        .unchecked_into();
    title.set_value("Onboarding");
    title
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    // Saved after the next frame, or 120 ms later in a tab without frames.
    for _ in 0..10 {
        tick().await;
        if stored_maps()
            .first()
            .is_some_and(|m| m.title == "Onboarding")
        {
            break;
        }
    }
    let maps = stored_maps();
    assert_eq!(maps.len(), 1);
    assert_eq!(
        maps[0].title, "Onboarding",
        "the edit was saved without asking"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_hostile_title_is_shown_as_text() {
    clear_maps();
    let mut map = ecommerce("mhostile");
    map.title = "<img src=x onerror=alert(1)>".into();
    map.stages[0].name = "<b>bold</b>".into();
    storage()
        .set_item(&format!("{MAP_PREFIX}mhostile"), &json::to_string(&map))
        .unwrap();
    let root = mount();
    tick().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    button(&root, "Open").click();
    tick().await;
    assert!(
        root.query_selector("img, b").unwrap().is_none(),
        "no markup from the map"
    );
    // The first frame shows the name as text; the field follows it.
    let first = root.query_selector(".stage-name").unwrap().unwrap();
    if first.tag_name() == "SPAN" {
        assert_eq!(first.text_content().unwrap(), "<b>bold</b>");
    }
    let mut field = None;
    for _ in 0..25 {
        field = root.query_selector("input.stage-name").unwrap();
        if field.is_some() {
            break;
        }
        tick().await;
    }
    let stage: web_sys::HtmlInputElement = field.expect("the name's field").unchecked_into();
    assert_eq!(stage.value(), "<b>bold</b>");
    assert!(root.query_selector("img, b").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_broken_entry_is_reported_and_kept_while_other_maps_show() {
    clear_maps();
    storage()
        .set_item(
            &format!("{MAP_PREFIX}good"),
            &json::to_string(&ecommerce("good")),
        )
        .unwrap();
    storage()
        .set_item(&format!("{MAP_PREFIX}bad"), "{\"format\": \"journeymap\", ")
        .unwrap();
    let root = mount();
    tick().await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("E-commerce purchase"),
        "the good map is listed"
    );
    assert!(
        text.contains("could not be read"),
        "the user is told: {text}"
    );
    assert_eq!(
        storage()
            .get_item("journeymap:broken:bad")
            .unwrap()
            .as_deref(),
        Some("{\"format\": \"journeymap\", ")
    );
    root.remove();
    clear_maps();
}

#[wasm_bindgen_test]
async fn the_crash_banner_offers_every_saved_map() {
    clear_maps();
    storage()
        .set_item(&format!("{MAP_PREFIX}a"), &json::to_string(&ecommerce("a")))
        .unwrap();
    journeymap::ui::rescue::show_banner().expect("the banner is shown");
    journeymap::ui::rescue::show_banner().expect("a second panic adds no second banner");
    let banners = document().query_selector_all("#jm-rescue").unwrap();
    assert_eq!(banners.length(), 1);
    let banner: web_sys::HtmlElement = banners.item(0).unwrap().unchecked_into();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(banner.text_content().unwrap().contains("is safe"));
    let link: web_sys::HtmlAnchorElement = banner
        .query_selector("a[download]")
        .unwrap()
        .expect("a download link")
        .unchecked_into();
    assert_eq!(link.download(), "journeymap-backup.json");
    let text = wasm_bindgen_futures::JsFuture::from(
        web_sys::window().unwrap().fetch_with_str(&link.href()),
    )
    .await
    .unwrap()
    .unchecked_into::<web_sys::Response>()
    .text()
    .unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let backup: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(backup["format"], "journeymap-backup");
    assert_eq!(backup["maps"][0]["id"], "a");
    assert_eq!(backup["maps"][0]["title"], "E-commerce purchase");
    banner.remove();
    clear_maps();
}
