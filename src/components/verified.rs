//! The mark of a partner the city verified, wherever a partner is named: so a citizen can tell
//! the real Dinas from a namesake.

use leptos::prelude::*;

use crate::context::use_ctx;

#[component]
pub fn VerifiedBadge(verified: bool) -> impl IntoView {
    let ctx = use_ctx();
    verified.then(|| {
        view! {
            " "
            <span class="ph-badge ph-badge--verified" data-testid="verified-badge">
                <span aria-hidden="true">"✓ "</span>
                {move || ctx.t().verified}
            </span>
        }
    })
}
