/** 系统管理 → 工作日历. */
export default {
  year: '{year} 年',
  summary: '节假日 {holidays} 天，调休上班 {workdays} 天',
  unsaved: '未保存',
  builtIn: '内置默认',
  none: '尚未设置',
  empty: '这一年还没有节假日',
  columns: { date: '日期', kind: '类型', name: '名称' },
  kinds: { holiday: '放假', workday: '调休上班' },
  importTitle: '导入 {year} 年的放假安排',
  importHint: '按国务院办公厅通知，每天一行：日期、类型（放假/上班）、名称，可从表格直接粘贴。保存会替换这一年的全部安排。',
  placeholder: '日期\t类型\t名称\n2027-02-06\t放假\t春节\n2027-02-20\t上班\t春节',
  read: '读取并预览',
  save: '保存 {year} 年',
  discard: '放弃',
  affects: '将影响 {n} 件在办工单的期限',
  saved: '{year} 年的工作日历已保存，重新计算了 {n} 件在办工单的期限',
};
