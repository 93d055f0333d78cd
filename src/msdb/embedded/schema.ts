// The simulated master's msdb: the spec's tables and columns (spec §2). sysname columns compare
// case-insensitively, as under SQL Server's default collation. Datetimes are text (datetime.ts).
// Tables named sim_* are not msdb's: they hold what a real server keeps elsewhere (the Agent's
// registry values, logins), so that one database file is the whole master.

export const MSDB_SCHEMA = `
CREATE TABLE systargetservers (
  server_id INTEGER PRIMARY KEY AUTOINCREMENT,
  server_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  location TEXT NULL,
  time_zone_adjustment INTEGER NOT NULL DEFAULT 0,
  enlist_date TEXT NOT NULL,
  last_poll_date TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 1,
  local_time_at_last_poll TEXT NOT NULL,
  enlisted_by_nt_user TEXT NOT NULL DEFAULT '',
  poll_interval INTEGER NOT NULL DEFAULT 60
);

CREATE TABLE systargetservergroups (
  servergroup_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE
);

CREATE TABLE systargetservergroupmembers (
  servergroup_id INTEGER NOT NULL,
  server_id INTEGER NOT NULL,
  UNIQUE (servergroup_id, server_id)
);

CREATE TABLE sysdownloadlist (
  instance_id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_server TEXT NOT NULL COLLATE NOCASE,
  operation_code INTEGER NOT NULL,
  object_type INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  target_server TEXT NOT NULL COLLATE NOCASE,
  error_message TEXT NULL,
  date_posted TEXT NOT NULL,
  date_downloaded TEXT NULL,
  status INTEGER NOT NULL DEFAULT 0,
  deleted_object_name TEXT NULL COLLATE NOCASE
);
CREATE INDEX sysdownloadlist_target ON sysdownloadlist (target_server, status, instance_id);

CREATE TABLE syscategories (
  category_id INTEGER PRIMARY KEY,
  category_class INTEGER NOT NULL,
  category_type INTEGER NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE
);

CREATE TABLE sysoriginatingservers (
  originating_server_id INTEGER PRIMARY KEY,
  originating_server TEXT NOT NULL COLLATE NOCASE UNIQUE,
  master_server INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sysoperators (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 1,
  email_address TEXT NULL,
  pager_address TEXT NULL,
  netsend_address TEXT NULL,
  category_id INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sysjobs (
  job_id TEXT PRIMARY KEY,
  originating_server_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL COLLATE NOCASE,
  enabled INTEGER NOT NULL DEFAULT 1,
  description TEXT NULL,
  start_step_id INTEGER NOT NULL DEFAULT 1,
  category_id INTEGER NOT NULL DEFAULT 0,
  owner_sid TEXT NOT NULL,
  notify_level_eventlog INTEGER NOT NULL DEFAULT 2,
  notify_level_email INTEGER NOT NULL DEFAULT 0,
  notify_level_netsend INTEGER NOT NULL DEFAULT 0,
  notify_level_page INTEGER NOT NULL DEFAULT 0,
  notify_email_operator_id INTEGER NOT NULL DEFAULT 0,
  notify_netsend_operator_id INTEGER NOT NULL DEFAULT 0,
  notify_page_operator_id INTEGER NOT NULL DEFAULT 0,
  delete_level INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  version_number INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sysjobs_name ON sysjobs (name);

CREATE TABLE sysjobsteps (
  job_id TEXT NOT NULL,
  step_id INTEGER NOT NULL,
  step_name TEXT NOT NULL COLLATE NOCASE,
  subsystem TEXT NOT NULL DEFAULT 'TSQL',
  command TEXT NULL,
  database_name TEXT NULL,
  database_user_name TEXT NULL,
  on_success_action INTEGER NOT NULL DEFAULT 1,
  on_success_step_id INTEGER NOT NULL DEFAULT 0,
  on_fail_action INTEGER NOT NULL DEFAULT 2,
  on_fail_step_id INTEGER NOT NULL DEFAULT 0,
  retry_attempts INTEGER NOT NULL DEFAULT 0,
  retry_interval INTEGER NOT NULL DEFAULT 0,
  proxy_id INTEGER NULL,
  PRIMARY KEY (job_id, step_id)
);

CREATE TABLE sysschedules (
  schedule_id INTEGER PRIMARY KEY AUTOINCREMENT,
  schedule_uid TEXT NOT NULL UNIQUE,
  originating_server_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL COLLATE NOCASE,
  owner_sid TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  freq_type INTEGER NOT NULL DEFAULT 4,
  freq_interval INTEGER NOT NULL DEFAULT 1,
  freq_subday_type INTEGER NOT NULL DEFAULT 1,
  freq_subday_interval INTEGER NOT NULL DEFAULT 0,
  freq_relative_interval INTEGER NOT NULL DEFAULT 0,
  freq_recurrence_factor INTEGER NOT NULL DEFAULT 0,
  active_start_date INTEGER NOT NULL DEFAULT 20000101,
  active_end_date INTEGER NOT NULL DEFAULT 99991231,
  active_start_time INTEGER NOT NULL DEFAULT 0,
  active_end_time INTEGER NOT NULL DEFAULT 235959,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  version_number INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sysjobschedules (
  schedule_id INTEGER NOT NULL,
  job_id TEXT NOT NULL,
  next_run_date INTEGER NOT NULL DEFAULT 0,
  next_run_time INTEGER NOT NULL DEFAULT 0,
  UNIQUE (schedule_id, job_id)
);

CREATE TABLE sysjobservers (
  job_id TEXT NOT NULL,
  server_id INTEGER NOT NULL,
  last_run_outcome INTEGER NOT NULL DEFAULT 5,
  last_outcome_message TEXT NULL,
  last_run_date INTEGER NOT NULL DEFAULT 0,
  last_run_time INTEGER NOT NULL DEFAULT 0,
  last_run_duration INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (job_id, server_id)
);
CREATE INDEX sysjobservers_server ON sysjobservers (server_id);

CREATE TABLE sysjobhistory (
  instance_id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL,
  step_id INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  sql_message_id INTEGER NOT NULL DEFAULT 0,
  sql_severity INTEGER NOT NULL DEFAULT 0,
  message TEXT NULL,
  run_status INTEGER NOT NULL,
  run_date INTEGER NOT NULL,
  run_time INTEGER NOT NULL,
  run_duration INTEGER NOT NULL,
  retries_attempted INTEGER NOT NULL DEFAULT 0,
  server TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX sysjobhistory_job ON sysjobhistory (job_id, instance_id);

-- Agent registry values (MSXServerName, DownloadedMaxRows, MSXPollInterval, ...).
CREATE TABLE sim_registry (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  value TEXT NULL
);

-- Server logins, for owner checks (14544) and the caller's identity.
CREATE TABLE sim_logins (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  sid TEXT NOT NULL UNIQUE,
  is_sysadmin INTEGER NOT NULL DEFAULT 0
);

INSERT INTO syscategories (category_id, category_class, category_type, name) VALUES
  (0, 1, 1, '[Uncategorized (Local)]'),
  (1, 1, 1, 'Jobs from MSX'),
  (2, 1, 2, '[Uncategorized (Multi-Server)]'),
  (3, 1, 1, 'Database Maintenance'),
  (98, 2, 3, '[Uncategorized]'),
  (99, 3, 3, '[Uncategorized]');
INSERT INTO sim_logins (name, sid, is_sysadmin) VALUES ('sa', '0x01', 1);
`;

