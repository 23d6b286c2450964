//! The widget's opening view as markup: header, tabs, the list's filters and its first page of
//! cards, written element for element as the widget's own views draw them (`src/app.rs`,
//! `src/views/initiatives/`). The loader paints it into the shadow root while the wasm is still
//! on its way, so a citizen on a slow link reads real initiatives seconds earlier; the wasm then
//! draws the same elements over it, which moves nothing on the screen.
//!
//! The two are kept equal by a browser test ("the first page painted before the wasm is the
//! widget's own markup"), which compares this markup with what the widget draws, element by
//! element. A change to those views needs the same change here.
//!
//! Nothing here is interactive: the loader keeps what a person does with it (a click on a card
//! or a tab, a search typed) and hands it to the widget once it runs.

use maud::{Markup, html};
use pentahelix_core::api::{Initiative, InitiativeStatus, Page};
use pentahelix_core::pentagon::{coverage_points, label, outline_points, tenths, vertex};
use pentahelix_core::words::sentences::shown;
use pentahelix_core::words::{self, Widget, fill};
use pentahelix_core::{
    Helix, HelixSet, Lang, RegionCode, RegionLevel, Regions, Resource, Subsector,
};

/// The element ids' prefix. The widget draws a random one per instance; here one is enough, as
/// each instance lives in its own shadow root, where ids are its own.
const IDS: &str = "ph0";

/// What the first page is drawn for: the widget's `region` attribute and language.
pub struct Opening<'a> {
    pub region: RegionCode,
    pub lang: Lang,
    pub regions: &'a Regions,
}

/// The markup of the widget's opening view for `page`. `data-painted` is its one difference from
/// the widget's: it tells the loader, and tests, which of the two is on the screen.
pub fn render(opening: &Opening<'_>, page: &Page<Initiative>) -> String {
    let t = words::widget(opening.lang);
    html! {
        div class="ph-app" lang=(opening.lang.tag()) data-painted="" {
            (header(t))
            (tabs(t))
            main class="ph-main" {
                div { (list(opening, t, page)) }
            }
        }
    }
    .into_string()
}

fn id(name: &str) -> String {
    format!("{IDS}-{name}")
}

fn header(t: &Widget) -> Markup {
    html! {
        header class="ph-header" {
            div {
                h2 class="ph-header__title" { (t.app_name) }
                p class="ph-header__tagline" { (t.tagline) }
            }
            button type="button" class="ph-button ph-button--ghost" data-testid="lang-switch"
                aria-label=(t.switch_language_label) { (t.switch_language) }
        }
    }
}

/// The tabs of a visitor: an official's Admin tab joins when the widget finds their session.
fn tabs(t: &Widget) -> Markup {
    let tabs = [
        ("initiatives", t.tab_initiatives),
        ("propose", t.tab_propose),
        ("partners", t.tab_partners),
        ("dashboard", t.tab_dashboard),
        ("mine", t.tab_mine),
    ];
    html! {
        nav class="ph-tabs" aria-label=(t.sections) {
            @for (slug, name) in tabs {
                button type="button" class="ph-tabs__tab" data-testid={ "tab-" (slug) }
                    aria-current=[(slug == "initiatives").then_some("page")] { (name) }
            }
        }
    }
}

