/** 话单核对差异（值班长、区级指挥）。`discrepancy.en.ts` must have exactly the same keys. */
const discrepancyZhCN = {
  title: '与交换机话单的差异',
  lastRun: '上次核对 {time}',
  neverRun: '尚未核对',
  off: '未配置交换机话单库，通话记录未与话单核对',
  none: '通话记录与交换机话单一致',
  loadFailed: '差异加载失败',
  count: '{count} 处未解决',
  recovered: '话单补录',
  noValue: '无',
  seconds: '{count} 秒',
  columns: {
    call: '来电时间',
    hotline: '热线',
    agent: '接听坐席',
    field: '不一致项',
    yixian: '一线记录',
    pbx: '交换机话单',
    detectedAt: '发现时间',
  },
  fields: {
    hotlineNumber: '热线号码',
    callerNumber: '来电号码',
    state: '通话结果',
    enteredAt: '进入队列',
    answeredAt: '接听时间',
    endedAt: '结束时间',
    agentInterface: '接听坐席',
    waitSeconds: '等待时长',
    talkSeconds: '通话时长',
    hangupBy: '挂断方',
    recordingFile: '录音文件',
    overflowReason: '溢出原因',
    transferTarget: '转接目标',
  },
  hangupBy: {
    caller: '来电人',
    agent: '坐席',
    transfer: '转接',
    unknown: '未知',
  },
};

export type DiscrepancyMessages = typeof discrepancyZhCN;
export default discrepancyZhCN;
