/** 值班长的现场监管：监听 / 耳语 / 强插、强制小休或签出、队列告警、坐席端的提示。`supervision.en.ts` must have exactly the same keys. */
const supervisionZhCN = {
  actions: '操作',
  modes: { listen: '监听', whisper: '耳语', barge: '强插' },
  modeHints: {
    listen: '您的话机将振铃，接起后可听到双方通话，双方听不到您。',
    whisper: '您的话机将振铃，接起后只有坐席能听到您说话，来电人听不到。',
    barge: '您的话机将振铃，接起后您加入三方通话，双方都能听到您。',
  },
  confirmListen: '{mode}坐席 {agent} 的通话？',
  confirmTitle: '确认{mode}',
  confirm: '确定',
  cancel: '取消',
  listening: '{mode}中…请接起您的话机（{agent}）',
  listeningLive: '{mode}中…（{agent}）',
  endListening: '关闭提示',
  errors: {
    pbx_rejected: '交换机拒绝了{mode}：您的话机未能接通（未注册、离线或正忙）。',
    pbx_unavailable: '交换机没有响应，请稍后再试。',
    conflict: '无法{mode}：通话已结束，或您的账号没有分机号。',
    not_found: '找不到这通电话，它可能刚刚结束。',
    noCall: '找不到坐席 {agent} 正在进行的通话。',
  },
  pause: '强制小休',
  logout: '强制签出',
  forceTitle: { paused: '强制小休：{agent}', logged_out: '强制签出：{agent}' },
  reason: '原因',
  reasonRequired: '请选择原因',
  note: '说明',
  notePlaceholder: '告诉坐席为什么（坐席端可见）',
  noteRequired: '选择“其他”时请填写说明',
  submit: '确定',
  forced: { paused: '已让 {agent} 小休', logged_out: '已将 {agent} 签出' },
  forceErrors: {
    agent_in_call: '{agent} 正在通话，通话结束后才能签出。',
    pbx_rejected: '交换机拒绝了操作，请稍后再试。',
    pbx_unavailable: '交换机没有响应，请稍后再试。',
    conflict: '无法操作：该坐席没有分机号。',
    not_found: '找不到该坐席。',
  },
  alarms: {
    long_wait: '排队告警：最长等待已达 {value}，超过 {threshold}',
    low_service_level: '服务水平告警：近 {window} 分钟 15 秒接通率 {value}（{answered} 通已接），低于 {threshold}',
    since: '自 {time} 起',
    title: '队列告警',
  },
  desk: {
    paused: '值班长 {by} 让您小休：{reason}',
    logged_out: '值班长 {by} 已将您签出：{reason}',
    at: '{time}',
  },
};

export type SupervisionMessages = typeof supervisionZhCN;
export default supervisionZhCN;
