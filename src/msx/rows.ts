// Row shapes of the msdb tables the product reads (spec §2). Datetimes follow datetime.ts.

export interface TargetServerRow {
  server_id: number;
  server_name: string;
  location: string | null;
  time_zone_adjustment: number;
  enlist_date: Date;
  last_poll_date: Date;
  status: number;
  local_time_at_last_poll: Date;
  enlisted_by_nt_user: string;
  poll_interval: number;
}

/** A row of sp_help_targetserver (spec §4.1): status with computed bits, unread count, extrapolated local time. */
export interface TargetServerStatusRow extends Omit<TargetServerRow, 'local_time_at_last_poll'> {
  unread_instructions: number;
  local_time: Date;
}

export interface DownloadListRow {
  instance_id: number;
  source_server: string;
  operation_code: number;
  object_type: number;
  object_id: string;
  target_server: string;
  error_message: string | null;
  date_posted: Date;
  date_downloaded: Date | null;
  status: number;
  deleted_object_name: string | null;
}

/** A row of sp_help_downloadlist (spec §4.2): operation_code is text like `9 (SET-POLL)`. */
export interface DownloadInstructionRow {
  instance_id: number;
  source_server: string;
  operation_code: string;
  object_name: string;
  object_id: string;
  target_server: string;
  error_message: string | null;
  date_posted: Date;
  date_downloaded: Date | null;
  status: number;
}

export interface JobServerRow {
  job_id: string;
  server_id: number;
  last_run_outcome: number;
  last_outcome_message: string | null;
  last_run_date: number;
  last_run_time: number;
  last_run_duration: number;
}

/** sp_sqlagent_probe_msx's one unnamed row (spec §6). */
export interface ProbeResult {
  bad_enlistment: number;
  blocking_instructions: number;
  pending_instructions: number;
}
