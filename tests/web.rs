//! The widget in a real browser (headless Chromium via wasm-bindgen-test-runner): mounted the way
//! the loader mounts it, used the way a citizen uses it.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use pentahelix_widget::mount;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document
        .create_element("div")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value)).unwrap();
    }
    object.into()
}

fn text(el: &HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn speaks_indonesian_first_and_switches_to_english() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[]));
    tick().await;
    assert!(text(&root).contains("Pemerintah"), "{}", text(&root));
    assert!(text(&root).contains("Kota Bandung"));

    let switch = root
        .query_selector("[data-testid=lang-switch]")
        .unwrap()
        .unwrap();
    switch.dyn_into::<HtmlElement>().unwrap().click();
    tick().await;
    assert!(text(&root).contains("Government"), "{}", text(&root));
    assert!(!text(&root).contains("Pemerintah"));
    let app = root.query_selector(".ph-app").unwrap().unwrap();
    assert_eq!(app.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn shows_the_kecamatan_of_the_configured_city() {
    let root = container();
    let _instance = mount(
        root.clone(),
        &options(&[("region", "36.74"), ("lang", "en")]),
    );
    tick().await;
    let list = root
        .query_selector("[data-testid=kecamatan]")
        .unwrap()
        .unwrap();
    assert_eq!(
        list.child_element_count(),
        7,
        "Tangerang Selatan has 7 kecamatan"
    );
    assert!(text(&root).contains("Pondok Aren"));
}

#[wasm_bindgen_test]
async fn the_pentagon_names_its_helices_for_screen_readers() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[("lang", "en")]));
    tick().await;
    let svg = root.query_selector("svg.ph-pentagon").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Pentahelix complete: all five helices involved")
    );
}

#[wasm_bindgen_test]
async fn unmounting_leaves_the_container_empty() {
    let root = container();
    let mut instance = mount(root.clone(), &options(&[("theme", "#aa3300")]));
    tick().await;
    let app = root.query_selector(".ph-app").unwrap().unwrap();
    assert_eq!(
        app.get_attribute("style").as_deref(),
        Some("--ph-primary: #aa3300")
    );
    instance.unmount();
    tick().await;
    assert_eq!(root.child_element_count(), 0);
    instance.unmount();
}
