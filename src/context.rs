//! What every part of one widget instance may read, provided once by the app shell.

use std::sync::Arc;

use leptos::prelude::*;
use pentahelix_core::api::{Initiative, Page};
use pentahelix_core::{Lang, RegionCode, Regions};

use crate::api::Api;
use crate::config::{Config, View};
use crate::i18n::{Messages, messages};
use crate::navigation::Navigation;
use crate::storage::Credentials;

/// Small `Copy` handles every view may read: the instance's configuration, language, current
/// view and the session signed in here.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub config: StoredValue<Config>,
    pub lang: RwSignal<Lang>,
    pub view: RwSignal<View>,
    /// The address signed in through this browser for this API, if any; "Milik saya" sets it,
    /// and the Admin tab follows its official grants.
    pub session: RwSignal<Option<crate::storage::Session>>,
    /// A prefix for element ids, unique per instance, so two widgets on a page never share one.
    pub ids: StoredValue<String>,
    pub nav: StoredValue<Navigation>,
    /// What this browser holds for the instance's API (its origin read once, at mount).
    pub credentials: StoredValue<Credentials>,
    /// The regions the widget can name: the seed cities, and its own city once asked for.
    pub regions: StoredValue<Arc<Regions>>,
    /// The list's first page that the loader painted before the wasm arrived
    /// (`GET /embed/first-page`). The list takes it once and starts from it: asking again would
    /// put placeholders where the cards already are.
    pub first_page: StoredValue<Option<Page<Initiative>>>,
}

impl Ctx {
    pub fn t(&self) -> &'static Messages {
        messages(self.lang.get())
    }

    pub fn api(&self) -> Api {
        Api {
            base: self.config.with_value(|c| c.api.clone()),
            lang: self.lang.get_untracked(),
        }
    }

    /// What this browser holds for the instance's API: tokens and the session.
    pub fn credentials(&self) -> Credentials {
        self.credentials.get_value()
    }

    /// The regions this instance can name (see `regions`).
    pub fn regions(&self) -> Arc<Regions> {
        self.regions.get_value()
    }

    /// The city this instance shows (the configured region's city).
    pub fn city(&self) -> RegionCode {
        let region = self.config.with_value(|c| c.region);
        region.city().unwrap_or(region)
    }

    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.ids.get_value())
    }
}

pub fn instance_prefix() -> String {
    format!("ph{}", (js_sys::Math::random() * 1e9) as u64)
}

/// The instance's context, for any component inside the app shell.
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
