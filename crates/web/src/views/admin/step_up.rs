//! The step-up page: the password again before a sensitive action.

use domain::Language;
use mailer::i18n::{t, t_count};
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

/// The step-up page: the password again (and a code, with two-step) before a sensitive
/// action. It posts to `action` with the fields of the form it interrupted (`carried`), so
/// what the organizer typed there is kept and the action goes on once they are confirmed.
pub struct StepUpPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub action: &'a str,
    pub carried: &'a [(String, String)],
    pub with_code: bool,
    pub minutes: i64,
    pub errors: &'a FieldErrors,
}

pub fn step_up(page: &StepUpPage<'_>) -> Markup {
    let lang = page.lang;
    let errors = page.errors;
    let title = t(lang, "step-up-title");
    let intro = t_count(
        lang,
        if page.with_code {
            "step-up-intro-code"
        } else {
            "step-up-intro"
        },
        page.minutes,
        &[],
    );
    layout(
        lang,
        &title,
        Some(page.viewer),
        page.action,
        html! {
            (form::error_summary(lang, errors))
            h1 { (title) }
            p { (intro) }
            form #step-up method="post" action=(page.action) novalidate {
                input type="hidden" name="csrf_token" value=(page.viewer.csrf);
                @for (name, value) in page.carried {
                    input type="hidden" name=(name) value=(value);
                }
                (form::text_field(TextField { required: true, lang, name: "step_up_password", label_key: "field-step-up-password", hint_key: None,
                    value: "", input_type: "password", autocomplete: "current-password", max_length: 200, errors }))
                @if page.with_code {
                    (form::text_field(TextField { required: true, lang, name: "step_up_code", label_key: "field-code", hint_key: Some("field-code-hint"),
                        value: "", input_type: "text", autocomplete: "one-time-code", max_length: 20, errors }))
                }
                button type="submit" class="button" { (t(lang, "step-up-submit")) }
            }
        },
    )
}
