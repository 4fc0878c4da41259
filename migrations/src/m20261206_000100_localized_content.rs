//! Content people write in several languages (events' titles and descriptions, chapters' names
//! and descriptions, newsletters' subjects and bodies) moves from one column per language
//! (`title_en`, `title_fr`, `title_es`) to one text column holding a JSON object by language
//! code (`{"en":"…","fr":"…"}`, read by `domain::Localized`), so content can exist in every
//! language Réseau speaks, and a new language needs no column.
//!
//! Each row's texts are copied in Rust (building JSON in SQL differs between SQLite and
//! PostgreSQL), blank texts left out as `Localized` leaves them out; then the old columns are
//! dropped (no index or SQLite trigger names them). The seeded chapters get their Portuguese
//! name and description where their English text is still the seed's. `down` copies English,
//! French and Spanish back into their columns, and loses the other languages.

use std::collections::BTreeMap;

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, Value},
};

use crate::m20261128_000002_seed_chapters::SEEDS;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An old per-language column.
struct Old {
    column: &'static str,
    code: &'static str,
    /// `Some(n)`: a line of at most n characters; `None`: a text.
    line: Option<u32>,
    nullable: bool,
}

/// A new column and the old columns it replaces.
struct Field {
    column: &'static str,
    old: [Old; 3],
}

struct Content {
    name: &'static str,
    fields: [Field; 2],
}

const fn old(column: &'static str, code: &'static str, line: Option<u32>, nullable: bool) -> Old {
    Old {
        column,
        code,
        line,
        nullable,
    }
}

const TABLES: [Content; 3] = [
    Content {
        name: "chapters",
        fields: [
            Field {
                column: "name",
                old: [
                    old("name_en", "en", Some(200), false),
                    old("name_fr", "fr", Some(200), false),
                    old("name_es", "es", Some(200), false),
                ],
            },
            Field {
                column: "description",
                old: [
                    old("description_en", "en", None, false),
                    old("description_fr", "fr", None, false),
                    old("description_es", "es", None, false),
                ],
            },
        ],
    },
    Content {
        name: "events",
        fields: [
            Field {
                column: "title",
                old: [
                    old("title_en", "en", Some(200), false),
                    old("title_fr", "fr", Some(200), false),
                    old("title_es", "es", Some(200), false),
                ],
            },
            Field {
                column: "description",
                old: [
                    old("description_en", "en", None, false),
                    old("description_fr", "fr", None, false),
                    old("description_es", "es", None, false),
                ],
            },
        ],
    },
    Content {
        name: "newsletters",
        fields: [
            Field {
                column: "subject",
                old: [
                    old("subject_en", "en", Some(200), false),
                    old("subject_fr", "fr", Some(200), false),
                    old("subject_es", "es", Some(200), true),
                ],
            },
            Field {
                column: "body",
                old: [
                    old("body_en", "en", None, false),
                    old("body_fr", "fr", None, false),
                    old("body_es", "es", None, true),
                ],
            },
        ],
    },
];

/// The seeded chapters' Portuguese (pt-BR) name and description, by slug.
const SEEDS_PT: [(&str, &str, &str); 3] = [
    (
        "canada",
        "Canadá",
        "O núcleo canadense reúne pessoas de todas as províncias e territórios que trabalham pela equidade e pela justiça racial: equidade em saúde, inclusão econômica, educação, direito ao voto e reforma da justiça, com as comunidades que vivem o racismo.",
    ),
    (
        "united-states",
        "Estados Unidos",
        "O núcleo dos Estados Unidos conecta organizadores, pesquisadores e grupos comunitários de todos os estados para compartilhar estratégias de equidade racial e inclusão.",
    ),
    (
        "mexico",
        "México",
        "O núcleo do México trabalha com comunidades indígenas e afro-mexicanas e seus parceiros em todos os estados do México, e acolhe os intercâmbios culturais da rede.",
    ),
];

/// The stored form of `domain::Localized` as of this migration: a JSON object by language
/// code, texts trimmed, blank texts left out.
fn to_json(texts: &BTreeMap<String, String>) -> String {
    let kept: BTreeMap<&str, &str> = texts
        .iter()
        .map(|(code, text)| (code.as_str(), text.trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    serde_json::to_string(&kept).unwrap_or_else(|_| "{}".to_owned())
}

fn from_json(json: &str) -> BTreeMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn name(column: &str) -> Alias {
    Alias::new(column)
}

async fn add_column(
    manager: &SchemaManager<'_>,
    table: &str,
    column: ColumnDef,
) -> Result<(), DbErr> {
    // SQLite adds one column per ALTER TABLE.
    manager
        .alter_table(
            Table::alter()
                .table(name(table))
                .add_column(column)
                .to_owned(),
        )
        .await
}

async fn drop_column(manager: &SchemaManager<'_>, table: &str, column: &str) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(name(table))
                .drop_column(name(column))
                .to_owned(),
        )
        .await
}

/// Every row's id and the text columns named.
async fn rows(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &[&str],
) -> Result<Vec<(i64, Vec<Option<String>>)>, DbErr> {
    let db = manager.get_connection();
    let query = Query::select()
        .column(name("id"))
        .columns(columns.iter().map(|c| name(c)))
        .from(name(table))
        .to_owned();
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        let id: i64 = row.try_get("", "id")?;
        let mut texts = Vec::with_capacity(columns.len());
        for column in columns {
            texts.push(row.try_get::<Option<String>>("", column)?);
        }
        out.push((id, texts));
    }
    Ok(out)
}

