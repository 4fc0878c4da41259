//! The per-language part of the content forms (events, chapters, newsletters): one fieldset per
//! language of `Language::ALL`, each with the form's texts in that language, named
//! `<field>_<code>` (`title_pt`). English and French are needed (to save, or to publish); the
//! others are optional and their readers get English without them.

use domain::Language;
use mailer::i18n::{t, t_with};
use maud::{Markup, html};

use crate::{
    language_texts::{LanguageTexts, field_name},
    views::form::{self, FieldErrors},
};

/// One text of the form, written in each language.
pub struct TextInput {
    /// The field's name before the language code: `title` for `title_en`, `title_fr`, ….
    pub field: &'static str,
    pub label_key: &'static str,
    /// A text area of this many rows, or a one-line input.
    pub rows: Option<u8>,
    pub max_length: usize,
    /// The id of a hint on the page that describes this input too (Markdown help).
    pub hint_id: Option<&'static str>,
}

/// What English and French need on this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The form is refused without them.
    Required,
    /// They are needed to publish, not to save a draft.
    ToPublish,
}

pub struct LanguageFieldsets<'a> {
    /// The organizer's language, the page's.
    pub lang: Language,
    pub inputs: &'a [TextInput],
    pub values: &'a LanguageTexts,
    pub errors: &'a FieldErrors,
    pub need: Need,
    /// The hint of an optional language's fieldset: a message taking `$language`.
    pub optional_hint_key: &'static str,
}

/// The form's fields in the order of the page, for sorting its error summary.
pub fn field_order(inputs: &[TextInput]) -> Vec<String> {
    Language::ALL
        .into_iter()
        .flat_map(|lang| inputs.iter().map(move |i| field_name(i.field, lang)))
        .collect()
}

pub fn language_fieldsets(f: &LanguageFieldsets<'_>) -> Markup {
    let lang = f.lang;
    html! {
        @for written in Language::ALL {
            @let hint_id = format!("texts-{}-hint", written.code());
            @let hint = if !written.is_required() {
                Some(t_with(lang, f.optional_hint_key, &[("language", &t(lang, &format!("in-language-{}", written.code())))]))
            } else if f.need == Need::ToPublish {
                Some(t(lang, "content-needed-to-publish"))
            } else {
                None
            };
            @let required = written.is_required() && f.need == Need::Required;
            fieldset class="language-texts" {
                legend {
                    (t(lang, &format!("language-name-{}", written.code())))
                    @if !written.is_required() { " " span class="hint-inline" { "(" (t(lang, "optional")) ")" } }
                }
                @if let Some(hint) = &hint { p class="hint" id=(hint_id) { (hint) } }
                @for input in f.inputs {
                    @let name = field_name(input.field, written);
                    @let (error, error_id) = form::error_of(lang, f.errors, &name);
                    @let described = [input.hint_id.map(str::to_owned), hint.as_ref().map(|_| hint_id.clone()), error_id]
                        .into_iter().flatten().collect::<Vec<_>>().join(" ");
                    @let described = (!described.is_empty()).then_some(described);
                    @let invalid = f.errors.get(&name).map(|_| "true");
                    div class={ "field" @if invalid.is_some() { " field-error" } } {
                        label for=(form::field_id(&name)) {
                            (t(lang, input.label_key))
                            @if required { " " span class="required" { "(" (t(lang, "required")) ")" } }
                        }
                        (error)
                        // The text is in `written`: screen readers and spelling checks follow `lang`.
                        @match input.rows {
                            Some(rows) => {
                                textarea id=(form::field_id(&name)) name=(name) rows=(rows) maxlength=(input.max_length)
                                    lang=(written.tag()) required[required] aria-invalid=[invalid]
                                    aria-describedby=[described] { (f.values.typed(input.field, written)) }
                            }
                            None => {
                                input type="text" id=(form::field_id(&name)) name=(name) value=(f.values.typed(input.field, written))
                                    maxlength=(input.max_length) autocomplete="off" lang=(written.tag())
                                    required[required] aria-invalid=[invalid] aria-describedby=[described];
                            }
                        }
                    }
                }
            }
        }
    }
}
