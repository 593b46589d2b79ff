import type { PbxCore } from './pbx-core';
import type { SimChannel } from './sim-model';
import { formatCdrTime } from './wire-format';

export interface CdrSpec {
  destination: string;
  destinationContext: string;
  destinationChannel: string;
  lastApplication: string;
  lastData: string;
  disposition: 'ANSWERED' | 'NO ANSWER';
  startAt: number;
}

/** Emits one Cdr event (cdr_manager): names are not escaped here, unlike channel events. */
export function emitCdr(core: PbxCore, ch: SimChannel, spec: CdrSpec): void {
  const end = core.clock.now();
  const answer = ch.answeredAt ?? end;
  core.emit('Cdr', 'cdr,all', [
    ['AccountCode', ''],
    ['Source', ch.callerNum === '<unknown>' ? '' : ch.callerNum],
    ['Destination', spec.destination],
    ['DestinationContext', spec.destinationContext],
    ['CallerID', `"${ch.callerName === '<unknown>' ? '' : ch.callerName}" <${ch.callerNum}>`],
    ['Channel', ch.name],
    ['DestinationChannel', spec.destinationChannel],
    ['LastApplication', spec.lastApplication],
    ['LastData', spec.lastData],
    ['StartTime', formatCdrTime(spec.startAt)],
    ['AnswerTime', ch.answeredAt === undefined ? '' : formatCdrTime(answer)],
    ['EndTime', formatCdrTime(end)],
    ['Duration', String(Math.floor((end - spec.startAt) / 1000))],
    ['BillableSeconds', String(ch.answeredAt === undefined ? 0 : Math.floor((end - answer) / 1000))],
    ['Disposition', spec.disposition],
    ['AMAFlags', 'DOCUMENTATION'],
    ['UniqueID', ch.uniqueid],
    ['UserField', ''],
  ]);
}
