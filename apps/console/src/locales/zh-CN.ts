import calendarZhCN from './parts/calendar.zh-CN';
import catalogueZhCN from './parts/catalogue.zh-CN';
import rulesZhCN from './parts/rules.zh-CN';
import auditZhCN from './parts/audit.zh-CN';
import accountsZhCN from './parts/accounts.zh-CN';
import adminZhCN from './parts/admin.zh-CN';
import hotlinesZhCN from './parts/hotlines.zh-CN';
import unitsZhCN from './parts/units.zh-CN';
import areasZhCN from './parts/areas.zh-CN';
import passwordZhCN from './parts/password.zh-CN';
import mfaZhCN from './parts/mfa.zh-CN';
import replyReviewZhCN from './parts/reply-review.zh-CN';
import attentionZhCN from './parts/attention.zh-CN';
import ticketSearchZhCN from './parts/ticket-search.zh-CN';
import callZhCN from './parts/call.zh-CN';
import worklistZhCN from './parts/worklist.zh-CN';
import deskZhCN from './parts/desk.zh-CN';
import knowledgeZhCN from './parts/knowledge.zh-CN';
import wallboardZhCN from './parts/wallboard.zh-CN';
import dispatchZhCN from './parts/dispatch.zh-CN';
import inboxZhCN from './parts/inbox.zh-CN';
import mobileZhCN from './parts/mobile.zh-CN';
import mobileMapZhCN from './parts/mobile-map.zh-CN';
import ticketZhCN from './parts/ticket.zh-CN';
import mailboxZhCN from './parts/mailbox.zh-CN';
import reportZhCN from './parts/report.zh-CN';
import assessmentZhCN from './parts/assessment.zh-CN';
import statsZhCN from './parts/stats.zh-CN';
import recordingZhCN from './parts/recording.zh-CN';
import discrepancyZhCN from './parts/discrepancy.zh-CN';
import pickersZhCN from './parts/pickers.zh-CN';
import supervisionZhCN from './parts/supervision.zh-CN';
import healthZhCN from './parts/health.zh-CN';
import emergencyZhCN from './parts/emergency.zh-CN';
import incidentZhCN from './parts/incident.zh-CN';
import dutyZhCN from './parts/duty.zh-CN';
import warningsZhCN from './parts/warnings.zh-CN';
import commandHallZhCN from './parts/command-hall.zh-CN';

/** Simplified Chinese: the default language. `en.ts` must have exactly the same keys. */
const zhCN = {
  calendar: calendarZhCN,
  catalogue: catalogueZhCN,
  rules: rulesZhCN,
  audit: auditZhCN,
  accounts: accountsZhCN,
  admin: adminZhCN,
  hotlines: hotlinesZhCN,
  units: unitsZhCN,
  areas: areasZhCN,
  attention: attentionZhCN,
  stats: statsZhCN,
  worklist: worklistZhCN,
  recording: recordingZhCN,
  discrepancy: discrepancyZhCN,
  pickers: pickersZhCN,
  ticket: ticketZhCN,
  ticketSearch: ticketSearchZhCN,
  assessment: assessmentZhCN,
  mailbox: mailboxZhCN,
  report: reportZhCN,
  inbox: inboxZhCN,
  mobile: mobileZhCN,
  mobileMap: mobileMapZhCN,
  dispatch: dispatchZhCN,
  emergency: emergencyZhCN,
  incident: incidentZhCN,
  duty: dutyZhCN,
  commandHall: commandHallZhCN,
  replyReview: replyReviewZhCN,
  warnings: warningsZhCN,
  app: {
    name: '一线',
    fullName: '一线 · 统一热线中心',
  },
  common: {
    loading: '加载中…',
    empty: '暂无数据',
    refresh: '刷新',
    retry: '重试',
    lastUpdated: '更新于 {time}',
    comingSoon: '此页面正在建设中',
    language: '语言',
    back: '返回首页',
    staleEdit: { message: '已被 {by} 于 {at} 修改（{fields}），请载入最新内容后重新编辑。', someone: '他人', reload: '载入最新内容' },
  },
  language: {
    zhCN: '中文',
    en: 'English',
  },
  roles: {
    agent: '话务员',
    shift_lead: '值班长',
    dispatcher: '派单员',
    dept_handler: '承办人',
    dept_admin: '部门联络员',
    grid_member: '网格员',
    commander: '区级指挥',
    admin: '系统管理员',
    auditor: '审计员',
    kb_editor: '知识库编辑',
  },
  menu: {
    desk: '坐席工作台',
    worklists: '回访与回拨',
    inbox: '待办工单',
    dispatch: '派单中心',
    wallboard: '监控大屏',
    stats: '统计分析',
    assessment: '一键考核',
    admin: '系统管理',
    knowledge: '知识库',
    audit: '审计日志',
    health: '系统状态',
    warnings: '预警信息发布',
  },
  pages: {
    desk: { description: '接听各热线来电，直接答复或创建并派发工单。' },
    inbox: { description: '签收、办理并回复派给本单位的工单。' },
    dispatch: { description: '分派工单，审核退单与延期申请。' },
    wallboard: { description: '实时查看排队、坐席状态与接通率。' },
    stats: { description: '来电与工单的统计图表。' },
    assessment: { description: '按考核方案一键计算各单位得分并排名。' },
    knowledge: { description: '查找答复口径；编辑起草、审核并发布知识条目。' },
    admin: { description: '管理用户、角色、目录、热线与工作日历。' },
    audit: { description: '查阅系统操作审计记录。' },
  },
  desk: deskZhCN,
  knowledge: knowledgeZhCN,
  call: callZhCN,
  wallboard: wallboardZhCN,
  supervision: supervisionZhCN,
  login: {
    title: '登录',
    subtitle: '统一热线中心 · 工作人员登录',
    username: '用户名',
    password: '密码',
    usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    invalidCredentials: '用户名或密码错误',
    accountLocked: '账号已被锁定，请于 {time} 后再试',
    accountLockedNoTime: '账号已被锁定，请稍后再试或联系管理员',
    sessionExpired: '登录已过期，请重新登录',
  },
  layout: {
    roles: '角色',
    logout: '退出登录',
    accountSecurity: '账号安全',
    changePassword: '修改密码',
    loggedOut: '已退出登录',
    noAccess: '您的账号暂无可用的功能，请联系管理员分配角色。',
  },
  health: healthZhCN,
  mfa: mfaZhCN,
  password: passwordZhCN,
  errors: {
    network_error: '网络连接失败，请检查网络后重试',
    timeout: '请求超时，请稍后重试',
    bad_response: '服务器返回了无法识别的响应',
    unauthenticated: '请先登录',
    session_expired: '登录已过期，请重新登录',
    session_ended: '登录已结束（已在别处退出），请重新登录',
    forbidden: '您没有权限执行此操作',
    csrf_failed: '页面已过期，请刷新后重试',
    not_found: '请求的内容不存在',
    validation_failed: '提交的内容有误，请检查后重试',
    rate_limited: '操作过于频繁，请稍后再试',
    service_unavailable: '系统繁忙或服务暂不可用，请稍后重试',
    bad_gateway: '处理该请求的服务器中断，请求未完成，请重试',
    internal_error: '服务器内部错误，请稍后重试',
    unknown: '操作失败，请稍后重试',
  },
  forbidden: {
    title: '无权访问',
    description: '您的角色无权访问此页面。',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除。',
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