/**
 * Indexes the simulation adds for speed (msdb has its own): created on new and on reopened
 * databases alike, so a lab file from an earlier version gets them too. Blocked targets
 * (sp_help_targetserver's EXISTS on an error) are few: a partial index finds them without
 * visiting every download row of every target.
 */
export const MSDB_INDEXES = `
CREATE INDEX IF NOT EXISTS sysdownloadlist_errors ON sysdownloadlist (target_server) WHERE error_message IS NOT NULL;
`;

/**
 * Tables added after the first lab files were written: created on new and reopened databases.
 * sysproxies keeps what job steps and the lab's proxy fault need (msdb's columns, minus
 * credential_id: credentials are not simulated, the name given is kept as credential_name).
 */
export const MSDB_ADDED_TABLES = `
CREATE TABLE IF NOT EXISTS sysproxies (
  proxy_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  credential_name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  description TEXT NULL
);
`;

/**
 * Columns added after the first lab files were written: [table, column, definition]. A reopened
 * database gets each one it lacks (SQLite has no ADD COLUMN IF NOT EXISTS).
 */
export const MSDB_ADDED_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['sysjobsteps', 'on_success_step_id', 'INTEGER NOT NULL DEFAULT 0'],
  ['sysjobsteps', 'on_fail_step_id', 'INTEGER NOT NULL DEFAULT 0'],
];
