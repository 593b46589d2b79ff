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
  },
  extensionColumn: 'Request',
  extensionValue: '{days} working days: {reason}',
  extensionsHint: 'Pending extension requests among tickets being handled (up to {count})',
};

export default dispatchEn;
