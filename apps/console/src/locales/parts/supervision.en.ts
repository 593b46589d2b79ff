import type { SupervisionMessages } from './supervision.zh-CN';

/** The shift lead's supervision on the floor. Same keys as `supervision.zh-CN.ts`. */
const supervisionEn: SupervisionMessages = {
  actions: 'Actions',
  modes: { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' },
  modeHints: {
    listen: 'Your phone will ring; once you pick up you hear both sides and neither hears you.',
    whisper: 'Your phone will ring; once you pick up only the agent hears you, not the caller.',
    barge: 'Your phone will ring; once you pick up you join the call and both sides hear you.',
  },
  confirmListen: '{mode} on {agent}’s call?',
  confirmTitle: 'Confirm: {mode}',
  confirm: 'OK',
  cancel: 'Cancel',
  listening: '{mode} in progress… pick up your phone ({agent})',
  listeningLive: '{mode} in progress… ({agent})',
  endListening: 'Dismiss',
  errors: {
    pbx_rejected: 'The PBX refused to {mode}: your phone could not be rung (not registered, offline or busy).',
    pbx_unavailable: 'The PBX did not answer; try again shortly.',
    conflict: 'Cannot {mode}: the call has ended, or your account has no extension.',
    not_found: 'The call was not found; it may just have ended.',
    noCall: 'No call in progress found for {agent}.',
  },
  pause: 'Force pause',
  logout: 'Sign out',
  forceTitle: { paused: 'Pause {agent}', logged_out: 'Sign out {agent}' },
  reason: 'Reason',
  reasonRequired: 'Choose a reason',
  note: 'Note',
  notePlaceholder: 'Tell the agent why (shown on their desk)',
  noteRequired: 'A note is required with “other”',
  submit: 'OK',
  forced: { paused: '{agent} is paused', logged_out: '{agent} is signed out' },
  forceErrors: {
    agent_in_call: '{agent} is on a call; sign them out once it has ended.',
    pbx_rejected: 'The PBX refused; try again shortly.',
    pbx_unavailable: 'The PBX did not answer; try again shortly.',
    conflict: 'Cannot do this: the agent has no extension.',
    not_found: 'The agent was not found.',
  },
  alarms: {
    long_wait: 'Queue alarm: the longest wait is {value}, over {threshold}',
    low_service_level: 'Service level alarm: answered within 15 s over the last {window} min is {value} ({answered} answered), under {threshold}',
    since: 'since {time}',
    title: 'Queue alarms',
  },
  desk: {
    paused: 'Shift lead {by} paused you: {reason}',
    logged_out: 'Shift lead {by} signed you out: {reason}',
    at: '{time}',
  },
};

export default supervisionEn;
