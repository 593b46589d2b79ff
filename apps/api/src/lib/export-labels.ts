/**
 * The words the server writes into exports (XLSX/CSV headers and cells) in the console's language.
 * The console passes its locale as `lang=zh-CN|en` (default zh-CN). Only what the exports need is
 * here; the strings are the console's own (`apps/console/src/locales/parts/*`), and
 * `export-labels.test.ts` checks the two still agree.
 */
export const EXPORT_LANGS = ['zh-CN', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];
export const DEFAULT_EXPORT_LANG: ExportLang = 'zh-CN';

type Dict = Readonly<Record<string, string>>;

export interface ExportLabels {
  /** Ticket indicators (按时签收率 …). */
  indicators: Dict;
  /** Call figure columns of the statistics table. */
  calls: Dict;
  /** Ticket count columns of the statistics table. */
  ticketCounts: Dict;
  ticketStates: Dict;
  callStates: Dict;
  channels: Dict;
  kinds: Dict;
  classes: Dict;
  unitTypes: Dict;
  /** Police vs non-police table (statistics/class-split.routes.ts). */
  classSplit: Dict;
  /** Everything else a header needs. */
  words: Dict;
  /** Account roles (the console's `roles`). */
  roles: Dict;
  /** Account states and the columns of the accounts export and import template (the console's `accounts.*`). */
  accountStates: Dict;
  accountColumns: Dict;
}

