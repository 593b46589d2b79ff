/** 回复审核: the dispatch desk's tab and the unit's sent-back notice. `reply-review.en.ts` must have exactly the same keys. */
const replyReviewZhCN = {
  hint: '承办单位的回复经审核通过后，市民才能查询到；退回须写明原因，回复期限照常计算。',
  empty: '没有待审核的回复',
  unit: '承办单位',
  reply: '回复内容',
  actions: '审核',
  approve: '通过',
  sendBack: '退回',
  sendBackTitle: '退回 {code} 的回复',
  reason: '退回原因',
  reasonRequired: '请填写退回原因',
  cancel: '取消',
  approved: '{code} 的回复已审核通过，市民可查询',
  sentBack: '{code} 的回复已退回承办单位',
  sentBackTitleUnit: '{count} 件回复被中心退回，请修改后重新回复',
  sentBackReason: '退回原因：{reason}（{who}，{time}）',
};

export type ReplyReviewMessages = typeof replyReviewZhCN;
export default replyReviewZhCN;
