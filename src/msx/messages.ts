// SQL Server's own message numbers, severities and texts for the procedures we reproduce.
// Texts are kept exactly as SQL Server sends them (sys.messages, English), with the same
// printf-style placeholders; `formatMessage` fills them the way RAISERROR does.

export interface MessageDef {
  severity: number;
  text: string;
}

export const MESSAGES = {
  14043: { severity: 16, text: "The parameter '%s' cannot be NULL." },
  14217: { severity: 10, text: "SQLServerAgent on '%s' has performed a forced defection of TSX server '%s'. Run sp_delete_targetserver at the MSX in order to complete the defection." },
  14221: { severity: 16, text: "This job has one or more notifications to operators other than '%s'. The job cannot be targeted at remote servers as currently defined." },
  14223: { severity: 16, text: "Cannot modify or delete operator '%s' while this server is a %s." },
  14225: { severity: 16, text: 'Warning: Could not determine local machine name. This prevents MSX operations from being posted.' },
  14226: { severity: 10, text: '%ld history entries purged.' },
  14227: { severity: 10, text: "Server defected from MSX '%s'. %ld job(s) deleted." },
  14228: { severity: 10, text: "Server MSX enlistment changed from '%s' to '%s'." },
  14229: { severity: 10, text: "Server enlisted into MSX '%s'." },
  14230: { severity: 10, text: 'SP_POST_MSX_OPERATION: %ld %s download instruction(s) posted.' },
  14231: { severity: 10, text: "SP_POST_MSX_OPERATION Warning: The specified %s ('%s') is not involved in a multiserver job." },
  14232: { severity: 16, text: 'Specify either a job_name, job_id, or an originating_server.' },
  14233: { severity: 16, text: 'Specify a valid job_id (or 0x00 for all jobs).' },
  14240: { severity: 10, text: 'Job applied to %ld new servers.' },
  14241: { severity: 10, text: 'Job removed from %ld servers.' },
  14243: { severity: 0, text: "Job '%s' started successfully." },
  14253: { severity: 0, text: '%ld (of %ld) job(s) stopped successfully.' },
  14254: { severity: 0, text: "Job '%s' stopped successfully." },
  14256: { severity: 16, text: 'Cannot start the job "%s" (ID %s) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver.' },
  14257: { severity: 16, text: 'Cannot stop the job "%s" (ID %s) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver.' },
  14258: { severity: 16, text: 'Cannot perform this operation while SQLServerAgent is starting. Try again later.' },
  14260: { severity: 16, text: 'You do not have sufficient permission to run this command. Contact your system administrator.' },
  14261: { severity: 16, text: "The specified %s ('%s') already exists." },
  14262: { severity: 16, text: "The specified %s ('%s') does not exist." },
  14517: { severity: 16, text: 'A proxy account is not allowed for a Transact-SQL subsystem.' },
  14263: { severity: 16, text: "Target server '%s' is already a member of group '%s'." },
  14264: { severity: 16, text: "Target server '%s' is not a member of group '%s'." },
  14266: { severity: 16, text: "The specified '%s' is invalid (valid values are: %s)." },
  14268: { severity: 16, text: "There are no jobs at this server that originated from server '%s'." },
  14269: { severity: 16, text: "Job '%s' is already targeted at server '%s'." },
  14270: { severity: 16, text: "Job '%s' is not currently targeted at server '%s'." },
  14272: { severity: 16, text: 'Object-type and object-name must be supplied as a pair.' },
  14274: { severity: 16, text: 'Cannot add, update, or delete a job (or its steps or schedules) that originated from an MSX server.' },
  14289: { severity: 16, text: "%s cannot contain '%s' characters." },
  14290: { severity: 16, text: 'This job is currently targeted at the local server so cannot also be targeted at a remote server.' },
  14291: { severity: 16, text: 'This job is currently targeted at a remote server so cannot also be targeted at the local server.' },
  14293: { severity: 16, text: "There are two or more jobs named '%s'. Specify %s instead of %s to uniquely identify the job." },
  14294: { severity: 16, text: 'Supply either %s or %s to identify the job.' },
  14296: { severity: 16, text: "This server is already enlisted into MSX '%s'." },
  14297: { severity: 16, text: 'Cannot enlist into the local machine.' },
  14298: { severity: 16, text: 'This server is not currently enlisted into an MSX.' },
  14299: { severity: 16, text: "Server '%s' is an MSX. Cannot enlist one MSX into another MSX." },
  14306: { severity: 16, text: 'The target server (TSX) version is not compatible with the master server (MSX) version (%ld.%ld.%ld).' },
  14360: { severity: 16, text: '%s is already configured as TSX machine' },
  14362: { severity: 16, text: 'The MSX server must be running the Standard or Enterprise edition of SQL Server' },
  14363: { severity: 16, text: "The MSX server is not prepared for enlistments [there must be an operator named 'MSXOperator' defined at the MSX]" },
  14364: { severity: 16, text: 'The TSX server is not currently enlisted' },
  14365: { severity: 16, text: 'Specify a valid schedule_uid.' },
  14392: { severity: 16, text: 'Only a sysadmin or the owner of a job can purge its history.' },
  14393: { severity: 16, text: 'Only owner of a job or members of role sysadmin or SQLAgentOperatorRole can start and stop the job.' },
  14397: { severity: 16, text: 'Only members of sysadmin server role can start/stop multi-server jobs' },
  14398: { severity: 16, text: 'Only members of sysadmin server role can create multi-server jobs' },
  14539: { severity: 16, text: 'Only a Standard or Enterprise edition of SQL Server can be enlisted into an MSX.' },
  14540: { severity: 16, text: 'Only a SQL Server running on Microsoft Windows NT can be enlisted into an MSX.' },
  14541: { severity: 16, text: 'The version of the MSX (%s) is not recent enough to support this TSX. Version %s or later is required at the MSX.' },
  14542: { severity: 16, text: 'It is invalid for any TSQL step of a multiserver job to have a non-null %s value.' },
  14544: { severity: 16, text: "This job is owned by '%s'. Only a job owned by a member of the %s role can be a multiserver job." },
  // Job, step and schedule procedures (issue 10).
  14234: { severity: 16, text: "The specified '%s' is invalid (valid values are returned by %s)." },
  14235: { severity: 16, text: 'The specified %s is invalid (valid values are greater than 0 but excluding %ld).' },
  14236: { severity: 10, text: 'Warning: Non-existent step referenced by %s.' },
  14242: { severity: 16, text: 'Only a system administrator can reassign ownership of a job.' },
  14283: { severity: 16, text: 'Specify at least one target server or target server group.' },
  14369: { severity: 10, text: 'One or more schedules were not deleted because they are being used by at least one other job. Use "sp_detach_schedule" to remove schedules from a job.' },
  14371: { severity: 16, text: 'There are two or more schedules named "%s". Specify %s instead of %s to uniquely identify the schedules.' },
  14373: { severity: 16, text: 'Supply either %s or %s to identify the schedule.' },
  14374: { severity: 16, text: 'The specified schedule name "%s" is not associated with the job "%s".' },
  14377: { severity: 16, text: 'The schedule was not attached to the specified job. The schedule owner and the job owner must be the same or the operation must be performed by a sysadmin.' },
  14396: { severity: 16, text: 'Only members of sysadmin server role can modify multi-server jobs' },
  14525: { severity: 16, text: 'Only members of sysadmin role are allowed to update or delete jobs owned by a different login.' },
  14543: { severity: 16, text: "Login '%s' owns one or more multiserver jobs. Ownership of these jobs can only be assigned to members of the %s role." },
  14545: { severity: 16, text: "The %s parameter is not valid for a job step of type '%s'." },
  14547: { severity: 10, text: 'Warning: This change will not be downloaded by the target server(s) until an %s for the job is posted using %s.' },
  14582: { severity: 16, text: 'Only a sysadmin can specify the @output_file_name parameter for a job step.' },
  14583: { severity: 16, text: 'Only members of sysadmin role can specify @database_user_name parameter.' },
  15003: { severity: 16, text: 'Only members of the %s role can execute this stored procedure.' },
  21263: { severity: 16, text: "Parameter '%s' cannot be NULL or an empty string." },
} as const satisfies Record<number, MessageDef>;

