//! The back office's member search folds case and accents the same on SQLite (whose `lower()`
//! and `LIKE` fold only A–Z) and PostgreSQL: against a migrated SQLite file always, and a
//! PostgreSQL database of its own when `RESEAU_TEST_POSTGRES_URL` names a server.

// Tests may unwrap: a panic is how they fail.
#![allow(clippy::unwrap_used)]

use reseau_domain as domain;

use chrono::Utc;
use domain::{
    Db, EmailAddress, FullName, Language, consent,
    directory::{self, COUNT_CAP, Cursor, Filter, Standing, Total},
    entities::member,
    membership::{self, JoinOutcome, JoinRequest, Throttle},
    organizers::Scope,
    stats::{self, tallies},
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, EntityTrait, IntoActiveModel, Set};

async fn join(db: &Db, name: &str, email: &str) -> member::Model {
    let request = JoinRequest {
        email: EmailAddress::parse(email).unwrap(),
        full_name: FullName::parse(name).unwrap(),
        chapter_id: 1,
        region: None,
        interests: vec![],
        language: Language::Fr,
        newsletter: false,
        wording_version: "v1".into(),
        source: "join".into(),
        evidence: None,
    };
    let throttle = Throttle {
        per_address_per_hour: 5,
    };
    match membership::request(db.writer(), request, throttle, Utc::now())
        .await
        .unwrap()
    {
        JoinOutcome::Confirm { member, .. } => member,
        other => panic!("{other:?}"),
    }
}

async fn found(db: &Db, query: &str) -> Vec<String> {
    let filter = Filter {
        query: Some(query.into()),
        ..Filter::default()
    };
    let page = directory::page(db.reader(), &Scope::All, &filter, Cursor::Newest, 50)
        .await
        .unwrap();
    let mut names: Vec<String> = page.members.into_iter().map(|m| m.full_name).collect();
    names.sort();
    names
}

async fn search_folds_case_and_accents(db: Db) {
    let emilie = join(&db, "Émilie Dupont", "emilie@example.org").await;
    join(&db, "José Núñez", "JOSE.NUNEZ@example.org").await;
    join(&db, "Ana Lopez", "ana@example.org").await;

    for query in ["Émilie", "émilie", "emilie", "EMILIE", "ÉMI"] {
        assert_eq!(found(&db, query).await, ["Émilie Dupont"], "{query}");
    }
    for query in ["ñúñez", "Nunez", "NÚÑEZ", "jose.nunez@"] {
        assert_eq!(found(&db, query).await, ["José Núñez"], "{query}");
    }
    // A whole address finds its holder by the address (any case); one nobody holds is
    // searched for within the others.
    join(&db, "Ann Nunez", "nunez@example.org").await;
    assert_eq!(found(&db, " Nunez@Example.org").await, ["Ann Nunez"]);
    assert_eq!(found(&db, "e.nunez@example.org").await, ["José Núñez"]);
    // Wildcards typed by a person stay literal (`LIKE`'s on PostgreSQL, `GLOB`'s on SQLite).
    for typed in ["%", "_", "*", "?", "[a", "*@example.org"] {
        assert!(found(&db, typed).await.is_empty(), "{typed}");
    }
    // The name and the address never meet in one match.
    assert!(found(&db, "dupont emilie").await.is_empty());

    // A correction refolds the column.
    let mut active = emilie.into_active_model();
    active.full_name = Set("Zoë Martin".into());
    let corrected = active.update(db.writer()).await.unwrap();
    assert_eq!(found(&db, "zoe").await, ["Zoë Martin"]);
    assert!(found(&db, "emilie dupont").await.is_empty());
    assert_eq!(
        found(&db, "emilie@").await,
        ["Zoë Martin"],
        "the address still matches"
    );

    // Erasure empties it.
    let mut active = corrected.into_active_model();
    active.full_name = Set(String::new());
    active.email = Set(domain::account::erased_address(active.id.clone().unwrap()));
    active.status = Set(membership::Status::Erased);
    let erased = active.update(db.writer()).await.unwrap();
    assert_eq!(erased.search_text, "");
    assert!(found(&db, "zoe").await.is_empty());

    newsletter_filter_follows_the_ledger(&db).await;
    counts_follow_every_write(&db).await;
    pages_walk_the_list_both_ways(&db).await;
    a_broad_search_is_counted_up_to_the_cap(&db).await;
}