fn list(opening: &Opening<'_>, t: &Widget, page: &Page<Initiative>) -> Markup {
    let lang = opening.lang;
    let city = opening.region.city().unwrap_or(opening.region);
    // A widget configured for one kecamatan opens filtered to it: one filter is active.
    let kecamatan = (opening.region.level() == RegionLevel::District).then_some(opening.region);
    let active = usize::from(kecamatan.is_some());
    html! {
        section class="ph-section" {
            h3 class="ph-visually-hidden" data-list-heading="" tabindex="-1" { (t.tab_initiatives) }
            form class="ph-filters ph-filters--list" role="search" aria-label=(t.filters) {
                div class="ph-filters__bar" {
                    div class="ph-field ph-field--grow" {
                        label class="ph-field__label" for=(id("f-text")) { (t.search) }
                        div class="ph-search" {
                            input id=(id("f-text")) class="ph-input" type="search"
                                placeholder=(t.search_placeholder);
                            button type="submit" class="ph-button" { (t.search) }
                        }
                    }
                    button type="button" class="ph-button ph-button--ghost ph-filters__toggle"
                        data-testid="filters-toggle" aria-expanded="false"
                        aria-controls=(id("f-more")) {
                        (t.filter_toggle)
                        @if active > 0 {
                            " "
                            span class="ph-count" {
                                (fill(t.filters_active, &[("n", &active.to_string())]))
                            }
                        }
                    }
                }
                div id=(id("f-more")) class="ph-filters__more" data-testid="filters" {
                    (select("f-kecamatan", t.filter_kecamatan, t.all_kecamatan,
                        opening.regions.children(city).map(|r| (r.code.to_string(), r.name)),
                        kecamatan.map(|k| k.to_string())))
                    (select("f-subsector", t.filter_subsector, t.all_subsectors,
                        Subsector::ALL.iter().map(|s| (s.slug().to_owned(), s.label(lang).to_owned())),
                        None))
                    (select("f-resource", t.filter_resource, t.all_resources,
                        Resource::ALL.iter().map(|r| (r.slug().to_owned(), r.label(lang).to_owned())),
                        None))
                    (select("f-status", t.filter_status, t.all_statuses,
                        InitiativeStatus::LISTED.into_iter().map(|s| (s.slug().to_owned(), s.label(lang).to_owned())),
                        None))
                    @if active > 0 {
                        button type="button" class="ph-button ph-button--ghost ph-filters__clear"
                            data-testid="filters-clear" { (t.clear_filters) }
                    }
                }
            }
            p class="ph-visually-hidden" aria-live="polite" { (shown(lang, page.items.len())) }
            ul class="ph-cards" data-testid="initiative-list" {
                @for initiative in &page.items { (card(opening, t, initiative)) }
            }
            @if page.items.is_empty() {
                div class="ph-empty" data-testid="empty" {
                    p class="ph-empty__title" { (t.empty_title) }
                    p { (if active > 0 { t.empty_filtered } else { t.empty_invite }) }
                    div class="ph-actions ph-actions--center" {
                        @if active > 0 {
                            button type="button" class="ph-button ph-button--ghost"
                                data-testid="empty-clear" { (t.clear_filters) }
                        }
                        button type="button" class="ph-button" { (t.propose_cta) }
                    }
                }
            }
            @if page.next_cursor.is_some() {
                button type="button" class="ph-button ph-button--ghost ph-more"
                    data-testid="load-more" { (t.load_more) }
            }
        }
    }
}

/// A filter's field: its label, the "all" choice and one option per member.
fn select(
    name: &str,
    label: &str,
    all: &str,
    options: impl Iterator<Item = (String, String)>,
    chosen: Option<String>,
) -> Markup {
    html! {
        div class="ph-field" {
            label class="ph-field__label" for=(id(name)) { (label) }
            select id=(id(name)) class="ph-input" {
                option value="" { (all) }
                @for (value, name) in options {
                    @let selected = chosen.as_deref() == Some(value.as_str());
                    option value=(value) selected[selected] { (name) }
                }
            }
        }
    }
}

fn card(opening: &Opening<'_>, t: &Widget, initiative: &Initiative) -> Markup {
    let lang = opening.lang;
    let place = opening.regions.name(initiative.region).unwrap_or_default();
    let dates = match (initiative.starts_on, initiative.ends_on) {
        (Some(start), end) => pentahelix_core::format::date_range(start, end, lang),
        _ => t.no_date.to_owned(),
    };
    let open_needs: Vec<&str> = initiative
        .needs
        .iter()
        .filter(|n| !n.fulfilled)
        .map(|n| n.resource.label(lang))
        .collect();
    html! {
        li class="ph-card" data-card=(initiative.id.0) {
            (pentagon(initiative.coverage, lang))
            div class="ph-card__body" {
                h3 class="ph-card__title" {
                    button type="button" class="ph-link" { (initiative.title) }
                }
                p class="ph-card__meta" {
                    span { (place) } " · " span { (dates) } " · "
                    span class={ "ph-status ph-status--" (initiative.status.slug()) } {
                        (initiative.status.label(lang))
                    }
                }
                p class="ph-card__tags" {
                    @for subsector in initiative.subsectors.iter() {
                        span class="ph-tag" { (subsector.label(lang)) }
                    }
                }
                @if !open_needs.is_empty() {
                    p class="ph-card__needs" {
                        span class="ph-card__needs-label" { (t.needs) ": " }
                        (open_needs.join(", "))
                    }
                }
            }
        }
    }
}

