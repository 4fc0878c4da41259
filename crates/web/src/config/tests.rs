//! The settings load, layer and refuse what cannot work.

use super::*;

#[test]
fn defaults_load() {
    let settings = Settings::with_overrides(&[]).expect("defaults are valid");
    assert_eq!(settings.bind.port(), 8080);
    assert_eq!(settings.mail.transport, TransportKind::File);
    assert!(!settings.is_https());
}

#[test]
fn a_bad_value_names_its_key() {
    let err = Settings::with_overrides(&[("mail.transport", "pigeon")]).expect_err("refused");
    assert!(err.to_string().contains("mail.transport"), "{err}");
    let err = Settings::with_overrides(&[("mail.transport", "smtp")]).expect_err("refused");
    assert!(err.to_string().contains("mail.smtp_url"), "{err}");
    let err = Settings::with_overrides(&[("base_url", "ftp://x")]).expect_err("refused");
    assert!(err.to_string().contains("base_url"), "{err}");
    let err = Settings::with_overrides(&[("bind", "nowhere")]).expect_err("refused");
    assert!(err.to_string().contains("bind"), "{err}");
    let err = Settings::with_overrides(&[("secret_key", "too-short")]).expect_err("refused");
    assert!(err.to_string().contains("secret_key"), "{err}");
    let err = Settings::with_overrides(&[
        ("mail.transport", "smtp"),
        ("mail.smtp_url", "smtp://u:p@relay.example.org?tls=none"),
    ])
    .expect_err("refused");
    assert!(err.to_string().contains("mail.smtp_url"), "{err}");
    let err = Settings::with_overrides(&[("metrics.token", "short")]).expect_err("refused");
    assert!(err.to_string().contains("metrics.token"), "{err}");
    for key in [
        "admin.session_idle_minutes",
        "admin.session_absolute_hours",
        "admin.step_up_minutes",
    ] {
        let err = Settings::with_overrides(&[(key, "0")]).expect_err("refused");
        assert!(err.to_string().contains(key), "{err}");
    }
    let err = Settings::with_overrides(&[("metrics.bind", "nowhere")]).expect_err("refused");
    assert!(err.to_string().contains("metrics.bind"), "{err}");
}

/// Every key of a TOML text, dotted (`mail.smtp_url`).
fn keys(toml: &str) -> Vec<String> {
    fn walk(prefix: &str, value: &figment::value::Value, out: &mut Vec<String>) {
        if let figment::value::Value::Dict(_, dict) = value {
            for (key, value) in dict {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                walk(&path, value, out);
            }
        } else {
            out.push(prefix.to_owned());
        }
    }
    let value: figment::value::Value = Figment::from(Toml::string(toml))
        .extract()
        .expect("valid TOML");
    let mut out = Vec::new();
    walk("", &value, &mut out);
    out
}

#[test]
fn the_production_example_uses_real_keys_and_loads() {
    let example = include_str!("../../../../config/production.example.toml");
    let known = keys(DEFAULTS);
    for key in keys(example) {
        assert!(
            known.contains(&key),
            "production.example.toml: unknown key {key}"
        );
    }
    let figment = Figment::from(Toml::string(DEFAULTS))
        .merge(Toml::string(example))
        .merge(("secret_key", "0123456789abcdef0123456789abcdef"));
    let settings = Settings::from_figment(figment).expect("the example loads");
    assert!(settings.is_https());
    assert_eq!(
        settings.metrics_exposure().expect("valid"),
        MetricsExposure::OwnListener(([10, 0, 0, 11], 9090).into())
    );
}

#[test]
fn metrics_are_off_unless_asked_for() {
    let exposure = |o: &[(&str, &str)]| {
        Settings::with_overrides(o)
            .expect("valid")
            .metrics_exposure()
            .expect("valid")
    };
    assert_eq!(exposure(&[]), MetricsExposure::Off);
    assert_eq!(
        exposure(&[("metrics.token", "0123456789abcdef")]),
        MetricsExposure::WithToken
    );
    assert_eq!(
        exposure(&[("metrics.bind", "127.0.0.1:9090")]),
        MetricsExposure::OwnListener(([127, 0, 0, 1], 9090).into())
    );
}
