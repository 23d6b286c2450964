//! An initiative's edit form for its owner, fetched the first time it opens: only owners edit,
//! so the form stays out of what every reader of an initiative fetches.

use leptos::prelude::*;

use crate::views::fetched::{Fetched, NotFetched, split_views};
use crate::views::propose::{EditTarget, Propose};

split_views! {
    edit => edit_view(target: EditTarget) = view! { <Propose edit=target /> }.into_any();
}

/// The edit form, fetched the first time it opens.
#[component]
pub fn OnDemandEdit(target: EditTarget) -> impl IntoView {
    view! { <Fetched fetch=move || edit_view(target.clone()) /> }
}
