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
  },
  extensionColumn: '申请',
  extensionValue: '{days} 个工作日：{reason}',
  extensionsHint: '从办理中的工单里查找待审批的延期申请（最多 {count} 件）',
};

export type DispatchMessages = typeof dispatchZhCN;
export default dispatchZhCN;
