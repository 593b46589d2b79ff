import type { DiscrepancyMessages } from './discrepancy.zh-CN';

/** Differences with the PBX accounting (shift lead, commander), English. */
const discrepancyEn: DiscrepancyMessages = {
  title: 'Differences with the PBX accounting',
  lastRun: 'Last checked {time}',
  neverRun: 'Not checked yet',
  off: 'No PBX accounting database is configured: call records are not checked against it',
  none: 'The call records agree with the PBX accounting',
  loadFailed: 'Could not load the differences',
  count: '{count} open',
  recovered: 'Recovered from the PBX',
  noValue: 'none',
  seconds: '{count} s',
  columns: {
    call: 'Call',
    hotline: 'Hotline',
    agent: 'Answered by',
    field: 'Differs in',
    yixian: 'Yixian',
    pbx: 'PBX accounting',
    detectedAt: 'Found',
  },
  fields: {
    hotlineNumber: 'Hotline number',
    callerNumber: 'Caller number',
    state: 'Outcome',
    enteredAt: 'Entered the queue',
    answeredAt: 'Answered at',
    endedAt: 'Ended at',
    agentInterface: 'Answered by',
    waitSeconds: 'Wait',
    talkSeconds: 'Talk time',
    hangupBy: 'Hung up by',
    recordingFile: 'Recording file',
    overflowReason: 'Overflow reason',
    transferTarget: 'Transferred to',
  },
  hangupBy: {
    caller: 'Caller',
    agent: 'Agent',
    transfer: 'Transfer',
    unknown: 'Unknown',
  },
};

export default discrepancyEn;
