// The wire shapes the renderer works with, named once (types only: src/ is never bundled here).
import type { ApiParams, ApiWireResult } from '../../src/api/types';

export type Connection = ApiWireResult<'connections.list'>[number];
export type ExplorerNode = ApiWireResult<'explorer.children'>[number];
export type TargetRow = ApiWireResult<'targets.list'>[number];
export type ForcePollResult = ApiWireResult<'targets.forcePoll'>[number];
export type DownloadRow = ApiWireResult<'downloadList.list'>[number];
export type DownloadFilter = Omit<ApiParams<'downloadList.list'>, 'connectionId'>;
export type LabTarget = ApiWireResult<'lab.targets'>[number];
export type MultiserverJob = ApiWireResult<'jobs.list'>[number];
export type CallOutcome = ApiWireResult<'targets.postInstruction'>[number];
export type InstructionForm = ApiParams<'targets.postInstruction'>['instruction'];
export type ScriptAction = ApiParams<'targets.script'>['action'];
export type ConnectParams = ApiParams<'connections.connectSqlServer'>;
export type AgentRole = Connection['agentRole'];
export type SavedConnection = ApiWireResult<'connections.saved'>[number];
export type TestResult = ApiWireResult<'connections.test'>;
export type RegisteredTarget = ApiWireResult<'targets.registered'>[number];
export type AuditEntry = ApiWireResult<'audit.list'>['entries'][number];
