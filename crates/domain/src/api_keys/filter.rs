//! The OData filters OSDI collections take, as far as partners use them to sync:
//! `modified_date gt '2026-11-01T00:00:00Z'`, on `modified_date` or `created_date`, with
//! `eq`, `gt`, `ge`, `lt`, `le`, clauses joined by `and`. Anything else is refused with a
//! message that says why, rather than ignored (a sync that silently got everything would
//! look like it worked).

use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    ModifiedDate,
    CreatedDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub field: Field,
    pub op: Op,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("unknown field `{0}`: filter on modified_date or created_date")]
    Field(String),
    #[error("unknown operator `{0}`: use eq, gt, ge, lt or le")]
    Op(String),
    #[error("`{0}` is not a date and time in quotes, such as '2026-11-01T00:00:00Z'")]
    Value(String),
    #[error("a clause is `field operator 'date'`, clauses joined by `and`")]
    Shape,
    #[error("the filter is too long")]
    TooLong,
}

/// Parses a filter; an empty one is no clause.
pub fn parse(raw: &str) -> Result<Vec<Clause>, FilterError> {
    if raw.len() > 300 {
        return Err(FilterError::TooLong);
    }
    let words = tokens(raw)?;
    let mut clauses = Vec::new();
    let mut rest = words.as_slice();
    while !rest.is_empty() {
        let [field, op, value, tail @ ..] = rest else {
            return Err(FilterError::Shape);
        };
        clauses.push(Clause {
            field: match field.to_ascii_lowercase().as_str() {
                "modified_date" => Field::ModifiedDate,
                "created_date" => Field::CreatedDate,
                _ => return Err(FilterError::Field(field.clone())),
            },
            op: match op.to_ascii_lowercase().as_str() {
                "eq" => Op::Eq,
                "gt" => Op::Gt,
                "ge" => Op::Ge,
                "lt" => Op::Lt,
                "le" => Op::Le,
                _ => return Err(FilterError::Op(op.clone())),
            },
            at: date(value)?,
        });
        rest = match tail {
            [] => tail,
            [and, more @ ..] if and.eq_ignore_ascii_case("and") && !more.is_empty() => more,
            _ => return Err(FilterError::Shape),
        };
    }
    Ok(clauses)
}

/// Words, a quoted value being one word with its quotes.
fn tokens(raw: &str) -> Result<Vec<String>, FilterError> {
    let mut words = Vec::new();
    let mut chars = raw.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' || c == '"' {
            chars.next();
            let mut word = String::from(c);
            loop {
                match chars.next() {
                    Some(q) if q == c => break,
                    Some(other) => word.push(other),
                    None => return Err(FilterError::Shape),
                }
            }
            word.push(c);
            words.push(word);
        } else {
            let mut word = String::new();
            while let Some(&w) = chars.peek() {
                if w.is_whitespace() {
                    break;
                }
                word.push(w);
                chars.next();
            }
            words.push(word);
        }
    }
    Ok(words)
}

fn date(quoted: &str) -> Result<DateTime<Utc>, FilterError> {
    let inner = quoted
        .strip_prefix('\'')
        .and_then(|q| q.strip_suffix('\''))
        .or_else(|| quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')))
        .ok_or_else(|| FilterError::Value(quoted.to_owned()))?;
    DateTime::parse_from_rfc3339(inner)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| FilterError::Value(quoted.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_partners_send() {
        let clauses = parse("modified_date gt '2026-11-01T00:00:00Z'").unwrap();
        assert_eq!(
            clauses,
            vec![Clause {
                field: Field::ModifiedDate,
                op: Op::Gt,
                at: "2026-11-01T00:00:00Z".parse().unwrap(),
            }]
        );
        let two = parse(
            "created_date GE \"2026-01-01T00:00:00-05:00\" and modified_date lt '2026-12-01T00:00:00Z'",
        )
        .unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(
            two[0].at,
            "2026-01-01T05:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(parse("  ").unwrap(), Vec::new());
    }

    #[test]
    fn refuses_what_it_cannot_honour() {
        for bad in [
            "email eq 'a@b.c'",
            "modified_date ne '2026-11-01T00:00:00Z'",
            "modified_date gt 2026-11-01",
            "modified_date gt '2026-11-01'",
            "modified_date gt '2026-11-01T00:00:00Z' or created_date gt '2026-11-01T00:00:00Z'",
            "modified_date gt '2026-11-01T00:00:00Z' and",
            "modified_date gt",
            "modified_date gt 'unterminated",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse(&"x".repeat(301)), Err(FilterError::TooLong));
    }
}
