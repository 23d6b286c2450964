//! The widget in a real browser (headless Chromium via wasm-bindgen-test-runner): mounted the way
//! the loader mounts it, used the way a citizen uses it. No server runs here, so these tests
//! cover what the widget does on its own: switching views and language, validating a proposal
//! before sending it, and keeping the draft across a reload.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use pentahelix_widget::mount;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

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
    // A port nothing listens on: API calls fail fast instead of reaching a stray server.
    js_sys::Reflect::set(&object, &"api".into(), &"http://127.0.0.1:9".into()).unwrap();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value)).unwrap();
    }
    object.into()
}

fn text(el: &HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

fn clear_storage() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn speaks_indonesian_first_and_switches_to_english() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[]));
    settle().await;
    assert!(text(&root).contains("Inisiatif"), "{}", text(&root));
    find(&root, "[data-testid=lang-switch]").click();
    settle().await;
    assert!(text(&root).contains("Initiatives"), "{}", text(&root));
    assert!(text(&root).contains("Propose"));
    assert_eq!(
        find(&root, ".ph-app").get_attribute("lang").as_deref(),
        Some("en")
    );
}

#[wasm_bindgen_test]
async fn the_tab_bar_switches_views_and_marks_the_current_one() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[("lang", "en")]));
    settle().await;
    let propose = find(&root, "[data-testid=tab-propose]");
    propose.click();
    settle().await;
    assert_eq!(
        propose.get_attribute("aria-current").as_deref(),
        Some("page")
    );
    assert!(
        root.query_selector("[data-testid=propose-form]")
            .unwrap()
            .is_some()
    );
    find(&root, "[data-testid=tab-dashboard]").click();
    settle().await;
    assert!(
        root.query_selector("[data-testid=propose-form]")
            .unwrap()
            .is_none()
    );
    assert!(text(&root).contains("Dashboard"));
    assert!(
        root.query_selector("[data-testid=tab-admin]")
            .unwrap()
            .is_none(),
        "no admin tab without a token"
    );
}

#[wasm_bindgen_test]
async fn an_empty_proposal_shows_each_problem_beside_its_field_without_sending() {
    clear_storage();
    let root = container();
    let _instance = mount(root.clone(), &options(&[("view", "propose")]));
    settle().await;
    find(&root, "[data-testid=submit]").click();
    settle().await;
    let errors: Vec<String> = {
        let list = root.query_selector_all(".ph-field__error").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
            .collect()
    };
    assert!(errors.iter().any(|e| e == "Wajib diisi."), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("Centang kotak ini")),
        "consent: {errors:?}"
    );
    let title: HtmlInputElement = find(&root, "[data-testid=propose-form] input.ph-input")
        .dyn_into()
        .unwrap();
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = title.get_attribute("aria-describedby").unwrap();
    assert!(
        described.ends_with("-error"),
        "the error is announced with the field: {described}"
    );
    assert!(text(&find(&root, "[data-testid=form-error]")).contains("Periksa kolom"));
}

#[wasm_bindgen_test]
async fn a_draft_survives_unmounting_and_mounting_again() {
    clear_storage();
    let root = container();
    let mut instance = mount(root.clone(), &options(&[("view", "propose")]));
    settle().await;
    let title: HtmlInputElement = find(&root, "[data-testid=propose-form] input.ph-input")
        .dyn_into()
        .unwrap();
    title.set_value("Festival Kopi Coblong");
    title
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    instance.unmount();
    settle().await;
    assert_eq!(
        root.child_element_count(),
        0,
        "unmounting leaves nothing behind"
    );

    let _again = mount(root.clone(), &options(&[("view", "propose")]));
    settle().await;
    let title: HtmlInputElement = find(&root, "[data-testid=propose-form] input.ph-input")
        .dyn_into()
        .unwrap();
    assert_eq!(title.value(), "Festival Kopi Coblong");
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_failed_list_load_says_so_and_offers_a_retry() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[("lang", "en")]));
    for _ in 0..50 {
        settle().await;
        if root.query_selector(".ph-notice--error").unwrap().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    let notice = find(&root, ".ph-notice--error");
    assert!(
        text(&notice).contains("Cannot reach the server"),
        "{}",
        text(&notice)
    );
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(text(&notice).contains("Try again"));
}

#[wasm_bindgen_test]
async fn a_theme_colour_reaches_the_custom_property() {
    let root = container();
    let _instance = mount(root.clone(), &options(&[("theme", "#aa3300")]));
    settle().await;
    // Set through the CSSOM, which a strict Content-Security-Policy allows.
    let style = find(&root, ".ph-app").style();
    assert_eq!(
        style.get_property_value("--ph-primary").unwrap().trim(),
        "#aa3300"
    );
}
