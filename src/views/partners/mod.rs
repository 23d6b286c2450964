//! Partners: register or edit my stakeholder profile (drafted like a proposal), then the
//! initiatives that need what I offer and the partners that complement me — both with reasons,
//! and a scope control — and my offers with their answers.

use leptos::prelude::*;

use crate::context::use_ctx;
use crate::storage;

mod form;
mod profile;

use form::ProfileForm;
use profile::Profile;

const DRAFT_KEY: &str = "draft:profile";

#[component]
pub fn Partners() -> impl IntoView {
    let ctx = use_ctx();
    let mine = RwSignal::new(storage::my_stakeholders());
    let selected: RwSignal<Option<i64>> = RwSignal::new(mine.get_untracked().last().copied());
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title">{move || ctx.t().partners_heading}</h3>
            <p class="ph-muted">{move || ctx.t().partners_intro}</p>
            {move || match selected.get() {
                Some(id) => view! { <Profile id=id mine=mine selected=selected /> }.into_any(),
                None => {
                    view! {
                        <ProfileForm
                            id=None
                            on_saved=Callback::new(move |id: i64| {
                                mine.set(storage::my_stakeholders());
                                selected.set(Some(id));
                            })
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
