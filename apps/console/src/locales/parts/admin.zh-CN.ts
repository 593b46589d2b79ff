/** 系统管理: the section tabs and what each one manages. Each section adds its own part file. */
export default {
  queueDashboard: '队列监控',
  queueDashboardHint: '后台任务队列的积压、失败与任务详情（只读，在新标签页打开）',
  sections: {
    accounts: '账号',
    units: '单位',
    areas: '区域与网格',
    hotlines: '热线',
    categories: '诉求分类',
    rules: '分类规则',
    calendar: '工作日历',
  },
  descriptions: {
    accounts: '查询、新建和编辑账号，停用、解锁、重置密码，批量导入与导出。',
    units: '部门、街镇、网格队伍和警务台：上级、层级、联动等级、值班电话与承办分类。',
    areas: '区 → 街镇 → 网格，边界从 GeoJSON 导入并校验，在地图上查看。',
    hotlines: '号码、名称与非工作时间的处理方式。',
    categories: '分类树：警务标志、办理层级、签收/答复/延期时限和附加字段。',
    rules: '警务/非警务分类的关键词规则，可输入样例试分类。',
    calendar: '每年的节假日与调休上班日，预览对在办工单期限的影响。',
  },
};
