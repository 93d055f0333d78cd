// How an executor's answer becomes tokens: the shapes clients key on (research/tds.md §5):
//   each result set: COLMETADATA, ROW..., DONEINPROC(MORE|COUNT, rows)
//   then INFO per message, RETURNSTATUS, DONEPROC
// and an error: INFO for what came before, ERROR (number, state, class, server, procedure,
// line), RETURNSTATUS 1 (msdb's procedures RETURN(1) after RAISERROR), DONEPROC(ERROR).
import type { ProcResult, Recordset } from '../msdb/executor';
import type { ByteWriter } from './bytes';
import { CurCmd, Done, Token, writeColMetadata, writeDone, writeMessage, writeReturnStatus, writeRow, type MessageToken } from './tokens';
import { inferColumns, type Column } from './types';

/** COLMETADATA and ROWs of one recordset, closed by a DONEINPROC (inProc) or DONE with MORE and COUNT. */
export function writeRecordset(w: ByteWriter, rows: Recordset, doneToken: number, columns: Column[] = inferColumns(rows)): void {
  writeColMetadata(w, columns);
  for (const row of rows) writeRow(w, columns, row);
  writeDone(w, doneToken, Done.MORE | Done.COUNT, CurCmd.SELECT, rows.length);
}

export function writeProcResult(w: ByteWriter, result: ProcResult, serverName: string, procName: string, doneStatus: number): void {
  for (const rs of result.recordsets) writeRecordset(w, rs, Token.DONEINPROC);
  for (const m of result.messages) {
    writeMessage(w, { number: m.number, state: 1, class: Math.min(m.severity, 10), message: m.text, serverName, procName, lineNumber: 0 });
  }
  writeReturnStatus(w, result.returnValue);
  writeDone(w, Token.DONEPROC, doneStatus, CurCmd.EXECUTE, 0);
}

interface ErrorLike {
  number?: unknown;
  severity?: unknown;
  state?: unknown;
  message?: unknown;
  procName?: unknown;
  lineNumber?: unknown;
  otherErrors?: unknown;
  messages?: unknown;
}

/** Error tokens for whatever an executor threw: SQL Server's own fields when it is a SqlServerError. */
export function errorTokens(e: unknown, serverName: string, procName: string): MessageToken[] {
  const x = (typeof e === 'object' && e !== null ? e : {}) as ErrorLike;
  const one = (y: ErrorLike): MessageToken => {
    const isSql = typeof y.number === 'number' && typeof y.severity === 'number';
    return {
      number: isSql ? (y.number as number) : 50000,
      state: typeof y.state === 'number' ? y.state : 1,
      class: isSql ? Math.max(11, Math.min(25, y.severity as number)) : 16,
      message: isSql ? String(y.message ?? '') : `The lab could not run ${procName || 'the request'}: ${String(y.message ?? e)}`,
      serverName,
      procName: typeof y.procName === 'string' ? y.procName : procName,
      lineNumber: typeof y.lineNumber === 'number' ? y.lineNumber : 0,
    };
  };
  const out: MessageToken[] = [];
  // Informational messages that came before the error (an executor over a real server keeps them).
  if (Array.isArray(x.messages)) {
    for (const m of x.messages as Array<{ number: number; severity: number; text: string }>) {
      out.push({ number: m.number, state: 1, class: Math.min(m.severity, 10), message: m.text, serverName, procName, lineNumber: 0 });
    }
  }
  out.push(one(x));
  if (Array.isArray(x.otherErrors)) for (const o of x.otherErrors as ErrorLike[]) out.push(one(o));
  return out;
}

export function writeProcError(w: ByteWriter, e: unknown, serverName: string, procName: string, doneStatus: number): void {
  for (const t of errorTokens(e, serverName, procName)) writeMessage(w, t);
  writeReturnStatus(w, 1);
  writeDone(w, Token.DONEPROC, doneStatus | Done.ERROR, CurCmd.EXECUTE, 0);
}
