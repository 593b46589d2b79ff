/**
 * Words of the ticket export, in the console's two languages (the same words as the console's
 * `ticket.*` messages): column headers, states, channels and classes. Names come from the rows.
 */
export type ExportLang = 'zh-CN' | 'en';

export const EXPORT_HEADERS: Record<ExportLang, Record<string, string>> = {
  'zh-CN': {
    code: '工单编号', title: '标题', category: '分类', state: '状态', channel: '来源', ticketClass: '类别', leadUnit: '主办单位',
    area: '区域', address: '地址', caller: '来电号码', createdAt: '受理时间', handleDueAt: '办理时限', closedAt: '办结时间',
  },
  en: {
    code: 'Ticket code', title: 'Title', category: 'Category', state: 'State', channel: 'Source', ticketClass: 'Class', leadUnit: 'Lead unit',
    area: 'Area', address: 'Address', caller: 'Caller', createdAt: 'Accepted at', handleDueAt: 'Reply due', closedAt: 'Closed at',
  },
};

export const EXPORT_WORDS: Record<ExportLang, { states: Record<string, string>; channels: Record<string, string>; classes: Record<string, string>; sheet: string; confidential: string }> = {
  'zh-CN': {
    states: {
      accepted: '已受理', closed_at_intake: '直接办结', dispatched: '已派单', signed: '已签收', returned: '已退单', in_progress: '办理中',
      replied: '已回复', follow_up: '回访中', reopened: '重办', closed: '已办结', merged: '已合并',
    },
    channels: { phone: '电话', mailbox: '信箱', mobile: '移动端', web: '网页', grid_patrol: '巡查上报' },
    classes: { police: '警务类', non_police: '非警务类' },
    sheet: '工单查询',
    confidential: '（保密）',
  },
  en: {
    states: {
      accepted: 'Accepted', closed_at_intake: 'Closed at intake', dispatched: 'Dispatched', signed: 'Signed', returned: 'Returned',
      in_progress: 'In progress', replied: 'Replied', follow_up: 'Follow-up', reopened: 'Reopened', closed: 'Closed', merged: 'Merged',
    },
    channels: { phone: 'Phone', mailbox: 'Mailbox', mobile: 'Mobile', web: 'Web', grid_patrol: 'Grid patrol' },
    classes: { police: 'Police', non_police: 'Non-police' },
    sheet: 'Tickets',
    confidential: '(confidential)',
  },
};
