import type { DispatchMessages } from './dispatch.zh-CN';

/** Dispatcher and shift-lead view (English). */
const dispatchEn: DispatchMessages = {
  title: 'Dispatch',
  description: 'Dispatch tickets, rule on returns and extension requests, follow up and close.',
  tabs: {
    awaiting: 'To dispatch',
    returned: 'Returns to rule on',
    extensions: 'Extension requests',
    dispatched: 'Dispatched, not signed',
    follow_up: 'Follow-up due',
    reply_review: 'Reply review',
    verifying: 'Awaiting on-site check',
  },
  batch: {
    selected: '{count} selected',
    open: 'Dispatch selected',
    clear: 'Clear selection',
    title: 'Dispatch {count} tickets',
    tooMany: 'At most {max} tickets at a time',
    leadRequired: 'Choose the lead unit',
    submit: 'Dispatch',
    close: 'Close',
    resultTitle: 'Dispatched {succeeded}, failed {failed}',
    ticket: 'Ticket',
    result: 'Result',
    ok: 'Dispatched',
    failures: {
      state: 'The ticket is now “{state}” and cannot be dispatched',
      conflict: 'The ticket changed state and cannot be dispatched',
      not_found: 'The ticket does not exist or is outside your scope',
      forbidden: 'You may not dispatch this ticket',
      invalid: 'Something in the request was not valid',
      other: 'Dispatch failed; try again later',
    },
  },
  followUpColumn: 'Follow-up and close',
  extensionColumn: 'Request',
  extensionValue: '{days} working days: {reason}',
  extensionsHint: 'Pending extension requests among tickets being handled (up to {count})',
  verifyingHint: 'Replies waiting for the grid worker\'s on-site check (done on the phone, under "To check"); a passed check moves them to follow-up, a failed one sends them back to the unit.',
};

export default dispatchEn;
