//! Partners: the city's directory of partners, each with a public page; and my own stakeholder
//! profile (drafted like a proposal), then the initiatives that need what I offer and the
//! partners that complement me — both with reasons, and a scope control — and my offers with
//! their answers.

use leptos::prelude::*;

use crate::components::heading::heading_focus;
use crate::context::use_ctx;

mod directory;
mod form;
mod page;
mod profile;

use directory::Directory;
use form::ProfileForm;
pub use page::PartnerPage;
use profile::Profile;

const DRAFT_KEY: &str = "draft:profile";

/// The tab's two parts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Directory,
    Mine,
}

#[component]
pub fn Partners() -> impl IntoView {
    let ctx = use_ctx();
    let heading = heading_focus();
    let mine = RwSignal::new(ctx.credentials().my_stakeholders());
    let selected: RwSignal<Option<i64>> = RwSignal::new(mine.get_untracked().last().copied());
    // A browser that registered a profile comes back to it; anyone else looks for partners.
    let part = RwSignal::new(if mine.with_untracked(Vec::is_empty) {
        Part::Directory
    } else {
        Part::Mine
    });
    let pressed = move |p: Part| if part.get() == p { "true" } else { "false" };
    view! {
        <section class="ph-section">
            <h3 class="ph-section__title" tabindex="-1" node_ref=heading>
                {move || ctx.t().partners_heading}
            </h3>
            <div class="ph-segments" role="group" aria-label=move || ctx.t().partners_heading>
                <button
                    type="button"
                    class="ph-segment"
                    data-testid="partners-directory"
                    aria-pressed=move || pressed(Part::Directory)
                    on:click=move |_| part.set(Part::Directory)
                >
                    {move || ctx.t().directory}
                </button>
                <button
                    type="button"
                    class="ph-segment"
                    data-testid="partners-mine"
                    aria-pressed=move || pressed(Part::Mine)
                    on:click=move |_| part.set(Part::Mine)
                >
                    {move || {
                        if mine.with(Vec::is_empty) {
                            ctx.t().register_profile
                        } else {
                            ctx.t().my_profile
                        }
                    }}
                </button>
            </div>
            {move || match part.get() {
                Part::Directory => view! { <Directory /> }.into_any(),
                Part::Mine => {
                    view! {
                        <p class="ph-muted">{move || ctx.t().partners_intro}</p>
                        {move || match selected.get() {
                            Some(id) => {
                                view! { <Profile id=id mine=mine selected=selected /> }.into_any()
                            }
                            None => {
                                view! {
                                    <ProfileForm
                                        id=None
                                        on_saved=Callback::new(move |id: i64| {
                                            mine.set(ctx.credentials().my_stakeholders());
                                            selected.set(Some(id));
                                        })
                                    />
                                }
                                    .into_any()
                            }
                        }}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
