//! A partner's name wherever it is shown (matches, the suggested team, pledges): a link to its
//! public page, so a suggestion can be acted on, with the badge of a partner the city verified.

use leptos::prelude::*;
use pentahelix_core::api::StakeholderId;

use crate::components::verified::VerifiedBadge;
use crate::config::View;
use crate::context::use_ctx;
use crate::deeplink;

#[component]
pub fn PartnerName(id: StakeholderId, name: String, verified: bool) -> impl IntoView {
    let ctx = use_ctx();
    // A link rather than a button: it flows with the text around it on a narrow screen, and its
    // address is the page's deep link (`#pentahelix/partner/7`).
    let view = View::Partner(id.0);
    view! {
        <a
            class="ph-link ph-partner-name"
            href=deeplink::hash_of(view)
            on:click=move |ev| {
                ev.prevent_default();
                ctx.view.set(view);
            }
        >
            {name}
        </a>
        <VerifiedBadge verified=verified />
    }
}
