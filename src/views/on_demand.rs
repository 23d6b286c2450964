//! The views fetched the first time they are shown. A citizen opening the widget sees the list of
//! initiatives; the other views' code is split off into their own wasm files by the release build
//! (`cargo xtask dist`, through wasm-split), so the first view downloads only what it needs on a
//! slow mobile link.
//!
//! Each view below is a split point (see `fetched`).

use leptos::prelude::*;

use crate::config::View;
use crate::views::admin::Admin;
use crate::views::dashboard::Dashboard;
use crate::views::fetched::{Fetched, NotFetched, split_views};
use crate::views::initiative::InitiativeDetail;
use crate::views::initiatives::Initiatives;
use crate::views::mine::Mine;
use crate::views::partners::{PartnerPage, Partners};
use crate::views::propose::Propose;

split_views! {
    initiative => initiative_view(id: i64) = view! { <InitiativeDetail id=id /> }.into_any();
    propose => propose_view() = view! { <Propose /> }.into_any();
    partners => partners_view() = view! { <Partners /> }.into_any();
    partners => partner_view(id: i64) = view! { <PartnerPage id=id /> }.into_any();
    dashboard => dashboard_view() = view! { <Dashboard /> }.into_any();
    mine => mine_view() = view! { <Mine /> }.into_any();
    admin => admin_view() = view! { <Admin /> }.into_any();
}

async fn fetch_view(view: View) -> Result<AnyView, NotFetched> {
    match view {
        View::Initiative(id) => initiative_view(id).await,
        View::Propose => propose_view().await,
        View::Partners => partners_view().await,
        View::Partner(id) => partner_view(id).await,
        View::Dashboard => dashboard_view().await,
        View::Mine => mine_view().await,
        View::Admin => admin_view().await,
        View::Initiatives => Ok(view! { <Initiatives /> }.into_any()),
    }
}

/// Shows `view`, fetching its code first when this is its first showing.
#[component]
pub fn OnDemand(view: View) -> impl IntoView {
    view! { <Fetched fetch=move || fetch_view(view) /> }
}
