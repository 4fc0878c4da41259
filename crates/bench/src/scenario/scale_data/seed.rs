//! The data of `scale-data`, written straight into the database in a few set-based statements
//! (PostgreSQL `generate_series`, SQLite a recursive CTE), in one transaction: members with the
//! consent rows their confirmation writes, events, registrations, and a draft newsletter to
//! every chapter.

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use crate::db;

/// First names: shown, folded as the search folds them, and as they go in an address.
pub const FIRST: [(&str, &str); 60] = [
    ("Amara", "amara"),
    ("Émilie", "emilie"),
    ("José", "jose"),
    ("Nadia", "nadia"),
    ("Kwame", "kwame"),
    ("Lucía", "lucia"),
    ("Thandiwe", "thandiwe"),
    ("François", "francois"),
    ("Aiyana", "aiyana"),
    ("Mei", "mei"),
    ("Rahul", "rahul"),
    ("Fatima", "fatima"),
    ("Jamal", "jamal"),
    ("Sofía", "sofia"),
    ("Chidi", "chidi"),
    ("Hélène", "helene"),
    ("Tomás", "tomas"),
    ("Aisha", "aisha"),
    ("Malik", "malik"),
    ("Ximena", "ximena"),
    ("Keanu", "keanu"),
    ("Ngozi", "ngozi"),
    ("Darius", "darius"),
    ("Inés", "ines"),
    ("Olumide", "olumide"),
    ("Priya", "priya"),
    ("Joaquín", "joaquin"),
    ("Zoë", "zoe"),
    ("Kofi", "kofi"),
    ("Marisol", "marisol"),
    ("Tariq", "tariq"),
    ("Aroha", "aroha"),
    ("Benoît", "benoit"),
    ("Yaretzi", "yaretzi"),
    ("Imani", "imani"),
    ("Santiago", "santiago"),
    ("Leila", "leila"),
    ("Desmond", "desmond"),
    ("Ayasha", "ayasha"),
    ("Camille", "camille"),
    ("Tenzin", "tenzin"),
    ("Jazmín", "jazmin"),
    ("Oluwaseun", "oluwaseun"),
    ("Raúl", "raul"),
    ("Wanjiru", "wanjiru"),
    ("Gabriel", "gabriel"),
    ("Nia", "nia"),
    ("Mateo", "mateo"),
    ("Sakura", "sakura"),
    ("Andrés", "andres"),
    ("Efua", "efua"),
    ("Louis", "louis"),
    ("Itzel", "itzel"),
    ("Hamza", "hamza"),
    ("Noémie", "noemie"),
    ("Kenji", "kenji"),
    ("Adaeze", "adaeze"),
    ("Diego", "diego"),
    ("Makena", "makena"),
    ("Yusuf", "yusuf"),
];

