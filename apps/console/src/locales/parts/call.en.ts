import type { CallMessages } from './call.zh-CN';

/** Calls: agent states, screen pop, call control (English). */
const callEn: CallMessages = {
  agentStates: {
    ready: 'Ready',
    paused: 'Paused',
    ringing: 'Ringing',
    busy: 'On a call',
    wrap_up: 'Wrap-up',
    logged_in: 'Logged in',
    logged_out: 'Logged out',
  },
  pauseReasons: {
    break: 'Break',
    meal: 'Meal',
    training: 'Training',
    meeting: 'Meeting',
    after_call_work: 'After-call work',
    other: 'Other',
  },
  phases: {
    ringing: 'Incoming call',
    talking: 'On the call',
    ended: 'Call ended',
    missed: 'Taken by another agent or not answered',
  },
  states: {
    offered: 'Queued',
    ringing: 'Ringing',
    answered: 'Answered',
    completed: 'Completed',
    abandoned: 'Abandoned',
    transferred: 'Transferred',
  },
  pop: {
    title: 'Incoming call',
    hotline: 'Hotline dialled',
    caller: 'Caller',
    unknownCaller: 'Unknown number',
    repeatCaller: 'Repeat caller: {count} calls in 7 days',
    firstCaller: 'First call in 7 days',
    history: 'Caller history',
    earlierCalls: 'Earlier calls',
    earlierTickets: 'Earlier tickets',
    noHistory: 'No history',
    historyFailed: 'Could not load the history',
    answer: 'Answer',
    answerHint: 'Demo mode: click to answer; with a real phone, answer on the phone',
  },
  panel: {
    talkTime: 'Talk time',
    hangup: 'Hang up',
    transfer: 'Transfer',
    conference: 'Three-party call',
    destination: 'Destination',
    destinationPlaceholder: 'Choose or type 110 / 6xxx / an outside number',
    destinationInvalid: 'Use 110, a 6xxx department desk or an outside number',
    policeDesk: '110 police desk',
    finish: 'Finish wrap-up',
    sent: 'Sent to the phone system',
  },
  errors: {
    pbx_rejected: 'The phone system refused (nothing is ringing, or the call has ended)',
    pbx_unavailable: 'The phone system is not answering; try again shortly',
    conflict: 'The call has changed state; the action is no longer possible',
  },
};

export default callEn;
