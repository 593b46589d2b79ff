/** 一键考核（S3）。`assessment.en.ts` must have exactly the same keys. */
const assessmentZhCN = {
  title: '一键考核',
  description: '按考核方案一键计算各单位得分并排名，生成红黑榜，可下钻到每项指标背后的工单。',
  tabs: { runs: '考核结果', schemes: '考核方案' },
  unitTypes: { department: '区直部门', street_office: '街镇', grid_team: '网格' },
  indicators: {
    on_time_sign: '按时签收率', on_time_completion: '按时办结率', return_rate: '退单率', redo_rate: '重办率',
    satisfaction: '满意率', extension_rate: '延期率', direct_answer: '直接答复率', mailbox_on_time: '信箱按期回复率',
    supervision_count: '督办次数', notice_count: '通报次数',
    grid_settlement: '网格办结率', on_spot_count: '网格自处数', patrol_report_count: '巡查上报数',
    activation_ack_rate: '应急激活确认率', activation_ack_minutes: '激活确认用时中位数（分钟）', task_on_time: '应急任务按时完成率', warning_ack_rate: '预警确认率',
  },
  periodKinds: { month: '月度', half_year: '半年', year: '年度' },
  halves: { 1: '上半年', 2: '下半年' },
  status: { draft: '草稿', published: '已发布' },
  run: {
    scheme: '考核方案', period: '考核周期', year: '年份', month: '月份', half: '半年', start: '一键考核', running: '正在计算…',
    list: '历次考核', empty: '还没有考核结果，选择周期后点击“一键考核”', computedAt: '计算于 {time}', version: '第 {version} 版',
    select: '查看', publish: '发布', recompute: '重新计算', delete: '删除', exportXlsx: '导出 Excel', exportCsv: '导出 CSV',
    publishConfirm: '发布后结果不可再修改或删除，确认发布？', deleteConfirm: '删除这次草稿结果？', confirm: '确认', cancel: '取消',
    published: '已发布，结果已锁定', recomputed: '已重新计算', deleted: '已删除', created: '考核完成',
    rank: '排名', unit: '单位', score: '得分', red: '红榜（前五）', black: '黑榜（后五）', noUnits: '该类单位没有数据',
    noData: '无数据', unranked: '不参与排名', partial: '部分指标无数据，按有数据指标的权重折算', noDataHint: '无数据的单位（指标分母为 0）不参与排名，也不上红黑榜', listEmpty: '无',
    pickRun: '从左侧选择一次考核查看结果', loadFailed: '加载失败', points: '{points} 分',
  },
  drill: {
    title: '{unit} · {indicator}', stored: '考核时：{numerator} / {denominator} = {value}', current: '现在重算：{numerator} / {denominator} = {value}',
    changed: '考核之后工单留痕有变化，现在重算的结果与考核时不同', code: '工单编号', ticketTitle: '标题', state: '状态', inNumerator: '计入分子',
    dispatchedAt: '派单时间', category: '分类', unit: '承办单位', repliedAt: '回复时间', yes: '是', no: '否', confidential: '（保密）', hidden: '本页有 {count} 件工单不在您的权限范围内',
    empty: '没有相关工单',
    emptyRecords: '没有相关记录', recordCode: '事件/预警编号', recordTitle: '标题', recordKind: '类别',
    recordKinds: { activation: '单位激活', task: '应急任务', warning_recipient: '预警接收' },
    recordAt: { activation: '激活时间', task: '截止时间', warning_recipient: '发布时间' },
    recordSettledAt: { activation: '确认时间', task: '完成时间', warning_recipient: '确认时间' },
  },
  scheme: {
    list: '方案列表', name: '名称', nameEn: '英文名称', description: '说明', note: '修改说明', versions: '历史版本', version: '第 {version} 版',
    edit: '编辑（保存为新版本）', create: '新建方案', save: '保存', saved: '已保存为第 {version} 版', cancel: '取消',
    indicator: '指标', weight: '权重', rule: '计分规则', add: '添加指标', remove: '移除', total: '合计 {total}',
    weightsOff: '{type} 的权重合计为 {total}，应为 100', linear: '线性', deduction: '扣分', zeroAt: '0 分阈值', fullAt: '满分阈值', zeroAtCount: '0 分件数', fullAtCount: '满分件数', zeroAtMinutes: '0 分分钟数', fullAtMinutes: '满分分钟数',
    pointsPerEvent: '每次扣分', whenNoData: '无数据时', noDataFull: '得满分', noDataZero: '得 0 分', noDataExclude: '不计分（不参与排名）', notAssessed: '不考核该类单位',
    readOnly: '只有系统管理员可以编辑考核方案', empty: '还没有考核方案', ruleHint: '比率阈值为 0–1；“越低越好”的指标满分阈值低于 0 分阈值',
  },
};

export type AssessmentMessages = typeof assessmentZhCN;
export default assessmentZhCN;
