/** 调度大厅（突发事件指挥大屏）。`command-hall.en.ts` must have exactly the same keys. */
const commandHallZhCN = {
  menu: '调度大厅',
  title: '调度大厅',
  exit: '退出大屏',
  live: { open: '实时', connecting: '连接中', reconnecting: '重连中', idle: '未连接', unauthenticated: '登录已失效' },
  updatedAt: '更新于 {time}',
  loadFailed: '大屏数据加载失败，稍后自动重试',
  kpi: { incidents: '处置中事件', acknowledged: '单位确认', overdueTasks: '超时任务', warnings: '生效预警', gaps: '值班空缺' },
  panels: {
    map: '事件分布', incidents: '联动单位响应', tasks: '任务看板', resources: '已投入资源', duty: '当前值班（一级联动单位）',
    warnings: '生效预警', timeline: '实时动态',
  },
  legend: '图例',
  empty: {
    incidents: '当前没有处置中的突发事件', tasks: '暂无任务', resources: '暂未调配资源', warnings: '没有生效中的预警', timeline: '暂无动态', activations: '尚未启动联动单位',
  },
  ackCount: '{acknowledged}/{total} 已确认',
  casualties: '亡 {deaths} · 伤 {injuries} · 失联 {missing}',
  nextReport: '{kind} {time} 前',
  nextReportOverdue: '{kind}已超时',
  due: '{time} 截止',
  overdue: '超时',
  committed: '在用',
  dispatched: '累计出动',
  onDuty: '值班',
  deputy: '副班',
  nobody: '无人值班',
  gapAlarm: '值班空缺：{unit}',
  gapUntil: '{unit}（至 {time}）',
  warningAck: '确认 {acknowledged}/{total}',
  warningUntil: '有效至 {time}',
  trailBy: '{name}',
};

export default commandHallZhCN;
