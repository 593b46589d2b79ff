import type { InboxMessages } from './inbox.zh-CN';

/** Handler workspace (English). */
const inboxEn: InboxMessages = {
  title: 'Inbox',
  description: 'Sign for, handle and reply to the tickets dispatched to your unit.',
  unit: 'Unit: {unit}',
  noUnit: 'Your account has no unit; showing every ticket in your scope',
  tabs: {
    to_sign: 'To sign',
    in_progress: 'In progress',
    overdue: 'Overdue',
    returned: 'Returned',
    to_verify: 'To check',
  },
  updated: 'New notification: the list was refreshed',
};

export default inboxEn;
