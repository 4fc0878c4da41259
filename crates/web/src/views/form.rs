//! Form pieces shared by every form: the error summary, labelled fields with hints and errors
//! tied to them (WCAG 3.3.1), and the hidden CSRF, timestamp and honeypot fields.

use std::borrow::Cow;

use domain::Language;
use mailer::i18n::t;
use maud::{Markup, html};

use crate::security::form_guard::HONEYPOT_FIELD;

/// Field errors in the order of the form: (field name, locale key of the message). Field names
/// are mostly fixed; a per-language field's (`title_pt`) is built from the language list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(Cow<'static, str>, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, key: &'static str) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push((field, key));
        }
    }

    /// Sets a field's message, replacing one already there: for a check that knows better.
    pub fn set(&mut self, field: impl Into<Cow<'static, str>>, key: &'static str) {
        let field = field.into();
        self.0.retain(|(f, _)| *f != field);
        self.0.push((field, key));
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, key)| *key)
    }

    /// The errors sorted by the order of the fields on the form, so the summary reads top to
    /// bottom whatever checked them first.
    pub fn in_order<S: AsRef<str>>(mut self, fields: &[S]) -> Self {
        self.0.sort_by_key(|(field, _)| {
            fields
                .iter()
                .position(|f| f.as_ref() == field)
                .unwrap_or(usize::MAX)
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.0.iter().map(|(field, key)| (field.as_ref(), *key))
    }
}

pub fn field_id(name: &str) -> String {
    format!("field-{name}")
}

fn error_id(name: &str) -> String {
    format!("{name}-error")
}

fn hint_id(name: &str) -> String {
    format!("{name}-hint")
}

/// The summary at the top of a rejected form; it takes the focus on load so a screen reader
/// announces it, and each entry links to its field.
pub fn error_summary(lang: Language, errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2 id="error-summary-title" { (t(lang, "error-summary-title")) }
                ul {
                    @for (field, key) in errors.iter() {
                        li { a href={ "#" (field_id(field)) } { (t(lang, key)) } }
                    }
                }
            }
        }
    }
}

/// `aria-describedby` for a field: its hint and its error, when present.
fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(hint_id(name));
    }
    if error {
        ids.push(error_id(name));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

pub struct TextField<'a> {
    pub lang: Language,
    pub name: &'a str,
    pub label_key: &'static str,
    pub hint_key: Option<&'static str>,
    pub value: &'a str,
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    pub max_length: usize,
    pub errors: &'a FieldErrors,
    /// Whether the server refuses the form without this field: only then is it marked
    /// "(required)" and `required`, so people are not told to fill in what they may skip.
    pub required: bool,
}

pub fn text_field(f: TextField<'_>) -> Markup {
    let error = f.errors.get(f.name);
    html! {
        div class={ "field" @if error.is_some() { " field-error" } } {
            label for=(field_id(f.name)) {
                (t(f.lang, f.label_key))
                @if f.required {
                    " " span class="required" { "(" (t(f.lang, "required")) ")" }
                }
            }
            @if let Some(hint) = f.hint_key {
                p class="hint" id=(hint_id(f.name)) { (t(f.lang, hint)) }
            }
            @if let Some(key) = error {
                p class="error-message" id=(error_id(f.name)) { (t(f.lang, key)) }
            }
            input type=(f.input_type) id=(field_id(f.name)) name=(f.name) value=(f.value)
                autocomplete=(f.autocomplete) maxlength=(f.max_length) required[f.required]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(f.name, f.hint_key.is_some(), error.is_some())];
        }
    }
}

/// A field's error paragraph and the `aria-describedby` value that points at it.
pub fn error_of(lang: Language, errors: &FieldErrors, name: &str) -> (Markup, Option<String>) {
    match errors.get(name) {
        Some(key) => (
            html! { p class="error-message" id=(error_id(name)) { (t(lang, key)) } },
            Some(error_id(name)),
        ),
        None => (html! {}, None),
    }
}

/// The hidden fields every public form carries.
pub fn protection(lang: Language, csrf: &str, stamp: &str) -> Markup {
    html! {
        input type="hidden" name="csrf_token" value=(csrf);
        input type="hidden" name="form_ts" value=(stamp);
        // People never see this field; bots fill it in.
        div class="trap" aria-hidden="true" {
            label for=(field_id(HONEYPOT_FIELD)) { (t(lang, "honeypot-label")) }
            input type="text" id=(field_id(HONEYPOT_FIELD)) name=(HONEYPOT_FIELD) value="" tabindex="-1" autocomplete="off";
        }
    }
}

/// A form that is only a button (confirmation pages): CSRF token, no bot traps.
pub fn button_form(action: &str, csrf: &str, label: &str) -> Markup {
    html! {
        form method="post" action=(action) class="button-form" {
            input type="hidden" name="csrf_token" value=(csrf);
            button type="submit" class="button" { (label) }
        }
    }
}
