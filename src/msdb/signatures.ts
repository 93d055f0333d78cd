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
  | { kind: 'nchar'; length: number };

export interface ParamDecl {
  name: string; // without '@', lower case
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
  sp_help_job: [opt('job_id', guid), opt('job_name', sysname)],
  sp_help_operator: [opt('operator_name', sysname), opt('operator_id', int)],
  // called by target agents on their master
  sp_enlist_tsx: [
    p('action', int),
    p('servername', sysname),
    p('location', nvarchar(200)),
    p('timezoneadjustment', int),
    p('localtime', nvarchar(100)),
    p('ntusername', nvarchar(100)),
    p('pollinterval', int),
    opt('tsx_version', int, 0),
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
};

/** SQL Server's name for a declared type, as it appears in conversion errors and scripts. */
export function typeName(t: SqlParamType): string {
  switch (t.kind) {
    case 'nvarchar':
    case 'varchar':
    case 'nchar':
      return `${t.kind}(${t.length})`;
    default:
      return t.kind;
  }
}
