import type { ReplyReviewMessages } from './reply-review.zh-CN';

const replyReviewEn: ReplyReviewMessages = {
  hint: 'A unit’s reply reaches the citizen only once approved here. Sending one back needs a reason; the reply deadline keeps running.',
  empty: 'No replies waiting for review',
  unit: 'Unit',
  reply: 'Reply',
  actions: 'Review',
  approve: 'Approve',
  sendBack: 'Send back',
  sendBackTitle: 'Send back the reply to {code}',
  reason: 'Reason',
  reasonRequired: 'Give the reason for sending it back',
  cancel: 'Cancel',
  approved: 'The reply to {code} is approved; the citizen can read it',
  sentBack: 'The reply to {code} was sent back to the unit',
  sentBackTitleUnit: '{count} replies were sent back by the centre: revise and reply again',
  sentBackReason: 'Reason: {reason} ({who}, {time})',
};

export default replyReviewEn;
