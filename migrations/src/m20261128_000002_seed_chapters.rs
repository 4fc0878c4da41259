//! The three founding chapters. They are data, not code: organizers edit them later, so the
//! seed lives in a migration that runs once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Chapters {
    Table,
    Slug,
    Country,
    Position,
    NameEn,
    NameFr,
    NameEs,
    DescriptionEn,
    DescriptionFr,
    DescriptionEs,
    CreatedAt,
}

pub(crate) struct Seed {
    pub(crate) slug: &'static str,
    country: &'static str,
    /// English, French, Spanish (the columns of the time; see `m20261206_000100`).
    pub(crate) names: [&'static str; 3],
    pub(crate) descriptions: [&'static str; 3],
}

pub(crate) const SEEDS: [Seed; 3] = [
    Seed {
        slug: "canada",
        country: "CA",
        names: ["Canada", "Canada", "Canadá"],
        descriptions: [
            "The Canadian chapter brings together people in every province and territory working for equity and racial justice: health equity, economic inclusion, education, voting rights and justice reform, with communities that have lived experience of racism.",
            "La section canadienne réunit des personnes de chaque province et territoire qui œuvrent pour l’équité et la justice raciale : équité en santé, inclusion économique, éducation, droit de vote et réforme de la justice, avec les communautés qui vivent le racisme.",
            "La sección canadiense reúne a personas de todas las provincias y territorios que trabajan por la equidad y la justicia racial: equidad en salud, inclusión económica, educación, derecho al voto y reforma de la justicia, junto con comunidades con experiencia vivida del racismo.",
        ],
    },
    Seed {
        slug: "united-states",
        country: "US",
        names: ["United States", "États-Unis", "Estados Unidos"],
        descriptions: [
            "The United States chapter connects organizers, researchers and community groups across the states to share strategies for racial equity and inclusion.",
            "La section des États-Unis relie des organisateurs, des chercheurs et des groupes communautaires de tous les États pour partager des stratégies d’équité raciale et d’inclusion.",
            "La sección de Estados Unidos conecta a organizadores, investigadores y grupos comunitarios de todos los estados para compartir estrategias de equidad racial e inclusión.",
        ],
    },
    Seed {
        slug: "mexico",
        country: "MX",
        names: ["Mexico", "Mexique", "México"],
        descriptions: [
            "The Mexico chapter works with Indigenous and Afro-Mexican communities and partners across the states of Mexico, and hosts the network’s cultural exchanges.",
            "La section du Mexique travaille avec les communautés autochtones et afro-mexicaines et leurs partenaires dans tous les États du Mexique, et accueille les échanges culturels du réseau.",
            "La sección de México trabaja con comunidades indígenas y afromexicanas y sus aliados en todos los estados de México, y acoge los intercambios culturales de la red.",
        ],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert()
            .into_table(Chapters::Table)
            .columns([
                Chapters::Slug,
                Chapters::Country,
                Chapters::Position,
                Chapters::NameEn,
                Chapters::NameFr,
                Chapters::NameEs,
                Chapters::DescriptionEn,
                Chapters::DescriptionFr,
                Chapters::DescriptionEs,
                Chapters::CreatedAt,
            ])
            .to_owned();
        for (position, seed) in SEEDS.iter().enumerate() {
            let [name_en, name_fr, name_es] = seed.names;
            let [description_en, description_fr, description_es] = seed.descriptions;
            insert.values_panic([
                seed.slug.into(),
                seed.country.into(),
                (position as i32).into(),
                name_en.into(),
                name_fr.into(),
                name_es.into(),
                description_en.into(),
                description_fr.into(),
                description_es.into(),
                Expr::current_timestamp(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table(Chapters::Table)
            .and_where(Expr::col(Chapters::Slug).is_in(SEEDS.iter().map(|s| s.slug)))
            .to_owned();
        manager.exec_stmt(delete).await
    }
}