/// The directory's newsletter filter reads the decision mirrored on the member, which every
/// append to the ledger keeps: a yes, a yes then a no, and no decision at all.
async fn newsletter_filter_follows_the_ledger(db: &Db) {
    let yes = join(db, "Yara Sim", "yara@example.org").await;
    let changed = join(db, "Noor Ali", "noor@example.org").await;
    let undecided = join(db, "Uma Roy", "uma@example.org").await;
    let decide = |member_id, granted| consent::Entry {
        member_id,
        purpose: consent::Purpose::Newsletter,
        granted,
        wording_version: "v1",
        language: Language::En,
        source: "test",
        email_hash: "",
        evidence: None,
    };
    let now = Utc::now();
    consent::append(db.writer(), decide(yes.id, true), now)
        .await
        .unwrap();
    consent::append(db.writer(), decide(changed.id, true), now)
        .await
        .unwrap();
    consent::append(db.writer(), decide(changed.id, false), now)
        .await
        .unwrap();
    let with = |newsletter| async move {
        let filter = Filter {
            newsletter: Some(newsletter),
            ..Filter::default()
        };
        let page = directory::page(db.reader(), &Scope::All, &filter, Cursor::Newest, 50)
            .await
            .unwrap();
        let ids: Vec<i64> = page.members.iter().map(|m| m.id).collect();
        assert_eq!(Total::Exact(ids.len() as u64), page.total);
        ids
    };
    assert_eq!(with(true).await, [yes.id]);
    let no = with(false).await;
    assert!(
        no.contains(&changed.id) && no.contains(&undecided.id),
        "{no:?}"
    );
    assert!(!no.contains(&yes.id));
}

/// What the tables say, counted the slow way: members by chapter and status (erased left
/// out), sign-ups by chapter and week, today's active members by the week they confirmed.
type Live = (
    Vec<(i64, String, i64)>,
    Vec<(i64, String, i64)>,
    Vec<(String, i64)>,
);

async fn live_counts(db: &Db) -> Live {
    let everyone = member::Entity::find().all(db.reader()).await.unwrap();
    let week = |at: chrono::DateTime<Utc>| stats::week_of(at.date_naive()).to_string();
    let mut by_status = std::collections::BTreeMap::new();
    let mut joined = std::collections::BTreeMap::new();
    let mut confirmed = std::collections::BTreeMap::new();
    for m in &everyone {
        *joined
            .entry((m.chapter_id, week(m.created_at)))
            .or_insert(0) += 1;
        if m.status == membership::Status::Erased {
            continue;
        }
        *by_status
            .entry((m.chapter_id, m.status.as_str().to_owned()))
            .or_insert(0) += 1;
        if let (membership::Status::Active, Some(at)) = (m.status, m.confirmed_at) {
            *confirmed.entry(week(at)).or_insert(0) += 1;
        }
    }
    let flat = |map: std::collections::BTreeMap<(i64, String), i64>| {
        map.into_iter().map(|((c, s), n)| (c, s, n)).collect()
    };
    (
        flat(by_status),
        flat(joined),
        confirmed.into_iter().collect(),
    )
}

async fn kept_counts(db: &Db) -> Live {
    let since = chrono::NaiveDate::from_ymd_opt(2000, 1, 3).unwrap();
    let mut by_status: Vec<(i64, String, i64)> =
        tallies::by_chapter_status(db.reader(), &Scope::All)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.chapter_id, row.status, row.count))
            .collect();
    by_status.sort();
    let mut joined = tallies::joined_by_week(db.reader(), &Scope::All, since)
        .await
        .unwrap();
    joined.sort();
    let mut confirmed = tallies::confirmed_by_week(db.reader(), &Scope::All, since)
        .await
        .unwrap();
    confirmed.sort();
    (by_status, joined, confirmed)
}

