use axum::extract::State;
use maud::Markup;

use crate::{lang::Lang, state::AppState, views};

/// `/{lang}/accessibility`: the accessibility statement.
pub async fn page(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::accessibility::statement(lang, &state.brand)
}
