/**
 * The monthly report's 应急管理 sheet: the emergency figures of the month (incidents, first
 * reports, acknowledgements, tasks, warnings, what was dispatched), then one row per activated unit.
 * Rates are numbers formatted as percentages; units by name, tiers and measures in words.
 */
import type ExcelJS from 'exceljs';
import type { ExportLang } from '../../lib/export-labels.js';
import type { EmergencyFigures } from '../emergency-figures/build-emergency-figures.js';

const PERCENT = '0.0%';

const WORDS = {
  'zh-CN': {
    sheet: '应急管理', figure: '指标', value: '值',
    received: '接报突发事件', filed: '立案', dismissed: '不予立案', handled: '处置完毕', closed: '结案', handlingRate: '处置率（处置完毕 ÷ 立案）',
    firstReportMinutes: '初报用时中位数（分钟）', firstReportOnTime: '初报按时率',
    activations: '激活联动单位（次）', acknowledged: '已确认', ackRate: '确认率', ackMinutes: '确认用时中位数（分钟）',
    escalated: '升级呼叫副班', unreached: '未能联系', tasksDue: '到期任务', tasksOnTime: '按时完成', taskRate: '任务按时完成率',
    recipients: '预警接收对象', warningsAcked: '已确认', warningRate: '预警确认率',
    unit: '单位', tier: '联动层级', tiers: { 1: '一级', 2: '二级', 3: '三级' } as Record<number, string>,
    measures: { vehicle: '出动车次', person: '出动人次', tonne: '调运物资（吨）', piece: '物资（件）', set: '装备（套）', cubic_metre: '物资（立方米）' } as Record<string, string>,
  },
  en: {
    sheet: 'Emergencies', figure: 'Figure', value: 'Value',
    received: 'Incidents reported', filed: 'Filed', dismissed: 'Dismissed', handled: 'Handled', closed: 'Closed', handlingRate: 'Handling rate (handled ÷ filed)',
    firstReportMinutes: 'Median time to initial report (min)', firstReportOnTime: 'Initial reports on time',
    activations: 'Unit activations', acknowledged: 'Acknowledged', ackRate: 'Acknowledgement rate', ackMinutes: 'Median time to acknowledge (min)',
    escalated: 'Escalated to deputy', unreached: 'Unreached', tasksDue: 'Tasks due', tasksOnTime: 'Done on time', taskRate: 'Task on-time rate',
    recipients: 'Warning recipients', warningsAcked: 'Acknowledged', warningRate: 'Warning acknowledgement rate',
    unit: 'Unit', tier: 'Linkage tier', tiers: { 1: 'Tier 1', 2: 'Tier 2', 3: 'Tier 3' } as Record<number, string>,
    measures: { vehicle: 'Vehicle trips', person: 'Person-times', tonne: 'Materials (t)', piece: 'Materials (pieces)', set: 'Equipment (sets)', cubic_metre: 'Materials (m³)' } as Record<string, string>,
  },
} as const;

export function addEmergencySheet(workbook: ExcelJS.Workbook, figures: EmergencyFigures, lang: ExportLang): void {
  const w = WORDS[lang];
  const sheet = workbook.addWorksheet(w.sheet);
  const { incidents, activations, tasks, warnings, resources } = figures;
  sheet.addRow([w.figure, w.value]).font = { bold: true };
  const rows: [string, number | null, boolean?][] = [
    [w.received, incidents.received], [w.filed, incidents.filed], [w.dismissed, incidents.dismissed], [w.handled, incidents.handled],
    [w.closed, incidents.closed], [w.handlingRate, incidents.handlingRate, true],
    [w.firstReportMinutes, incidents.firstReport.medianMinutes], [w.firstReportOnTime, incidents.firstReport.onTimeRate, true],
    [w.activations, activations.total], [w.acknowledged, activations.acknowledged], [w.ackRate, activations.ackRate, true],
    [w.ackMinutes, activations.medianAckMinutes], [w.escalated, activations.escalated], [w.unreached, activations.unreached],
    [w.tasksDue, tasks.due], [w.tasksOnTime, tasks.onTime], [w.taskRate, tasks.onTimeRate, true],
    [w.recipients, warnings.recipients], [w.warningsAcked, warnings.acknowledged], [w.warningRate, warnings.ackRate, true],
    ...Object.entries(resources.byMeasure).map(([measure, total]) => [w.measures[measure] ?? measure, total] as [string, number]),
  ];
  for (const [label, value, percent] of rows) {
    const row = sheet.addRow([label, value]);
    if (percent) row.getCell(2).numFmt = PERCENT;
  }
  sheet.addRow([]);
  sheet.addRow([w.unit, w.tier, w.activations, w.acknowledged, w.ackRate, w.ackMinutes, w.escalated, w.unreached,
    w.tasksDue, w.tasksOnTime, w.taskRate, w.recipients, w.warningsAcked, w.warningRate]).font = { bold: true };
  for (const u of figures.units) {
    const row = sheet.addRow([
      lang === 'en' && u.unit.nameEn ? u.unit.nameEn : u.unit.name, u.unit.tier ? w.tiers[u.unit.tier] ?? '' : '',
      u.activations.total, u.activations.acknowledged, u.activations.ackRate, u.activations.medianAckMinutes, u.activations.escalated, u.activations.unreached,
      u.tasks.due, u.tasks.onTime, u.tasks.onTimeRate, u.warnings.recipients, u.warnings.acknowledged, u.warnings.ackRate,
    ]);
    for (const column of [5, 11, 14]) row.getCell(column).numFmt = PERCENT;
  }
  sheet.columns.forEach((column, index) => { column.width = index === 0 ? 34 : 16; });
}