async fn update_row(
    manager: &SchemaManager<'_>,
    table: &str,
    id: i64,
    values: Vec<(&str, Value)>,
) -> Result<(), DbErr> {
    let mut update = Query::update();
    update
        .table(name(table))
        .and_where(Expr::col(name("id")).eq(id));
    for (column, value) in values {
        update.value(name(column), value);
    }
    manager.get_connection().execute(&update).await?;
    Ok(())
}

/// Gives the seeded chapters their Portuguese text where their English is still the seed's.
async fn seed_portuguese(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let query = Query::select()
        .columns([name("id"), name("slug"), name("name"), name("description")])
        .from(name("chapters"))
        .to_owned();
    for row in manager.get_connection().query_all(&query).await? {
        let id: i64 = row.try_get("", "id")?;
        let slug: String = row.try_get("", "slug")?;
        let (Some(seed), Some((_, name_pt, description_pt))) = (
            SEEDS.iter().find(|s| s.slug == slug),
            SEEDS_PT.iter().find(|(s, _, _)| *s == slug),
        ) else {
            continue;
        };
        let mut names = from_json(&row.try_get::<String>("", "name")?);
        let mut descriptions = from_json(&row.try_get::<String>("", "description")?);
        let unchanged = names.get("en").map(String::as_str) == Some(seed.names[0])
            && descriptions.get("en").map(String::as_str) == Some(seed.descriptions[0]);
        if !unchanged || names.contains_key("pt") || descriptions.contains_key("pt") {
            continue;
        }
        names.insert("pt".into(), (*name_pt).into());
        descriptions.insert("pt".into(), (*description_pt).into());
        update_row(
            manager,
            "chapters",
            id,
            vec![
                ("name", to_json(&names).into()),
                ("description", to_json(&descriptions).into()),
            ],
        )
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in &TABLES {
            for field in &table.fields {
                add_column(
                    manager,
                    table.name,
                    text(name(field.column)).default("{}").to_owned(),
                )
                .await?;
            }
            let columns: Vec<&str> = table
                .fields
                .iter()
                .flat_map(|f| f.old.iter().map(|o| o.column))
                .collect();
            for (id, texts) in rows(manager, table.name, &columns).await? {
                let mut texts = texts.into_iter();
                let mut values = Vec::new();
                for field in &table.fields {
                    let by_code: BTreeMap<String, String> = field
                        .old
                        .iter()
                        .zip(texts.by_ref())
                        .filter_map(|(old, text)| Some((old.code.to_owned(), text?)))
                        .collect();
                    values.push((field.column, to_json(&by_code).into()));
                }
                update_row(manager, table.name, id, values).await?;
            }
            for column in &columns {
                drop_column(manager, table.name, column).await?;
            }
        }
        seed_portuguese(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in &TABLES {
            for old in table.fields.iter().flat_map(|f| &f.old) {
                let column = match (old.line, old.nullable) {
                    (Some(len), false) => string_len(name(old.column), len).default("").to_owned(),
                    (Some(len), true) => string_len_null(name(old.column), len),
                    (None, false) => text(name(old.column)).default("").to_owned(),
                    (None, true) => text_null(name(old.column)),
                };
                add_column(manager, table.name, column).await?;
            }
            let columns: Vec<&str> = table.fields.iter().map(|f| f.column).collect();
            for (id, texts) in rows(manager, table.name, &columns).await? {
                let mut values = Vec::new();
                for (field, json) in table.fields.iter().zip(texts) {
                    let by_code = from_json(json.as_deref().unwrap_or("{}"));
                    for old in &field.old {
                        let text = by_code.get(old.code).cloned();
                        let value: Value = if old.nullable {
                            text.into()
                        } else {
                            text.unwrap_or_default().into()
                        };
                        values.push((old.column, value));
                    }
                }
                update_row(manager, table.name, id, values).await?;
            }
            for column in columns {
                drop_column(manager, table.name, column).await?;
            }
        }
        Ok(())
    }
}
