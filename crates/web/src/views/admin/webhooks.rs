//! The webhooks pages: the endpoints and the form that registers one (its secret shown once),
//! and an endpoint's deliveries with what the receiver answered.

use domain::{
    Language,
    entities::{webhook_delivery, webhook_endpoint},
    webhooks::Topic,
};
use mailer::i18n::t;
use maud::{Markup, html};

use super::layout::{Viewer, layout};
use crate::views::form::{self, FieldErrors, TextField};

#[derive(Debug, Default)]
pub struct EndpointForm {
    pub url: String,
    pub description: String,
    pub topics: Vec<String>,
}

pub struct WebhooksPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub endpoints: &'a [webhook_endpoint::Model],
    pub form: &'a EndpointForm,
    pub errors: &'a FieldErrors,
    /// The address and secret of an endpoint just registered.
    pub created: Option<(&'a str, &'a str)>,
    /// The operator lets private addresses and http:// through.
    pub allow_private: bool,
}

fn topic_label(lang: Language, topic: &str) -> String {
    match Topic::parse(topic) {
        Some(t_) => t(
            lang,
            &format!("webhook-topic-{}", t_.as_str().replace('.', "-")),
        ),
        None => topic.to_owned(),
    }
}

pub fn page(p: &WebhooksPage<'_>) -> Markup {
    let lang = p.lang;
    let title = t(lang, "webhooks-title");
    let (topics_error, topics_described) = form::error_of(lang, p.errors, "topics");
    layout(
        lang,
        &title,
        Some(p.viewer),
        "/admin/webhooks",
        html! {
            (form::error_summary(lang, p.errors))
            h1 { (title) }
            p { (t(lang, "webhooks-intro")) }
            @if let Some((url, secret)) = p.created {
                section class="notice" role="status" aria-labelledby="new-endpoint" {
                    h2 id="new-endpoint" { (t(lang, "webhooks-created")) ": " (url) }
                    p { (t(lang, "webhooks-secret-once")) }
                    p { code class="webhook-secret" { (secret) } }
                }
            }
            @if p.endpoints.is_empty() {
                p { (t(lang, "webhooks-none")) }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (title) }
                        thead { tr {
                            th scope="col" { (t(lang, "webhooks-url")) }
                            th scope="col" { (t(lang, "webhooks-description")) }
                            th scope="col" { (t(lang, "webhooks-topics")) }
                            th scope="col" { (t(lang, "webhooks-state")) }
                        } }
                        tbody {
                            @for e in p.endpoints {
                                tr {
                                    td { a href={ "/admin/webhooks/" (e.id) } { (e.url) } }
                                    td { (e.description) }
                                    td {
                                        @for (i, topic) in e.topics.split(',').enumerate() {
                                            @if i > 0 { ", " }
                                            (topic_label(lang, topic))
                                        }
                                    }
                                    td { (t(lang, if e.active { "webhooks-on" } else { "webhooks-off" })) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="create-endpoint" {
                h2 id="create-endpoint" { (t(lang, "webhooks-create")) }
                form method="post" action="/admin/webhooks" novalidate {
                    input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                    (form::text_field(TextField { required: true, lang, name: "url", label_key: "webhooks-url",
                        hint_key: Some(if p.allow_private { "webhooks-url-hint-private" } else { "webhooks-url-hint" }),
                        value: &p.form.url, input_type: "url", autocomplete: "off", max_length: 500, errors: p.errors }))
                    (form::text_field(TextField { required: false, lang, name: "description", label_key: "webhooks-description", hint_key: None,
                        value: &p.form.description, input_type: "text", autocomplete: "off", max_length: 200, errors: p.errors }))
                    fieldset class={ "field" @if topics_described.is_some() { " field-error" } } aria-describedby=[topics_described] {
                        legend { (t(lang, "webhooks-topics")) }
                        (topics_error)
                        @for topic in Topic::ALL {
                            div class="choice" {
                                input type="checkbox" id={ "topic-" (topic.as_str().replace('.', "-")) } name="topics" value=(topic.as_str())
                                    checked[p.form.topics.iter().any(|t_| t_ == topic.as_str())];
                                label for={ "topic-" (topic.as_str().replace('.', "-")) } { (topic_label(lang, topic.as_str())) }
                            }
                        }
                    }
                    button type="submit" class="button" { (t(lang, "webhooks-create-submit")) }
                }
            }
        },
    )
}

pub struct DeliveriesPage<'a> {
    pub lang: Language,
    pub viewer: &'a Viewer<'a>,
    pub endpoint: &'a webhook_endpoint::Model,
    pub deliveries: &'a [webhook_delivery::Model],
}

pub fn deliveries(p: &DeliveriesPage<'_>) -> Markup {
    let lang = p.lang;
    let e = p.endpoint;
    let title = t(lang, "webhooks-deliveries-title");
    layout(
        lang,
        &title,
        Some(p.viewer),
        &format!("/admin/webhooks/{}", e.id),
        html! {
            p { a href="/admin/webhooks" { (t(lang, "webhooks-back")) } }
            h1 { (title) }
            p { code { (e.url) } " · " (t(lang, if e.active { "webhooks-on" } else { "webhooks-off" })) }
            form method="post" action={ "/admin/webhooks/" (e.id) "/active" } class="button-form" {
                input type="hidden" name="csrf_token" value=(p.viewer.csrf);
                input type="hidden" name="active" value=(if e.active { "no" } else { "yes" });
                button type="submit" class="button secondary" {
                    (t(lang, if e.active { "webhooks-disable" } else { "webhooks-enable" }))
                }
            }
            @if p.deliveries.is_empty() {
                p { (t(lang, "webhooks-no-deliveries")) }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (title) }
                        thead { tr {
                            th scope="col" { (t(lang, "webhooks-event")) }
                            th scope="col" { (t(lang, "webhooks-topic")) }
                            th scope="col" { (t(lang, "webhooks-delivery-state")) }
                            th scope="col" { (t(lang, "webhooks-attempts")) }
                            th scope="col" { (t(lang, "webhooks-answer")) }
                            th scope="col" { (t(lang, "webhooks-when")) }
                        } }
                        tbody {
                            @for d in p.deliveries {
                                tr class="delivery" {
                                    td { code { (d.event_id) } }
                                    td { (topic_label(lang, &d.topic)) }
                                    td class="delivery-state" { (t(lang, &format!("webhook-state-{}", d.status.as_str()))) }
                                    td class="number" { (d.attempts) }
                                    td class="delivery-answer" {
                                        @if let Some(status) = d.response_status { code { (status) } " " }
                                        @if let Some(body) = &d.response_body { (body) }
                                        @if let Some(error) = &d.last_error { " " (error) }
                                        @if d.response_status.is_none() && d.last_error.is_none() { (t(lang, "webhooks-no-answer")) }
                                    }
                                    td {
                                        (mailer::dates::network_moment(lang, d.delivered_at.unwrap_or(d.next_attempt_at)))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