export type MessageNumber = keyof typeof MESSAGES | keyof typeof ENGINE_MESSAGES;

function def(number: MessageNumber): MessageDef {
  return (MESSAGES as Record<number, MessageDef>)[number] ?? (ENGINE_MESSAGES as Record<number, MessageDef>)[number];
}

/**
 * Fills %s, %d, %ld, %i, %u placeholders in order, as RAISERROR does (%% is a literal %). The
 * engine's own messages write strings as %.*ls (length and text): one argument each here.
 */
export function formatMessage(number: MessageNumber, ...args: Array<string | number | null | undefined>): string {
  let i = 0;
  return def(number).text.replace(/%(%|\.\*ls|l?[sdiu])/g, (m, spec: string) => {
    if (spec === '%') return '%';
    const value = args[i++];
    return value === null || value === undefined ? '(null)' : String(value);
  });
}

export function severityOf(number: MessageNumber): number {
  return def(number).severity;
}

// Engine errors the executor itself raises, with SQL Server's numbers and texts.
export const ENGINE_MESSAGES = {
  /** The procedure's EXECUTE permission was denied (sp_help_targetserver & co. check no role themselves). */
  229: { severity: 14, text: "The EXECUTE permission was denied on the object '%.*ls', database '%.*ls', schema '%.*ls'." },
  201: { severity: 16, text: "Procedure or function '%s' expects parameter '%s', which was not supplied." },
  2812: { severity: 16, text: "Could not find stored procedure '%s'." },
  8114: { severity: 16, text: 'Error converting data type %s to %s.' },
  8145: { severity: 16, text: '%s is not a parameter for procedure %s.' },
  8152: { severity: 16, text: 'String or binary data would be truncated.' },
  8169: { severity: 16, text: 'Conversion failed when converting from a character string to uniqueidentifier.' },
  220: { severity: 16, text: 'Arithmetic overflow error for data type %s, value = %s.' },
  22022: { severity: 16, text: 'SQLServerAgent Error: %s' },
  515: { severity: 16, text: "Cannot insert the value NULL into column '%s', table '%s'; column does not allow nulls. %s fails." },
  2601: { severity: 16, text: "Cannot insert duplicate key row in object '%s' with unique index '%s'. The duplicate key value is %s." },
  241: { severity: 16, text: 'Conversion failed when converting date and/or time from character string.' },
} as const satisfies Record<number, MessageDef>;
