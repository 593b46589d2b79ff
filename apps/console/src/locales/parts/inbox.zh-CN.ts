/** 承办工作台（C2）。`inbox.en.ts` must have exactly the same keys. */
const inboxZhCN = {
  title: '待办工单',
  description: '签收、办理并回复派给本单位的工单。',
  unit: '本单位：{unit}',
  noUnit: '您的账号未关联单位，显示您范围内的全部工单',
  tabs: {
    to_sign: '待签收',
    in_progress: '办理中',
    overdue: '已超期',
    returned: '已退单',
    to_verify: '待核查',
  },
  updated: '已收到新通知，列表已刷新',
};

export type InboxMessages = typeof inboxZhCN;
export default inboxZhCN;
