// The declared parameters of every msdb procedure the product calls, as SQL Server declares
// them. The embedded msdb coerces arguments by these types (and raises SQL Server's errors for
// unknown or missing parameters); the mssql executor types its RPC parameters from them.

export type SqlParamType =
  | { kind: 'sysname' }
  | { kind: 'nvarchar'; length: number }
  | { kind: 'varchar'; length: number }
  | { kind: 'int' }
  | { kind: 'tinyint' }
  | { kind: 'bit' }
  | { kind: 'uniqueidentifier' }
  | { kind: 'datetime' }
  | { kind: 'nchar'; length: number }
  | { kind: 'char'; length: number };

export interface ParamDecl {
  /**
   * Without '@', spelled as msdb declares it (sp_enlist_tsx's are mixed case): the mssql executor
   * sends this spelling, which matters on a server with a case-sensitive collation. Lookups
   * compare lower-cased names.
   */
  name: string;
  type: SqlParamType;
  /** Present when the parameter is optional; `null` is the usual default. */
  default?: string | number | null;
}

const sysname: SqlParamType = { kind: 'sysname' };
const int: SqlParamType = { kind: 'int' };
const tinyint: SqlParamType = { kind: 'tinyint' };
const bit: SqlParamType = { kind: 'bit' };
const guid: SqlParamType = { kind: 'uniqueidentifier' };
const datetime: SqlParamType = { kind: 'datetime' };
const varchar = (length: number): SqlParamType => ({ kind: 'varchar', length });
const nvarchar = (length: number): SqlParamType => ({ kind: 'nvarchar', length });
const nchar = (length: number): SqlParamType => ({ kind: 'nchar', length });
const char = (length: number): SqlParamType => ({ kind: 'char', length });
/** nvarchar(max): mssql's MAX length marker (65535). */
export const NVARCHAR_MAX = 65535;
const nvarcharMax: SqlParamType = { kind: 'nvarchar', length: NVARCHAR_MAX };

function p(name: string, type: SqlParamType, dflt?: string | number | null): ParamDecl {
  return dflt === undefined ? { name, type } : { name, type, default: dflt };
}
const opt = (name: string, type: SqlParamType, dflt: string | number | null = null) => p(name, type, dflt);