/// Family names, likewise.
pub const LAST: [(&str, &str); 80] = [
    ("Okafor", "okafor"),
    ("Tremblay", "tremblay"),
    ("Núñez", "nunez"),
    ("Washington", "washington"),
    ("Mensah", "mensah"),
    ("Gagnon", "gagnon"),
    ("Hernández", "hernandez"),
    ("Nakamura", "nakamura"),
    ("Abara", "abara"),
    ("Côté", "cote"),
    ("Ramírez", "ramirez"),
    ("Singh", "singh"),
    ("Diallo", "diallo"),
    ("Lévesque", "levesque"),
    ("Morales", "morales"),
    ("Chen", "chen"),
    ("Adeyemi", "adeyemi"),
    ("Bouchard", "bouchard"),
    ("Castillo", "castillo"),
    ("Kim", "kim"),
    ("Banda", "banda"),
    ("Pelletier", "pelletier"),
    ("Gutiérrez", "gutierrez"),
    ("Patel", "patel"),
    ("Osei", "osei"),
    ("Bélanger", "belanger"),
    ("Vázquez", "vazquez"),
    ("Nguyen", "nguyen"),
    ("Kamau", "kamau"),
    ("Roy", "roy"),
    ("Jiménez", "jimenez"),
    ("Yazzie", "yazzie"),
    ("Eze", "eze"),
    ("Girard", "girard"),
    ("Flores", "flores"),
    ("Begay", "begay"),
    ("Achebe", "achebe"),
    ("Ouellet", "ouellet"),
    ("Mendoza", "mendoza"),
    ("Rahman", "rahman"),
    ("Owusu", "owusu"),
    ("Fortin", "fortin"),
    ("Ortiz", "ortiz"),
    ("Tanaka", "tanaka"),
    ("Nwosu", "nwosu"),
    ("Gauthier", "gauthier"),
    ("Reyes", "reyes"),
    ("Haddad", "haddad"),
    ("Asante", "asante"),
    ("Morin", "morin"),
    ("Cruz", "cruz"),
    ("Khan", "khan"),
    ("Boateng", "boateng"),
    ("Lapointe", "lapointe"),
    ("Domínguez", "dominguez"),
    ("Sato", "sato"),
    ("Obi", "obi"),
    ("Caron", "caron"),
    ("Torres", "torres"),
    ("Ali", "ali"),
    ("Appiah", "appiah"),
    ("Bergeron", "bergeron"),
    ("Sánchez", "sanchez"),
    ("Wong", "wong"),
    ("Nkemelu", "nkemelu"),
    ("Dubé", "dube"),
    ("Aguilar", "aguilar"),
    ("Hussain", "hussain"),
    ("Ampofo", "ampofo"),
    ("Leblanc", "leblanc"),
    ("Rojas", "rojas"),
    ("Ahmed", "ahmed"),
    ("Chukwu", "chukwu"),
    ("Paquette", "paquette"),
    ("Salazar", "salazar"),
    ("Yamamoto", "yamamoto"),
    ("Adjei", "adjei"),
    ("Thibault", "thibault"),
    ("Villanueva", "villanueva"),
    ("Oyelaran", "oyelaran"),
];

/// What was written, for the checks and the requests.
pub struct Seeded {
    pub members: u64,
    pub min_member_id: i64,
    pub max_member_id: i64,
    pub events: u64,
    pub registrations: u64,
    pub newsletter_id: i64,
    /// Members whose latest newsletter decision is a yes, active, not suspended: the audience
    /// of the draft newsletter, computed here in SQL.
    pub audience: u64,
    /// Members the back office lists (all but the erased).
    pub listed: u64,
}

/// One member's address, as the seed writes it (`g` counts from 0).
pub fn email(g: u64) -> String {
    let (f, l) = names_of(g);
    format!("{}.{}.{g}@example.org", FIRST[f].1, LAST[l].1)
}

