/** 通话：状态、来电弹屏、通话控制（C1）。`call.en.ts` must have exactly the same keys. */
const callZhCN = {
  agentStates: {
    ready: '就绪',
    paused: '小休',
    ringing: '振铃中',
    busy: '通话中',
    wrap_up: '话后整理',
    unavailable: '话机离线',
    logged_out: '已签出',
  },
  pauseReasons: {
    break: '休息',
    meal: '就餐',
    training: '培训',
    meeting: '会议',
    after_call_work: '话后整理',
    other: '其他',
    /** Asterisk's own reason (PausedReason `Auto-Pause`): a call rang out here. */
    auto_pause: '未接自动暂停',
  },
  /** A pause taken during a call: the PBX pauses at once, the agent still talks (状态栏、大屏). */
  pendingPause: '通话结束后小休：{reason}',
  pendingAfterCallWork: '通话结束后话后整理',
  phases: {
    ringing: '来电振铃',
    talking: '通话中',
    ended: '通话已结束',
    missed: '来电已被接走或未接',
  },
  states: {
    offered: '排队中',
    ringing: '振铃',
    answered: '已接听',
    completed: '已完成',
    abandoned: '放弃',
    transferred: '已转接',
    timeout: '排队超时',
    overflow: '溢出（下班/无坐席）',
  },
  pop: {
    title: '来电',
    hotline: '拨打热线',
    caller: '来电号码',
    unknownCaller: '未知号码',
    repeatCaller: '重复来电：近 7 天 {count} 次',
    firstCaller: '近 7 天首次来电',
    history: '来电人历史',
    earlierCalls: '历史来电',
    earlierTickets: '历史工单',
    noHistory: '没有历史记录',
    historyFailed: '历史记录加载失败',
    answer: '接听',
    answerHint: '演示模式：点击接听；真实话机请在话机上接听',
  },
  panel: {
    talkTime: '通话时长',
    hangup: '挂断',
    transfer: '转接',
    conference: '三方通话',
    destination: '目标',
    destinationPlaceholder: '选择或输入 110 / 6xxx / 外线号码',
    destinationInvalid: '目标号码应为 110、6xxx 部门坐席或外线号码',
    policeDesk: '110 指挥中心',
    finish: '完成本次通话',
    startAfterCallWork: '话后整理（{seconds} 秒）',
    sent: '已发送到话务系统',
  },
  errors: {
    pbx_rejected: '话务系统拒绝了该操作（可能没有来电振铃或通话已结束）',
    pbx_unavailable: '话务系统暂时无响应，请稍后重试',
    conflict: '通话状态已变化，无法执行该操作',
    agent_in_call: '通话中不能签出，请先结束通话',
  },
};

export type CallMessages = typeof callZhCN;
export default callZhCN;