const zhCN: ExportLabels = {
  indicators: {
    on_time_sign: '按时签收率', on_time_completion: '按时办结率', return_rate: '退单率', redo_rate: '重办率',
    satisfaction: '满意率', extension_rate: '延期率', direct_answer: '直接答复率', mailbox_on_time: '信箱按期回复率',
    supervision_count: '督办次数', notice_count: '通报次数',
    grid_settlement: '网格办结率', on_spot_count: '网格自处数', patrol_report_count: '巡查上报数',
    activation_ack_rate: '应急激活确认率', activation_ack_minutes: '激活确认用时中位数（分钟）', task_on_time: '应急任务按时完成率', warning_ack_rate: '预警确认率',
  },
  calls: {
    key: '时段 / 热线', offered: '呼入量', answered: '接通量', abandoned: '放弃量', answeredWithin15s: '15 秒内接通',
    answeredWithinThreshold: '{seconds} 秒内接通', abandonedWithinThreshold: '{seconds} 秒内放弃',
    totalWaitSeconds: '总等待时长（秒）', totalTalkSeconds: '总通话时长（秒）',
    connectionRate: '接通率', timelyAnswerRate: '15 秒接通率', serviceLevel: '服务水平', serviceLevel2: '服务水平 2',
    abandonRate: '放弃率', averageSpeedOfAnswer: '平均应答时长', averageHandleTime: '平均处理时长',
  },
  ticketCounts: {
    key: '分组', created: '新建', dispatched: '派发', signed: '签收', returned: '退单', extended: '延期',
    replied: '回复', reopened: '重办', closed: '办结', satisfied: '满意', supervised: '督办',
  },
  ticketStates: {
    accepted: '已受理', closed_at_intake: '直接办结', dispatched: '已派单', signed: '已签收', returned: '已退单', in_progress: '办理中',
    replied: '已回复', follow_up: '回访中', reopened: '重办', closed: '已办结', merged: '已合并', reply_review: '回复待审', verifying: '待核查',
  },
  callStates: {
    offered: '排队中', ringing: '振铃', answered: '已接听', completed: '已完成', abandoned: '放弃', transferred: '已转接',
    timeout: '排队超时', overflow: '溢出（下班/无坐席）',
  },
  channels: { phone: '电话', mailbox: '信箱', mobile: '移动端', web: '网页', grid_patrol: '巡查上报' },
  kinds: { consultation: '咨询', help_request: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' },
  classes: { police: '警务类', non_police: '非警务类' },
  unitTypes: { department: '区直部门', street_office: '街镇', grid_team: '网格' },
  classSplit: {
    key: '时段', police: '警务类工单', nonPolice: '非警务类工单', total: '工单合计', policeShare: '警务类占比',
    calls110: '110 来电', callsOther: '其他热线来电', divertedToNonPolice: '110→12345 分流', pushedToPolice: '12345→110 推送',
  },
  words: {
    total: '合计', name: '名称', unit: '单位', unitCode: '单位编码', unitType: '单位类型', rank: '排名', score: '得分',
    value: '值', numerator: '分子', denominator: '分母', points: '得分', noData: '无数据',
    hotline: '热线', hotlineNumber: '热线号码', callerNumber: '来电号码', agent: '坐席', state: '状态', enteredAt: '进入队列',
    answeredAt: '接听时间', waitSeconds: '等待（秒）', talkSeconds: '通话（秒）',
    code: '工单编号', title: '标题', channel: '渠道', ticketClass: '类别', kind: '诉求类型', category: '分类', leadUnit: '承办单位',
    createdAt: '创建时间', confidential: '（保密）',
  },
  roles: {
    agent: '话务员', shift_lead: '值班长', dispatcher: '派单员', dept_handler: '承办人', dept_admin: '部门联络员',
    grid_member: '网格员', commander: '区级指挥', admin: '系统管理员', auditor: '审计员', kb_editor: '知识库编辑',
  },
  accountStates: { active: '正常', disabled: '已停用', locked: '已锁定', must_change: '待改密' },
  accountColumns: {
    username: '用户名', displayName: '姓名', roles: '角色', unit: '所属单位', area: '所在区域', scopeAll: '全区范围',
    scopeAreas: '管辖区域', scopeUnits: '管辖单位', scopeCategories: '业务分类', extension: '分机号', phone: '电话',
    state: '状态', lastLoginAt: '最近登录', createdAt: '创建时间',
  },
};

const en: ExportLabels = {
  indicators: {
    on_time_sign: 'On-time sign-for', on_time_completion: 'On-time completion', return_rate: 'Return rate', redo_rate: 'Redo rate',
    satisfaction: 'Satisfaction', extension_rate: 'Extension rate', direct_answer: 'Direct answer', mailbox_on_time: 'Mailbox on-time reply',
    supervision_count: 'Supervisions', notice_count: 'Notices',
    grid_settlement: 'Settled in the grid', on_spot_count: 'Handled on the spot', patrol_report_count: 'Patrol reports filed',
    activation_ack_rate: 'Activations acknowledged', activation_ack_minutes: 'Median time to acknowledge (min)', task_on_time: 'Emergency tasks on time', warning_ack_rate: 'Warnings acknowledged',
  },
  calls: {
    key: 'Period / hotline', offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned', answeredWithin15s: 'Answered ≤ 15 s',
    answeredWithinThreshold: 'Answered ≤ {seconds} s', abandonedWithinThreshold: 'Abandoned ≤ {seconds} s',
    totalWaitSeconds: 'Total wait (s)', totalTalkSeconds: 'Total talk (s)',
    connectionRate: 'Connection rate', timelyAnswerRate: '15-s answer rate', serviceLevel: 'Service level', serviceLevel2: 'Service level 2',
    abandonRate: 'Abandon rate', averageSpeedOfAnswer: 'ASA', averageHandleTime: 'AHT',
  },
  ticketCounts: {
    key: 'Group', created: 'Created', dispatched: 'Dispatched', signed: 'Signed', returned: 'Returned', extended: 'Extended',
    replied: 'Replied', reopened: 'Reopened', closed: 'Closed', satisfied: 'Satisfied', supervised: 'Supervised',
  },
  ticketStates: {
    accepted: 'Accepted', closed_at_intake: 'Closed at intake', dispatched: 'Dispatched', signed: 'Signed', returned: 'Returned',
    in_progress: 'In progress', replied: 'Replied', follow_up: 'Follow-up', reopened: 'Reopened', closed: 'Closed', merged: 'Merged',
    reply_review: 'Reply under review',
    verifying: 'Awaiting on-site check',
  },
  callStates: {
    offered: 'Queued', ringing: 'Ringing', answered: 'Answered', completed: 'Completed', abandoned: 'Abandoned', transferred: 'Transferred',
    timeout: 'Queue timeout', overflow: 'Overflow (after hours / no agents)',
  },
  channels: { phone: 'Phone', mailbox: 'Mailbox', mobile: 'Mobile', web: 'Web', grid_patrol: 'Grid patrol' },
  kinds: { consultation: 'Consultation', help_request: 'Help request', complaint: 'Complaint', report: 'Report', suggestion: 'Suggestion', praise: 'Praise' },
  classes: { police: 'Police', non_police: 'Non-police' },
  unitTypes: { department: 'Departments', street_office: 'Street offices', grid_team: 'Grid teams' },
  classSplit: {
    key: 'Period', police: 'Police tickets', nonPolice: 'Non-police tickets', total: 'All tickets', policeShare: 'Police share',
    calls110: 'Calls on 110', callsOther: 'Calls on other hotlines', divertedToNonPolice: '110 → 12345 diversions', pushedToPolice: '12345 → 110 pushes',
  },
  words: {
    total: 'Total', name: 'Name', unit: 'Unit', unitCode: 'Unit code', unitType: 'Unit type', rank: 'Rank', score: 'Score',
    value: 'value', numerator: 'numerator', denominator: 'denominator', points: 'points', noData: 'No data',
    hotline: 'Hotline', hotlineNumber: 'Hotline number', callerNumber: 'Caller', agent: 'Agent', state: 'State', enteredAt: 'Queued at',
    answeredAt: 'Answered at', waitSeconds: 'Wait (s)', talkSeconds: 'Talk (s)',
    code: 'Ticket', title: 'Title', channel: 'Channel', ticketClass: 'Class', kind: 'Kind', category: 'Category', leadUnit: 'Lead unit',
    createdAt: 'Created', confidential: '(confidential)',
  },
  roles: {
    agent: 'Agent', shift_lead: 'Shift lead', dispatcher: 'Dispatcher', dept_handler: 'Department handler', dept_admin: 'Department liaison',
    grid_member: 'Grid member', commander: 'District commander', admin: 'Administrator', auditor: 'Auditor', kb_editor: 'Knowledge editor',
  },
  accountStates: { active: 'Active', disabled: 'Disabled', locked: 'Locked', must_change: 'Must change password' },
  accountColumns: {
    username: 'Username', displayName: 'Name', roles: 'Roles', unit: 'Unit', area: 'Home area', scopeAll: 'Whole district',
    scopeAreas: 'Areas in scope', scopeUnits: 'Units in scope', scopeCategories: 'Categories', extension: 'Extension', phone: 'Phone',
    state: 'State', lastLoginAt: 'Last sign-in', createdAt: 'Created',
  },
};

const LABELS: Readonly<Record<ExportLang, ExportLabels>> = { 'zh-CN': zhCN, en };

export function exportLabels(lang: ExportLang | undefined): ExportLabels {
  return LABELS[lang ?? DEFAULT_EXPORT_LANG];
}

/** A label from one dictionary, the code itself when the dictionary does not know it. */
export function labelOf(dict: Dict, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return dict[code] ?? code;
}

/** Fills `{name}` placeholders, as vue-i18n does in the console. */
export function fillLabel(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A time as the centre reads it: Asia/Shanghai, `2026-02-03 08:05:09`. */
export function formatExportTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