fn names_of(g: u64) -> (usize, usize) {
    let nf = FIRST.len() as u64;
    let nl = LAST.len() as u64;
    ((g % nf) as usize, ((g / nf + g * 7) % nl) as usize)
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

async fn exec(txn: &impl ConnectionTrait, sql: &str, what: &str) -> anyhow::Result<u64> {
    let backend = txn.get_database_backend();
    let result = txn
        .execute_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .with_context(|| format!("seeding {what}"))?;
    Ok(result.rows_affected())
}

/// Writes `members` members, `events` events and a registration for every fifth active member
/// (spread over the events), and a draft newsletter to every chapter.
pub async fn seed(db: &DatabaseConnection, members: u64, events: u64) -> anyhow::Result<Seeded> {
    let backend = db.get_database_backend();
    let pg = backend == DbBackend::Postgres;
    let canada = db::chapter_id(db, "canada").await?;
    let united_states = db::chapter_id(db, "united-states").await?;
    let mexico = db::chapter_id(db, "mexico").await?;
    let now = chrono::Utc::now().timestamp();
    // Members joined over the last two years, in id order.
    let span: i64 = 2 * 365 * 86_400;
    let n = members.max(1);
    let series = |count: u64| {
        if pg {
            format!(
                "generate_series(0::bigint, {}) AS s(g)",
                count.saturating_sub(1)
            )
        } else {
            format!(
                "(WITH RECURSIVE r(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM r WHERE g < {}) SELECT g FROM r) AS s",
                count.saturating_sub(1)
            )
        }
    };
    let timestamp = |seconds: &str| {
        if pg {
            format!("to_timestamp({seconds})")
        } else {
            format!("strftime('%Y-%m-%dT%H:%M:%S', {seconds}, 'unixepoch') || '+00:00'")
        }
    };
    let newline = if pg { "chr(10)" } else { "char(10)" };
    let hash = |column: &str| {
        if pg {
            format!("md5({column}) || md5({column} || 'x')")
        } else {
            format!("substr(hex(randomblob(32)), 1, 64) || substr({column}, 1, 0)")
        }
    };

    let txn = db.begin().await.context("seeding")?;
    if !pg {
        // A quarter GiB of page cache for this connection: the indexes of a million rows.
        exec(&txn, "PRAGMA cache_size = -262144", "the cache size").await?;
    }
    let words = |table: &str, list: &[(&str, &str)]| {
        let rows: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(i, (name, folded))| format!("({i}, {}, {})", quote(name), quote(folded)))
            .collect();
        (
            format!(
                "CREATE TEMPORARY TABLE {table} (i INTEGER PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL)"
            ),
            format!(
                "INSERT INTO {table} (i, name, folded) VALUES {}",
                rows.join(", ")
            ),
        )
    };
    for (table, list) in [("bench_first", &FIRST[..]), ("bench_last", &LAST[..])] {
        let (create, insert) = words(table, list);
        exec(&txn, &create, table).await?;
        exec(&txn, &insert, table).await?;
    }
    let nf = FIRST.len();
    let nl = LAST.len();
    let created = format!("{now} - ({n} - s.g) * {span} / {n}");
    let confirmed = format!("{created} + 600");
    let email = "f.folded || '.' || l.folded || '.' || s.g || '@example.org'";
    // A fortieth are still pending (no consent yet); six in ten asked for the newsletter; one
    // in a thousand had its newsletters suspended after bounces.
    let members_sql = format!(
        "INSERT INTO members (email, full_name, language, chapter_id, region, interests, status, \
         newsletter_requested, join_wording_version, join_source, join_language, created_at, \
         updated_at, confirmed_at, hard_bounces, newsletter_suspended_at, search_text, newsletter_decision) \
         SELECT {email}, f.name || ' ' || l.name, \
         CASE WHEN s.g % 20 < 10 THEN 'en' WHEN s.g % 20 < 16 THEN 'fr' WHEN s.g % 20 < 19 THEN 'es' ELSE 'pt' END, \
         CASE WHEN (s.g / 3) % 20 < 10 THEN {canada} WHEN (s.g / 3) % 20 < 17 THEN {united_states} ELSE {mexico} END, \
         NULL, \
         CASE s.g % 7 WHEN 0 THEN 'health-equity' WHEN 1 THEN 'education,voting-rights' WHEN 2 THEN 'economic-inclusion,justice-reform' WHEN 3 THEN 'arts-culture' ELSE '' END, \
         CASE WHEN s.g % 40 = 7 THEN 'pending' ELSE 'active' END, \
         (s.g % 10 < 6), 'v1', 'join-form', \
         CASE WHEN s.g % 20 < 10 THEN 'en' WHEN s.g % 20 < 16 THEN 'fr' WHEN s.g % 20 < 19 THEN 'es' ELSE 'pt' END, \
         {c}, {c}, \
         CASE WHEN s.g % 40 = 7 THEN NULL ELSE {conf} END, \
         CASE WHEN s.g % 1000 = 999 THEN 3 ELSE 0 END, \
         CASE WHEN s.g % 1000 = 999 THEN {conf} ELSE NULL END, \
         f.folded || ' ' || l.folded || {newline} || {email}, \
         CASE WHEN s.g % 40 = 7 THEN NULL WHEN s.g % 10 < 6 THEN TRUE ELSE NULL END \
         FROM {series} \
         JOIN bench_first f ON f.i = s.g % {nf} \
         JOIN bench_last l ON l.i = (s.g / {nf} + s.g * 7) % {nl} \
         ORDER BY s.g",
        c = timestamp(&created),
        conf = timestamp(&confirmed),
        series = series(n),
    );
    let written = exec(&txn, &members_sql, "members").await?;
    if written != members {
        bail!("seeded {written} members, not {members}");
    }
    // The consent rows a confirmation writes: membership, and newsletter when asked for, both
    // granted at confirmation; a twenty-fifth of the subscribers withdrew since.
    let consent = |purpose: &str, granted: &str, source: &str, filter: &str| {
        format!(
            "INSERT INTO consents (member_id, purpose, granted, wording_version, language, source, email_hash, created_at) \
             SELECT id, '{purpose}', {granted}, join_wording_version, join_language, {source}, {h}, confirmed_at \
             FROM members WHERE status = 'active' {filter} ORDER BY id",
            h = hash("email"),
        )
    };
    exec(
        &txn,
        &consent("membership", "TRUE", "join_source", ""),
        "membership consents",
    )
    .await?;
    exec(
        &txn,
        &consent(
            "newsletter",
            "TRUE",
            "join_source",
            "AND newsletter_requested",
        ),
        "newsletter consents",
    )
    .await?;
    exec(
        &txn,
        &consent(
            "newsletter",
            "FALSE",
            "'unsubscribe-link'",
            "AND newsletter_requested AND id % 25 = 3",
        ),
        "newsletter withdrawals",
    )
    .await?;
    // Their latest decision, mirrored on the member as the domain does.
    exec(
        &txn,
        "UPDATE members SET newsletter_decision = FALSE \
         WHERE status = 'active' AND newsletter_requested AND id % 25 = 3",
        "withdrawn decisions",
    )
    .await?;

    // Events: from eighteen months ago to six months ahead, over the chapters, published.
    let event_span: i64 = 2 * 365 * 86_400;
    let starts = format!("{now} - 18 * 30 * 86400 + s.g * {event_span} / {events}");
    let texts = |field: &str| {
        format!(
            "'{{\"en\":\"{field} ' || s.g || '\",\"fr\":\"{field} (fr) ' || s.g || '\",\"es\":\"{field} (es) ' || s.g || '\",\"pt\":\"{field} (pt) ' || s.g || '\"}}'"
        )
    };
    let events_sql = format!(
        "INSERT INTO events (chapter_id, slug, title, description, format, venue, address, online_link, \
         starts_at, ends_at, time_zone, capacity, seats_taken, waitlist_enabled, status, created_at, updated_at) \
         SELECT CASE s.g % 3 WHEN 0 THEN {canada} WHEN 1 THEN {united_states} ELSE {mexico} END, \
         'scale-event-' || s.g, {title}, {description}, \
         CASE s.g % 3 WHEN 0 THEN 'in-person' WHEN 1 THEN 'online' ELSE 'hybrid' END, \
         CASE s.g % 3 WHEN 1 THEN NULL ELSE 'Community Hall' END, \
         CASE s.g % 3 WHEN 1 THEN NULL ELSE '100 Wellington Street, Ottawa ON' END, \
         CASE s.g % 3 WHEN 0 THEN NULL ELSE 'https://meet.example.org/scale' END, \
         {st}, {en}, 'America/Toronto', NULL, 0, FALSE, 'published', {cr}, {cr} \
         FROM {series} ORDER BY s.g",
        title = texts("Community meeting"),
        description = texts("A talk, then questions from the room and online. Meeting"),
        st = timestamp(&starts),
        en = timestamp(&format!("{starts} + 3 * 3600")),
        cr = timestamp(&format!("{starts} - 30 * 86400")),
        series = series(events),
    );
    exec(&txn, &events_sql, "events").await?;
    let first_event = db::count(
        &txn,
        "SELECT MIN(id) FROM events WHERE slug LIKE 'scale-event-%'",
    )
    .await?;
    let last_event = db::count(
        &txn,
        "SELECT MAX(id) FROM events WHERE slug LIKE 'scale-event-%'",
    )
    .await?;
    if u64::try_from(last_event - first_event + 1).ok() != Some(events) {
        bail!("the events' ids are not contiguous ({first_event}..={last_event})");
    }
    // Every fifth active member registered for one event, confirmed.
    let registrations_sql = format!(
        "INSERT INTO registrations (event_id, member_id, email, full_name, language, status, \
         token_hash, created_at, confirmed_at) \
         SELECT {first_event} + (id / 5) % {events}, id, email, full_name, language, 'confirmed', \
         'scale-registration-' || id, confirmed_at, confirmed_at \
         FROM members WHERE status = 'active' AND id % 5 = 0 ORDER BY id"
    );
    let registrations = exec(&txn, &registrations_sql, "registrations").await?;
    exec(
        &txn,
        "UPDATE events SET seats_taken = (SELECT COUNT(*) FROM registrations r \
         WHERE r.event_id = events.id AND r.status = 'confirmed')",
        "seats",
    )
    .await?;

    // A draft newsletter to every chapter: its page shows the audience's size.
    let subject = r#"{"en":"Scale news","fr":"Nouvelles","es":"Noticias","pt":"Notícias"}"#;
    let body = r##"{"en":"# News\n\nThe network met this month.","fr":"# Nouvelles\n\nLe réseau s’est réuni.","es":"# Noticias\n\nLa red se reunió.","pt":"# Notícias\n\nA rede reuniu-se."}"##;
    let chapters = format!("[{canada},{united_states},{mexico}]");
    exec(
        &txn,
        &format!(
            "INSERT INTO newsletters (subject, body, audience_chapters, audience_interests, \
             audience_languages, status, expanded_through, recipients, published, created_at, updated_at) \
             VALUES ({}, {}, {}, '[]', '[]', 'draft', 0, 0, FALSE, {t}, {t})",
            quote(subject),
            quote(body),
            quote(&chapters),
            t = timestamp(&now.to_string()),
        ),
        "the newsletter",
    )
    .await?;
    let newsletter_id = db::count(&txn, "SELECT MAX(id) FROM newsletters").await?;
    exec(&txn, "DROP TABLE bench_first", "words").await?;
    exec(&txn, "DROP TABLE bench_last", "words").await?;
    txn.commit().await.context("seeding")?;

    // The statistics and visibility map a running PostgreSQL has after its autovacuum; SQLite's
    // are the server's own business (it samples them when it starts).
    if pg {
        exec(db, "VACUUM ANALYZE", "statistics").await?;
    }

    let yes = if pg { "TRUE" } else { "1" };
    let audience = db::count(
        db,
        &format!(
            "SELECT COUNT(*) FROM members m WHERE m.status = 'active' \
             AND m.newsletter_suspended_at IS NULL \
             AND m.chapter_id IN ({canada}, {united_states}, {mexico}) \
             AND (SELECT c.granted FROM consents c WHERE c.member_id = m.id \
                  AND c.purpose = 'newsletter' ORDER BY c.id DESC LIMIT 1) = {yes}"
        ),
    )
    .await?;
    let listed = db::count(db, "SELECT COUNT(*) FROM members WHERE status <> 'erased'").await?;
    let min_member_id = db::count(db, "SELECT MIN(id) FROM members").await?;
    let max_member_id = db::count(db, "SELECT MAX(id) FROM members").await?;
    Ok(Seeded {
        members,
        min_member_id,
        max_member_id,
        events,
        registrations,
        newsletter_id,
        audience: u64::try_from(audience).unwrap_or(0),
        listed: u64::try_from(listed).unwrap_or(0),
    })
}
