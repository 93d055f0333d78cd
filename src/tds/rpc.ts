// RPC requests (MS-TDS §2.2.6.6): ALL_HEADERS, then one or more RPCReqBatch separated by
// BatchFlag 0xFF (0x80 before TDS 7.2). Each: NameLenProcID (a US_VARCHAR name, or 0xFFFF and a
// ProcID), OptionFlags USHORT, then parameters: B_VARCHAR name, StatusFlags BYTE, TYPE_INFO, value.
import { ByteReader, TdsProtocolError } from './bytes';
import { readTypedValue, UnsupportedTypeError, type DecodedParam } from './types';

/** ProcIDs of §2.2.6.6; the lab runs sp_executesql only, the rest are named for the error text. */
export const ProcId: Record<number, string> = {
  1: 'sp_cursor',
  2: 'sp_cursoropen',
  3: 'sp_cursorprepare',
  4: 'sp_cursorexecute',
  5: 'sp_cursorprepexec',
  6: 'sp_cursorunprepare',
  7: 'sp_cursorfetch',
  8: 'sp_cursoroption',
  9: 'sp_cursorclose',
  10: 'sp_executesql',
  11: 'sp_prepare',
  12: 'sp_execute',
  13: 'sp_prepexec',
  14: 'sp_prepexecrpc',
  15: 'sp_unprepare',
};

export interface RpcCall {
  /** The procedure name as sent, or the ProcID's name. */
  name: string;
  procId?: number;
  params: DecodedParam[];
  /** A parameter of a type this server does not read: the call is answered with this error. */
  unsupported?: UnsupportedTypeError;
}

/** Skips ALL_HEADERS (§2.2.5.3): TotalLength DWORD counts itself and every header. */
export function skipAllHeaders(r: ByteReader): void {
  const start = r.pos;
  const total = r.u32('ALL_HEADERS length');
  if (total < 4 || total > r.end - start) throw new TdsProtocolError(`ALL_HEADERS length ${total} does not fit the message`);
  r.pos = start + total;
}

const BATCH_SEPARATORS = new Set([0xff, 0x80]);

export function parseRpc(payload: Buffer): RpcCall[] {
  const r = new ByteReader(payload);
  skipAllHeaders(r);
  const calls: RpcCall[] = [];
  for (;;) {
    const nameLen = r.u16('RPC NameLenProcID');
    const call: RpcCall = { name: '', params: [] };
    if (nameLen === 0xffff) {
      call.procId = r.u16('RPC ProcID');
      call.name = ProcId[call.procId] ?? `ProcID ${call.procId}`;
    } else {
      if (nameLen === 0 || nameLen > 1046) throw new TdsProtocolError(`RPC procedure name of ${nameLen} characters`);
      call.name = r.ucs2(nameLen, 'RPC procedure name');
    }
    r.u16('RPC OptionFlags');
    calls.push(call);
    while (r.remaining > 0 && !BATCH_SEPARATORS.has(r.buf[r.pos])) {
      const name = r.bVarchar('parameter name');
      const status = r.u8('parameter StatusFlags');
      try {
        const { typeId, value } = readTypedValue(r, `parameter ${name || '#' + (call.params.length + 1)}`);
        call.params.push({ name, output: (status & 0x01) !== 0, useDefault: (status & 0x02) !== 0, typeId, value });
      } catch (e) {
        if (e instanceof UnsupportedTypeError) {
          // The rest of the message cannot be read without knowing this type's layout.
          call.unsupported = e;
          return calls;
        }
        throw e;
      }
    }
    if (r.remaining === 0) return calls;
    r.u8('RPC batch separator');
    if (calls.length >= 256) throw new TdsProtocolError('more than 256 RPCs in one message');
  }
}