/// The counts kept by the triggers equal the members table after sign-ups, a confirmation
/// (a week earlier), a move to another chapter, an erasure (each written straight to the
/// table, as any door would) and a sign-up forgotten unconfirmed; and again after
/// PostgreSQL's fold, twice.
async fn counts_follow_every_write(db: &Db) {
    let a = join(db, "Tally One", "tally1@example.org").await;
    let b = join(db, "Tally Two", "tally2@example.org").await;
    let c = join(db, "Tally Three", "tally3@example.org").await;
    let d = join(db, "Tally Four", "tally4@example.org").await;
    assert_eq!(kept_counts(db).await, live_counts(db).await);

    let mut active = a.into_active_model();
    active.status = Set(membership::Status::Active);
    active.confirmed_at = Set(Some(Utc::now() - chrono::Duration::days(8)));
    active.update(db.writer()).await.unwrap();
    let mut moved = b.into_active_model();
    moved.status = Set(membership::Status::Active);
    moved.confirmed_at = Set(Some(Utc::now()));
    let moved = moved.update(db.writer()).await.unwrap();
    let mut moved = moved.into_active_model();
    moved.chapter_id = Set(3);
    moved.update(db.writer()).await.unwrap();
    let mut erased = c.into_active_model();
    erased.status = Set(membership::Status::Erased);
    erased.update(db.writer()).await.unwrap();
    domain::account::forget_unconfirmed(db.writer(), d, Utc::now())
        .await
        .unwrap();
    let live = live_counts(db).await;
    assert!(
        live.0.iter().any(|(c, s, _)| *c == 3 && s == "active"),
        "{live:?}"
    );
    assert_eq!(kept_counts(db).await, live);

    let members_in = |chapter, status| async move {
        tallies::count(db.reader(), &Scope::Chapters(vec![1, 3]), chapter, status)
            .await
            .unwrap()
    };
    let live_in = |chapter: Option<i64>, status: Option<membership::Status>| {
        live.0
            .iter()
            .filter(|(c, s, _)| {
                [1, 3].contains(c)
                    && chapter.is_none_or(|x| x == *c)
                    && status.is_none_or(|x| x.as_str() == s)
            })
            .map(|(_, _, n)| *n as u64)
            .sum::<u64>()
    };
    for (chapter, status) in [
        (None, None),
        (Some(3), None),
        (Some(1), Some(membership::Status::Pending)),
        (None, Some(membership::Status::Active)),
    ] {
        assert_eq!(members_in(chapter, status).await, live_in(chapter, status));
    }

    // By status, erased included, as the metrics endpoint reads them.
    let mut by_status: Vec<(String, i64)> = tallies::by_status(db.reader())
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.status, row.count))
        .collect();
    by_status.sort();
    let mut live_status = std::collections::BTreeMap::<String, i64>::new();
    for m in member::Entity::find().all(db.reader()).await.unwrap() {
        *live_status.entry(m.status.as_str().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(by_status, live_status.into_iter().collect::<Vec<_>>());

    tallies::fold(db.writer()).await.unwrap();
    assert_eq!(kept_counts(db).await, live);
    assert_eq!(
        tallies::fold(db.writer()).await.unwrap(),
        0,
        "nothing left to fold"
    );
    assert_eq!(kept_counts(db).await, live);
}

/// Pages of three walk the whole list newest first and back, the last page is the oldest
/// three, and the total is exact: a status filter, and a search (which SQLite reads through
/// its trigram table, ordered by that table's rowid).
async fn pages_walk_the_list_both_ways(db: &Db) {
    for k in 0..7 {
        join(db, "Page Walker", &format!("walker{k}@example.org")).await;
    }
    let members = member::Entity::find().all(db.reader()).await.unwrap();
    let ids = |keep: &dyn Fn(&member::Model) -> bool| {
        let mut ids: Vec<i64> = members.iter().filter(|m| keep(m)).map(|m| m.id).collect();
        ids.sort_unstable_by(|x, y| y.cmp(x));
        ids
    };
    let pending = Filter {
        status: Some(Standing::Pending),
        ..Filter::default()
    };
    walk(
        db,
        &pending,
        ids(&|m| m.status == membership::Status::Pending),
    )
    .await;
    let walkers = Filter {
        query: Some("WALKER".into()),
        ..Filter::default()
    };
    walk(db, &walkers, ids(&|m| m.email.contains("walker"))).await;
}

async fn walk(db: &Db, filter: &Filter, everyone: Vec<i64>) {
    assert!(everyone.len() > 6, "{everyone:?}");
    let page = |cursor| async move {
        directory::page(db.reader(), &Scope::All, filter, cursor, 3)
            .await
            .unwrap()
    };
    let mut seen: Vec<i64> = Vec::new();
    let mut cursor = Cursor::Newest;
    let mut pages = Vec::new();
    loop {
        let p = page(cursor).await;
        assert_eq!(p.total, Total::Exact(everyone.len() as u64));
        assert_eq!(p.newer, !seen.is_empty());
        let ids: Vec<i64> = p.members.iter().map(|m| m.id).collect();
        seen.extend(&ids);
        pages.push(ids.clone());
        if !p.older {
            break;
        }
        cursor = Cursor::Before(*ids.last().unwrap());
    }
    assert_eq!(seen, everyone);
    // Back from the last page, each previous page is the one before it.
    for k in (1..pages.len()).rev() {
        let newest_shown = pages[k][0];
        let back = page(Cursor::After(newest_shown)).await;
        let ids: Vec<i64> = back.members.iter().map(|m| m.id).collect();
        assert_eq!(ids, pages[k - 1]);
        assert!(back.older);
        assert_eq!(back.newer, k > 1);
    }
    // Past either end: nothing listed, the way back to the newest offered.
    for past in [
        Cursor::Before(everyone[everyone.len() - 1]),
        Cursor::After(everyone[0]),
    ] {
        let p = page(past).await;
        assert!(p.members.is_empty() && p.newer && !p.older, "{past:?}");
    }
    let last = page(Cursor::After(0)).await;
    let ids: Vec<i64> = last.members.iter().map(|m| m.id).collect();
    assert_eq!(ids, everyone[everyone.len() - 3..]);
    assert!(!last.older && last.newer);
}

/// A search matching more than `COUNT_CAP` members says "more than", and still shows a page.
async fn a_broad_search_is_counted_up_to_the_cap(db: &Db) {
    let backend = db.writer().get_database_backend();
    let (now, newline) = match backend {
        sea_orm::DbBackend::Postgres => ("now()", "chr(10)"),
        _ => ("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "char(10)"),
    };
    db.writer()
        .execute_unprepared(&format!(
            "INSERT INTO members (email, full_name, language, chapter_id, interests, status, \
             newsletter_requested, join_wording_version, join_source, join_language, created_at, \
             updated_at, search_text) \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) \
             SELECT 'bulk' || i || '@example.org', 'Bulk Member', 'en', 2, '', 'pending', \
             false, 'v1', 'test', 'en', {now}, {now}, 'bulk member' || {newline} || 'bulk' || i || '@example.org' \
             FROM n",
            COUNT_CAP + 1
        ))
        .await
        .unwrap();
    let filter = Filter {
        query: Some("bulk".into()),
        ..Filter::default()
    };
    let p = directory::page(db.reader(), &Scope::All, &filter, Cursor::Newest, 50)
        .await
        .unwrap();
    assert_eq!(p.total, Total::MoreThan(COUNT_CAP));
    assert_eq!(p.members.len(), 50);
    assert!(p.older && !p.newer);
    // One fewer is counted exactly.
    let filter = Filter {
        query: Some("bulk1".into()),
        ..Filter::default()
    };
    let p = directory::page(db.reader(), &Scope::All, &filter, Cursor::Newest, 50)
        .await
        .unwrap();
    // bulk1, bulk10–19, bulk100–199, bulk1000, bulk1001.
    assert_eq!(p.total, Total::Exact(1 + 10 + 100 + 2));
}

#[tokio::test]
async fn sqlite_search_folds_case_and_accents() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = Db::connect(&url, 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    search_folds_case_and_accents(db).await;
}

#[tokio::test]
async fn postgres_search_folds_case_and_accents() {
    let Ok(url) = std::env::var("RESEAU_TEST_POSTGRES_URL") else {
        eprintln!("RESEAU_TEST_POSTGRES_URL is not set: skipped");
        return;
    };
    let (base, _) = url.split('?').next().unwrap().rsplit_once('/').unwrap();
    let name = format!("reseau_search_{:016x}", rand::random::<u64>());
    let admin = Database::connect(&url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let db = Db::connect(&format!("{base}/{name}"), 4).await.unwrap();
    Migrator::up(db.writer(), None).await.unwrap();
    let outcome = tokio::spawn(search_folds_case_and_accents(db.clone())).await;
    db.writer().clone().close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}