/// The coverage pentagon of `src/components/pentagon.rs` at the cards' 56 pixels.
fn pentagon(coverage: HelixSet, lang: Lang) -> Markup {
    const C: f64 = 50.0;
    const R: f64 = 40.0;
    html! {
        svg class="ph-pentagon" viewBox="0 0 100 100" width="56" height="56" role="img"
            aria-label=(label(coverage, lang)) {
            polygon class="ph-pentagon__outline" points=(outline_points(C, R)) {}
            polygon class="ph-pentagon__fill" points=(coverage_points(coverage, C, R)) {}
            @for (n, helix) in Helix::ALL.iter().enumerate() {
                @let (x, y) = vertex(n, C, R);
                @let class = if coverage.contains(*helix) {
                    format!("ph-pentagon__dot ph-pentagon__dot--on ph-helix--{}", helix.slug())
                } else {
                    "ph-pentagon__dot".to_owned()
                };
                circle class=(class) cx=(tenths(x)) cy=(tenths(y)) r="7" {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An initiative as the API gives it, with two of its three needs still open.
    fn initiative(title: &str) -> Initiative {
        serde_json::from_value(serde_json::json!({
            "id": 7, "title": title, "description": "", "region": "32.73.02",
            "subsectors": ["kuliner", "musik"], "status": "open",
            "needs": [
                {"resource": "venue", "fulfilled": false},
                {"resource": "funding", "fulfilled": true},
                {"resource": "mentoring", "fulfilled": false}
            ],
            "starts_on": "2027-02-13", "ends_on": "2027-02-14",
            "coverage": ["government", "media"], "pledge_count": 0,
            "created_at": "2026-12-01T00:00:00Z", "updated_at": "2026-12-01T00:00:00Z",
        }))
        .expect("an initiative")
    }

    #[test]
    fn a_card_says_what_the_widgets_card_says_and_escapes_what_a_citizen_wrote() {
        let regions = Regions::builtin();
        let page = Page {
            items: vec![initiative("Pasar <kreatif> & \"musik\" Cicendo")],
            next_cursor: Some("x".into()),
        };
        let opening = Opening {
            region: "32.73".parse().unwrap(),
            lang: Lang::Id,
            regions: &regions,
        };
        let html = render(&opening, &page);
        assert!(html.contains("Pasar &lt;kreatif&gt; &amp; &quot;musik&quot; Cicendo"));
        assert!(html.contains("13–14 Feb 2027"));
        assert!(html.contains(r#"aria-label="Heliks yang terlibat: Pemerintah, Media""#));
        assert!(html.contains("1 inisiatif ditampilkan"));
        assert!(html.contains(r#"data-testid="load-more""#));
        // SVG elements are closed: the HTML parser would nest the rest inside an open polygon.
        assert!(html.contains("></polygon><polygon"));
        assert!(html.contains(r#"data-testid="tab-initiatives" aria-current="page""#));
        assert!(
            !html.contains("ph-count"),
            "no filter is active in a city's widget"
        );
    }

    #[test]
    fn a_kecamatan_widget_opens_filtered_to_it_in_english() {
        let regions = Regions::builtin();
        let opening = Opening {
            region: "32.73.02".parse().unwrap(),
            lang: Lang::En,
            regions: &regions,
        };
        let html = render(
            &opening,
            &Page {
                items: Vec::new(),
                next_cursor: None,
            },
        );
        assert!(html.contains(r#"<option value="32.73.02" selected>"#));
        assert!(html.contains(r#"data-testid="filters-clear""#));
        assert!(html.contains(r#"data-testid="empty-clear""#));
        assert!(!html.contains("load-more"));
        assert!(html.contains(r#"lang="en""#));
    }
}