export const PROC_SIGNATURES: Record<string, ParamDecl[]> = {
  // master side
  sp_post_msx_operation: [
    p('operation', varchar(64)),
    opt('object_type', varchar(64), 'JOB'),
    opt('job_id', guid),
    opt('specific_target_server', sysname),
    opt('value', int),
    opt('schedule_uid', guid),
  ],
  sp_help_targetserver: [opt('server_name', sysname)],
  sp_help_downloadlist: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('operation', varchar(64)),
    opt('object_type', varchar(64)),
    opt('object_name', sysname),
    opt('target_server', sysname),
    opt('has_error', tinyint),
    opt('status', tinyint),
    opt('date_posted', datetime),
  ],
  sp_resync_targetserver: [p('server_name', sysname)],
  sp_delete_targetserver: [p('server_name', sysname), opt('clear_downloadlist', bit, 1), opt('post_defection', bit, 1)],
  sp_downloaded_row_limiter: [p('server_name', sysname)],
  sp_add_targetservergroup: [p('name', sysname)],
  sp_update_targetservergroup: [p('name', sysname), p('new_name', sysname)],
  sp_delete_targetservergroup: [p('name', sysname)],
  sp_add_targetsvrgrp_member: [p('group_name', sysname), p('server_name', sysname)],
  sp_delete_targetsvrgrp_member: [p('group_name', sysname), p('server_name', sysname)],
  sp_help_targetservergroup: [opt('name', sysname)],
  sp_add_jobserver: [opt('job_id', guid), opt('job_name', sysname), opt('server_name', sysname), opt('automatic_post', bit, 1)],
  sp_delete_jobserver: [opt('job_id', guid), opt('job_name', sysname), p('server_name', sysname)],
  sp_help_jobserver: [opt('job_id', guid), opt('job_name', sysname), opt('show_last_run_details', tinyint, 0)],
  sp_start_job: [opt('job_name', sysname), opt('job_id', guid), opt('error_flag', int, 1), opt('server_name', sysname), opt('step_name', sysname), opt('output_flag', int, 1)],
  sp_stop_job: [opt('job_name', sysname), opt('job_id', guid), opt('originating_server', sysname), opt('server_name', sysname)],
  sp_multi_server_job_summary: [opt('job_id', guid), opt('job_name', sysname)],
  // Every filter msdb declares (the job procedures' own code applies them).
  sp_help_job: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('job_aspect', varchar(9)),
    opt('job_type', varchar(12)),
    opt('owner_login_name', sysname),
    opt('subsystem', nvarchar(40)),
    opt('category_name', sysname),
    opt('enabled', tinyint),
    opt('execution_status', int),
    opt('date_comparator', char(1)),
    opt('date_created', datetime),
    opt('date_last_modified', datetime),
    opt('description', nvarchar(512)),
  ],
  sp_help_operator: [opt('operator_name', sysname), opt('operator_id', int)],
  // jobs, steps, schedules, history (issue 10), in msdb's declaration order
  sp_add_job: [
    p('job_name', sysname),
    opt('enabled', tinyint, 1),
    opt('description', nvarchar(512)),
    opt('start_step_id', int, 1),
    opt('category_name', sysname),
    opt('category_id', int),
    opt('owner_login_name', sysname),
    opt('notify_level_eventlog', int, 2),
    opt('notify_level_email', int, 0),
    opt('notify_level_netsend', int, 0),
    opt('notify_level_page', int, 0),
    opt('notify_email_operator_name', sysname),
    opt('notify_netsend_operator_name', sysname),
    opt('notify_page_operator_name', sysname),
    opt('delete_level', int, 0),
    opt('job_id', guid),
    opt('originating_server', sysname),
  ],
  sp_update_job: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('new_name', sysname),
    opt('enabled', tinyint),
    opt('description', nvarchar(512)),
    opt('start_step_id', int),
    opt('category_name', sysname),
    opt('owner_login_name', sysname),
    opt('notify_level_eventlog', int),
    opt('notify_level_email', int),
    opt('notify_level_netsend', int),
    opt('notify_level_page', int),
    opt('notify_email_operator_name', sysname),
    opt('notify_netsend_operator_name', sysname),
    opt('notify_page_operator_name', sysname),
    opt('delete_level', int),
    opt('automatic_post', bit, 1),
  ],
  sp_delete_job: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('originating_server', sysname),
    opt('delete_history', bit, 1),
    opt('delete_unused_schedule', bit, 1),
  ],
  sp_add_jobstep: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('step_id', int),
    p('step_name', sysname),
    opt('subsystem', nvarchar(40), 'TSQL'),
    opt('command', nvarcharMax),
    opt('additional_parameters', nvarcharMax),
    opt('cmdexec_success_code', int, 0),
    opt('on_success_action', tinyint, 1),
    opt('on_success_step_id', int, 0),
    opt('on_fail_action', tinyint, 2),
    opt('on_fail_step_id', int, 0),
    opt('server', sysname),
    opt('database_name', sysname),
    opt('database_user_name', sysname),
    opt('retry_attempts', int, 0),
    opt('retry_interval', int, 0),
    opt('os_run_priority', int, 0),
    opt('output_file_name', nvarchar(200)),
    opt('flags', int, 0),
    opt('proxy_id', int),
    opt('proxy_name', sysname),
  ],
  sp_update_jobstep: [
    opt('job_id', guid),
    opt('job_name', sysname),
    p('step_id', int),
    opt('step_name', sysname),
    opt('subsystem', nvarchar(40)),
    opt('command', nvarcharMax),
    opt('additional_parameters', nvarcharMax),
    opt('cmdexec_success_code', int),
    opt('on_success_action', tinyint),
    opt('on_success_step_id', int),
    opt('on_fail_action', tinyint),
    opt('on_fail_step_id', int),
    opt('server', sysname),
    opt('database_name', sysname),
    opt('database_user_name', sysname),
    opt('retry_attempts', int),
    opt('retry_interval', int),
    opt('os_run_priority', int),
    opt('output_file_name', nvarchar(200)),
    opt('flags', int),
    opt('proxy_id', int),
    opt('proxy_name', sysname),
  ],
  sp_delete_jobstep: [opt('job_id', guid), opt('job_name', sysname), p('step_id', int)],
  sp_help_jobstep: [opt('job_id', guid), opt('job_name', sysname), opt('step_id', int), opt('step_name', sysname), opt('suffix', bit, 0)],
  sp_add_schedule: [
    p('schedule_name', sysname),
    opt('enabled', tinyint, 1),
    opt('freq_type', int, 0),
    opt('freq_interval', int, 0),
    opt('freq_subday_type', int, 0),
    opt('freq_subday_interval', int, 0),
    opt('freq_relative_interval', int, 0),
    opt('freq_recurrence_factor', int, 0),
    opt('active_start_date', int),
    opt('active_end_date', int, 99991231),
    opt('active_start_time', int, 0),
    opt('active_end_time', int, 235959),
    opt('owner_login_name', sysname),
    opt('schedule_uid', guid),
    opt('schedule_id', int),
    opt('originating_server', sysname),
  ],
  sp_attach_schedule: [opt('job_id', guid), opt('job_name', sysname), opt('schedule_id', int), opt('schedule_name', sysname), opt('automatic_post', bit, 1)],
  sp_detach_schedule: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('schedule_id', int),
    opt('schedule_name', sysname),
    opt('delete_unused_schedule', bit, 0),
    opt('automatic_post', bit, 1),
  ],
  sp_update_schedule: [
    opt('schedule_id', int),
    opt('name', sysname),
    opt('new_name', sysname),
    opt('enabled', tinyint),
    opt('freq_type', int),
    opt('freq_interval', int),
    opt('freq_subday_type', int),
    opt('freq_subday_interval', int),
    opt('freq_relative_interval', int),
    opt('freq_recurrence_factor', int),
    opt('active_start_date', int),
    opt('active_end_date', int),
    opt('active_start_time', int),
    opt('active_end_time', int),
    opt('owner_login_name', sysname),
    opt('automatic_post', bit, 1),
  ],
  sp_add_jobschedule: [
    opt('job_id', guid),
    opt('job_name', sysname),
    p('name', sysname),
    opt('enabled', tinyint, 1),
    opt('freq_type', int, 1),
    opt('freq_interval', int, 0),
    opt('freq_subday_type', int, 0),
    opt('freq_subday_interval', int, 0),
    opt('freq_relative_interval', int, 0),
    opt('freq_recurrence_factor', int, 0),
    opt('active_start_date', int),
    opt('active_end_date', int, 99991231),
    opt('active_start_time', int, 0),
    opt('active_end_time', int, 235959),
    opt('schedule_id', int),
    opt('automatic_post', bit, 1),
    opt('schedule_uid', guid),
  ],
  sp_help_jobschedule: [opt('job_id', guid), opt('job_name', sysname), opt('schedule_name', sysname), opt('schedule_id', int), opt('include_description', bit, 0)],
  sp_help_schedule: [opt('schedule_id', int), opt('schedule_name', sysname), opt('attached_schedules_only', bit, 0), opt('include_description', bit, 0)],
  sp_help_jobhistory: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('step_id', int),
    opt('sql_message_id', int),
    opt('sql_severity', int),
    opt('start_run_date', int),
    opt('end_run_date', int),
    opt('start_run_time', int),
    opt('end_run_time', int),
    opt('minimum_run_duration', int),
    opt('run_status', int),
    opt('minimum_retries', int),
    opt('oldest_first', int, 0),
    opt('server', sysname),
    opt('mode', varchar(7), 'SUMMARY'),
  ],
  sp_purge_jobhistory: [opt('job_name', sysname), opt('job_id', guid), opt('oldest_date', datetime)],
  sp_apply_job_to_targets: [
    opt('job_id', guid),
    opt('job_name', sysname),
    opt('target_server_groups', nvarchar(2048)),
    opt('target_servers', nvarchar(2048)),
    opt('operation', varchar(7), 'APPLY'),
  ],
  sp_remove_job_from_targets: [opt('job_id', guid), opt('job_name', sysname), opt('target_server_groups', nvarchar(1024)), opt('target_servers', nvarchar(1024))],
  sp_help_category: [opt('class', varchar(8), 'JOB'), opt('type', varchar(12)), opt('name', sysname), opt('suffix', bit, 0)],
  // called by target agents on their master
  sp_enlist_tsx: [
    p('Action', int),
    p('ServerName', sysname),
    p('Location', nvarchar(200)),
    p('TimeZoneAdjustment', int),
    p('LocalTime', datetime),
    p('NTUserName', nvarchar(100)),
    p('PollInterval', int),
    opt('TSX_Version', int, 0),
  ],
  sp_sqlagent_probe_msx: [p('server_name', sysname), p('local_time', nvarchar(100)), p('poll_interval', int), opt('time_zone_adjustment', int)],
  sp_sqlagent_check_msx_version: [opt('required_microsoft_version', int)],
  sp_sqlagent_refresh_job: [opt('job_id', guid), opt('server_name', sysname)],
  sp_get_sqlagent_properties: [],
  // target side
  sp_sqlagent_notify: [
    p('op_type', nchar(1)),
    opt('job_id', guid),
    opt('schedule_id', int),
    opt('alert_id', int),
    opt('action_type', nchar(1)),
    opt('error_flag', int, 1),
    opt('wmi_namespace', nvarchar(128)),
    opt('wmi_query', nvarchar(512)),
  ],
  sp_msx_enlist: [p('msx_server_name', sysname), opt('location', nvarchar(100))],
  sp_msx_defect: [opt('forced_defection', bit, 0)],
  // Make this a Master: MSXOperator (issue 11)
  sp_add_operator: [
    p('name', sysname),
    opt('enabled', tinyint, 1),
    opt('email_address', nvarchar(100)),
    opt('pager_address', nvarchar(100)),
    opt('weekday_pager_start_time', int, 90000),
    opt('weekday_pager_end_time', int, 180000),
    opt('saturday_pager_start_time', int, 90000),
    opt('saturday_pager_end_time', int, 180000),
    opt('sunday_pager_start_time', int, 90000),
    opt('sunday_pager_end_time', int, 180000),
    opt('pager_days', tinyint, 0),
    opt('netsend_address', nvarchar(100)),
    opt('category_name', sysname),
  ],
  sp_add_proxy: [
    p('proxy_name', sysname),
    opt('enabled', tinyint, 1),
    opt('description', nvarchar(512)),
    opt('credential_name', sysname),
    opt('credential_id', int),
  ],
};

/** SQL Server's name for a declared type, as it appears in conversion errors and scripts. */
export function typeName(t: SqlParamType): string {
  switch (t.kind) {
    case 'nvarchar':
    case 'varchar':
    case 'nchar':
    case 'char':
      return `${t.kind}(${t.length === NVARCHAR_MAX ? 'max' : t.length})`;
    default:
      return t.kind;
  }
}
