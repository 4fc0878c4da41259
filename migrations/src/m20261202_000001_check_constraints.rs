//! The database as a backstop for the rules the domain keeps: each status, format, role,
//! purpose and lane column holds only the values its enum in `reseau-domain` maps
//! (the stored values are unchanged, so no row is rewritten); an event never has more seats
//! taken than it has, nor fewer than none; a registration has a waitlist position (from 1)
//! exactly while it is waitlisted.
//!
//! PostgreSQL gets `CHECK` constraints. SQLite cannot add one to an existing table, so it gets
//! the same conditions as `BEFORE INSERT` and `BEFORE UPDATE OF …` triggers that abort the
//! statement. Either way a write that breaks a rule fails instead of being stored; adding a
//! status later means a migration that replaces its rule.
//!
//! Language columns are not checked: `domain::Language` is the one list of languages, and a
//! new language must need only a line there and a folder under `locales/`, no migration.
//!
//! On PostgreSQL adding a constraint checks the rows already there: the domain never wrote a
//! row these rules refuse, so the upgrade passes on a database only Réseau has written to.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One rule: a condition on a row of `table`, written with `$` before each column name (`$`
/// is removed for a PostgreSQL CHECK and becomes `NEW.` in an SQLite trigger). A later
/// migration that adds a value replaces its rule with these same statements.
pub(crate) struct Rule {
    pub(crate) table: &'static str,
    pub(crate) name: &'static str,
    /// The columns the condition reads: an SQLite update trigger fires only when one changes.
    pub(crate) columns: &'static [&'static str],
    pub(crate) condition: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        table: "events",
        name: "chk_events_status",
        columns: &["status"],
        condition: "$status IN ('draft', 'published', 'cancelled')",
    },
    Rule {
        table: "events",
        name: "chk_events_format",
        columns: &["format"],
        condition: "$format IN ('in-person', 'online', 'hybrid')",
    },
    Rule {
        table: "events",
        name: "chk_events_seats_taken",
        columns: &["seats_taken", "capacity"],
        condition: "$seats_taken >= 0 AND ($capacity IS NULL OR $seats_taken <= $capacity)",
    },
    Rule {
        table: "registrations",
        name: "chk_registrations_status",
        columns: &["status"],
        condition: "$status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')",
    },
    Rule {
        table: "registrations",
        name: "chk_registrations_waitlist_position",
        columns: &["status", "waitlist_position"],
        condition: "($status = 'waitlisted' AND $waitlist_position IS NOT NULL \
                    AND $waitlist_position >= 1) \
                    OR ($status <> 'waitlisted' AND $waitlist_position IS NULL)",
    },
    Rule {
        table: "members",
        name: "chk_members_status",
        columns: &["status"],
        condition: "$status IN ('pending', 'active', 'erased')",
    },
    Rule {
        table: "organizers",
        name: "chk_organizers_role",
        columns: &["role"],
        condition: "$role IN ('admin', 'organizer')",
    },
    Rule {
        table: "consents",
        name: "chk_consents_purpose",
        columns: &["purpose"],
        condition: "$purpose IN ('membership', 'newsletter')",
    },
    Rule {
        table: "tokens",
        name: "chk_tokens_purpose",
        columns: &["purpose"],
        condition: "$purpose IN ('confirm', 'sign-in', 'unsubscribe', 'email-change')",
    },
    Rule {
        table: "organizer_tokens",
        name: "chk_organizer_tokens_purpose",
        columns: &["purpose"],
        condition: "$purpose IN ('setup', 'invite')",
    },
    Rule {
        table: "newsletters",
        name: "chk_newsletters_status",
        columns: &["status"],
        condition: "$status IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')",
    },
    Rule {
        table: "outbox",
        name: "chk_outbox_status",
        columns: &["status"],
        condition: "$status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')",
    },
    Rule {
        table: "outbox",
        name: "chk_outbox_lane",
        columns: &["lane"],
        condition: "$lane IN ('transactional', 'bulk')",
    },
];

impl Rule {
    fn condition(&self, prefix: &str) -> String {
        self.condition.replace('$', prefix)
    }

    pub(crate) fn postgres_up(&self) -> String {
        format!(
            "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})",
            self.table,
            self.name,
            self.condition("")
        )
    }

    pub(crate) fn postgres_down(&self) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
            self.table, self.name
        )
    }

    /// The insert and the update trigger.
    pub(crate) fn sqlite_up(&self) -> [String; 2] {
        let abort = format!(
            "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {}'); END",
            self.name
        );
        let when = format!("WHEN NOT ({})", self.condition("NEW."));
        [
            format!(
                "CREATE TRIGGER IF NOT EXISTS {name}_insert BEFORE INSERT ON {table} \
                 FOR EACH ROW {when} {abort}",
                name = self.name,
                table = self.table,
            ),
            format!(
                "CREATE TRIGGER IF NOT EXISTS {name}_update BEFORE UPDATE OF {columns} \
                 ON {table} FOR EACH ROW {when} {abort}",
                name = self.name,
                table = self.table,
                columns = self.columns.join(", "),
            ),
        ]
    }

    pub(crate) fn sqlite_down(&self) -> [String; 2] {
        [
            format!("DROP TRIGGER IF EXISTS {}_insert", self.name),
            format!("DROP TRIGGER IF EXISTS {}_update", self.name),
        ]
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        for rule in RULES {
            match manager.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for statement in rule.sqlite_up() {
                        conn.execute_unprepared(&statement).await?;
                    }
                }
                _ => {
                    conn.execute_unprepared(&rule.postgres_up()).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        for rule in RULES.iter().rev() {
            match manager.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for statement in rule.sqlite_down() {
                        conn.execute_unprepared(&statement).await?;
                    }
                }
                _ => {
                    conn.execute_unprepared(&rule.postgres_down()).await?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads_the_columns_it_names() {
        for rule in RULES {
            for column in rule.columns {
                assert!(
                    rule.condition.contains(&format!("${column}")),
                    "{} does not read {column}",
                    rule.name
                );
            }
        }
    }
}
