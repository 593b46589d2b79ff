/** 派单中心（C2）。`dispatch.en.ts` must have exactly the same keys. */
const dispatchZhCN = {
  title: '派单中心',
  description: '分派工单，裁定退单与延期申请，回访并办结。',
  tabs: {
    awaiting: '待派单',
    returned: '退单待裁定',
    extensions: '延期申请',
    dispatched: '已派未签收',
    follow_up: '待回访',
    reply_review: '回复审核',
    verifying: '待现场核查',
  },
  batch: {
    selected: '已选 {count} 件',
    open: '批量派单',
    clear: '取消选择',
    title: '批量派单（{count} 件）',
    tooMany: '一次最多派 {max} 件',
    leadRequired: '请选择主办单位',
    submit: '派单',
    close: '关闭',
    resultTitle: '派单结果：成功 {succeeded} 件，失败 {failed} 件',
    ticket: '工单',
    result: '结果',
    ok: '已派单',
    failures: {
      state: '工单已是“{state}”状态，不能派单',
      conflict: '工单状态已变化，不能派单',
      not_found: '工单不存在或不在您的范围内',
      forbidden: '您无权派发此工单',
      invalid: '提交的内容有误',
      other: '派单失败，请稍后重试',
    },
  },
  followUpColumn: '回访与办结',
  extensionColumn: '申请',
  extensionValue: '{days} 个工作日：{reason}',
  extensionsHint: '从办理中的工单里查找待审批的延期申请（最多 {count} 件）',
  verifyingHint: '承办单位已回复、正等待网格员到现场核查的工单（网格员在手机端“待核查”中处理）；核查通过后进入待回访，不通过则退回承办单位重办。',
};

export type DispatchMessages = typeof dispatchZhCN;
export default dispatchZhCN;
