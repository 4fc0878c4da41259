//! The page language: the first segment of the path, or for `/`, the visitor's Accept-Language.

use axum::{extract::FromRequestParts, http::request::Parts};
use domain::Language;

use crate::error::AppError;

/// The language a page is served in, taken from `/{lang}/…`. Any other first segment is a 404.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        from_path(parts.uri.path())
            .map(Lang)
            .ok_or(AppError::NotFound)
    }
}

/// The language named by the first segment of `path`, if it names one.
pub fn from_path(path: &str) -> Option<Language> {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .and_then(|segment| segment.parse().ok())
}

/// The best of our languages for an Accept-Language header, by its q-values; English otherwise.
pub fn negotiate(accept_language: Option<&str>) -> Language {
    let Some(header) = accept_language else {
        return Language::En;
    };
    let mut best: Option<(f32, usize, Language)> = None;
    for (position, item) in header.split(',').enumerate() {
        let mut parts = item.trim().split(';');
        let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or_default();
        let Ok(lang) = primary.parse::<Language>() else {
            continue;
        };
        if q <= 0.0 {
            continue;
        }
        // Higher q wins; on a tie, the earlier entry.
        let better = match best {
            None => true,
            Some((best_q, _, _)) => q > best_q,
        };
        if better {
            best = Some((q, position, lang));
        }
    }
    best.map_or(Language::En, |(_, _, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(negotiate(None), Language::En);
        assert_eq!(negotiate(Some("fr-CA,fr;q=0.9,en;q=0.8")), Language::Fr);
        assert_eq!(negotiate(Some("de-DE,es;q=0.5,en;q=0.4")), Language::Es);
        assert_eq!(negotiate(Some("en;q=0.2, fr;q=0.7")), Language::Fr);
        assert_eq!(negotiate(Some("de, it")), Language::En);
        assert_eq!(negotiate(Some("fr;q=0, es")), Language::Es);
        assert_eq!(negotiate(Some(";;;,,q=x")), Language::En);
        assert_eq!(negotiate(Some("pt-BR,pt;q=0.9,en;q=0.5")), Language::Pt);
        assert_eq!(negotiate(Some("pt-PT")), Language::Pt);
        assert_eq!(negotiate(Some("pt")), Language::Pt);
    }

    #[test]
    fn reads_the_path() {
        assert_eq!(from_path("/fr/join"), Some(Language::Fr));
        assert_eq!(from_path("/es/"), Some(Language::Es));
        assert_eq!(from_path("/pt/events"), Some(Language::Pt));
        assert_eq!(from_path("/de/join"), None);
        assert_eq!(from_path("/"), None);
    }
}
