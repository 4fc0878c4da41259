//! What a key sees of people: the active members of its chapters (never a pending sign-up,
//! never an erased member), a page at a time in the order they joined, filtered by the dates
//! partners sync on; whether each wants the newsletter is read from the consent ledger.

use std::collections::HashSet;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::filter::{Clause, Field, Op};
use crate::{DomainError, directory, entities::member, membership::Status};

/// A page of people: which chapters, which dates, which page (from 1) of how many.
#[derive(Clone, Debug)]
pub struct PeopleQuery<'a> {
    pub chapter_ids: &'a [i64],
    pub clauses: &'a [Clause],
    pub page: u64,
    pub per_page: u64,
}

fn visible(chapter_ids: &[i64]) -> Condition {
    Condition::all()
        .add(member::Column::Status.eq(Status::Active))
        .add(member::Column::ChapterId.is_in(chapter_ids.iter().copied()))
}

fn clause_condition(clause: &Clause) -> Condition {
    let column = match clause.field {
        Field::ModifiedDate => member::Column::UpdatedAt,
        Field::CreatedDate => member::Column::CreatedAt,
    };
    let at = clause.at;
    Condition::all().add(match clause.op {
        Op::Eq => column.eq(at),
        Op::Gt => column.gt(at),
        Op::Ge => column.gte(at),
        Op::Lt => column.lt(at),
        Op::Le => column.lte(at),
    })
}

/// One page and the number of people in all pages.
pub async fn page(
    conn: &impl ConnectionTrait,
    query: &PeopleQuery<'_>,
) -> Result<(Vec<member::Model>, u64), DomainError> {
    if query.chapter_ids.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let condition = query
        .clauses
        .iter()
        .fold(visible(query.chapter_ids), |all, clause| {
            all.add(clause_condition(clause))
        });
    let paginator = member::Entity::find()
        .filter(condition)
        .order_by_asc(member::Column::Id)
        .paginate(conn, query.per_page.max(1));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(query.page.saturating_sub(1)).await?;
    Ok((rows, total))
}

/// One person, if the key may see them.
pub async fn find(
    conn: &impl ConnectionTrait,
    chapter_ids: &[i64],
    id: i64,
) -> Result<Option<member::Model>, DomainError> {
    if chapter_ids.is_empty() {
        return Ok(None);
    }
    Ok(member::Entity::find_by_id(id)
        .filter(visible(chapter_ids))
        .one(conn)
        .await?)
}

/// Of `member_ids`, those whose latest newsletter decision in the ledger is a yes.
pub async fn subscribed_among(
    conn: &impl ConnectionTrait,
    member_ids: &[i64],
) -> Result<HashSet<i64>, DomainError> {
    if member_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::Id)
        .filter(member::Column::Id.is_in(member_ids.iter().copied()))
        .filter(directory::newsletter_granted())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().collect())
}
