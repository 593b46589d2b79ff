/** 手机版（网格员、承办人，`/m/`）。`mobile.en.ts` must have exactly the same keys. */
const mobileZhCN = {
  appName: '一线 · 手机版',
  openPhoneApp: '手机版',
  openPhoneAppHint: '网格员在手机上签收、办理、回复工单',
  offline: '网络已断开，操作会失败，请在有信号时重试',
  login: {
    subtitle: '网格员、承办人登录',
    signOut: '退出登录',
    desktopOnly: '手机版暂不支持这一步',
    mfaEnrol: '您的角色要求先设置两步验证。请在电脑上打开一线完成设置，再回到手机版登录。',
    passwordChange: '您正在使用一次性密码。请先在电脑上打开一线修改密码，再回到手机版登录。',
    noHandlerRole: '手机版只供网格员和承办人办理工单。您的角色请在电脑上使用一线。',
  },
  nav: {
    inbox: '工单',
    notifications: '通知',
    more: '我的',
  },
  inbox: {
    title: '待办工单',
    empty: '这里暂时没有工单',
    loadFailed: '工单加载失败，下拉或点“刷新”重试',
    updatedAt: '更新于 {time}',
  },
  ticket: {
    back: '返回',
    summary: '办理轨迹',
    trailEntry: '{time} {action}',
    noDescription: '（无诉求内容）',
    noAddress: '（无地址）',
    loadFailed: '工单加载失败',
    done: '已{action}',
  },
  sheet: {
    confirm: '确认{action}',
    cancel: '取消',
    close: '关闭',
    sign: '签收后开始计算办理时限，本单位将负责办理此工单。',
    start: '开始办理此工单，现场处置后请及时回复。',
    replyHint: '写明办理结果，可拍照附上现场照片。',
    returnHint: '退单须在派单后 1 个工作日内，由派单员裁定。',
    extensionHint: '每张工单只能申请一次延期，最多 5 个工作日，由派单员审批。',
    conflict: '工单已是“{state}”，不能再{action}。已为您刷新，请查看后再操作。',
    returnWindowClosed: '已过退单时限（须在 {time} 前退单）。如确需退回，请联系派单员。',
    extensionPending: '已有一个延期申请在等待派单员审批，不能重复申请。',
  },
  notifications: {
    title: '通知',
    empty: '暂无通知',
    loadFailed: '通知加载失败',
  },
  me: {
    title: '我的',
    language: '语言',
    desktop: '打开电脑版',
  },
};

export type MobileMessages = typeof mobileZhCN;
export default mobileZhCN;
