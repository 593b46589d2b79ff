/**
 * The district's 2017 emergency year, as the seed tells it (DOMAIN.md, issue 16): 177 incident
 * reports, 25 filed (立案) and dispatched to linkage units, the rest dismissed with a reason; an
 * ice storm and a cycling race commanded from the dispatch hall with 3,100 vehicle trips, about
 * 200,000 person-times and 500 t of industrial salt. Deterministic: the same year every run.
 */
import type { IncidentLevel, IncidentType } from '@yixian/domain';

export interface YearReport {
  /** Local (Asia/Shanghai) time of the report, as an ISO string with +08:00. */
  at: string;
  source: 'centre' | 'ticket' | 'unit';
  type: IncidentType;
  subtype: string;
  level: IncidentLevel;
  title: string;
  /** Filed and responded to; else dismissed with `dismissReason`. */
  filed: boolean;
  dismissReason?: string;
  /** Resources dispatched (filed only): the ice storm and the cycling race. */
  resources?: { measure: 'vehicle' | 'person' | 'tonne'; amount: number }[];
}

/** Reports per month; the ice storm in January, the flood season in June–August. */
export const REPORTS_PER_MONTH = [22, 12, 11, 13, 15, 19, 21, 17, 12, 13, 10, 12] as const;
/** Filed per month (25 in the year). */
export const FILED_PER_MONTH = [4, 1, 1, 1, 2, 3, 4, 3, 1, 2, 1, 2] as const;

const FILED_KINDS: { type: IncidentType; subtype: string; title: string }[] = [
  { type: 'accident', subtype: 'traffic', title: '多车追尾交通事故' },
  { type: 'accident', subtype: 'fire', title: '民房火灾' },
  { type: 'natural_disaster', subtype: 'flood', title: '暴雨内涝' },
  { type: 'accident', subtype: 'hazardous_chemicals', title: '危化品运输车泄漏' },
  { type: 'public_health', subtype: 'food_poisoning', title: '学校食堂疑似食物中毒' },
  { type: 'accident', subtype: 'infrastructure', title: '供水主管爆裂' },
  { type: 'natural_disaster', subtype: 'geological', title: '山体滑坡' },
];
const DISMISSED_KINDS: { type: IncidentType; subtype: string; title: string; reason: string }[] = [
  { type: 'accident', subtype: 'traffic', title: '单车剐蹭', reason: '核实为一般交通事故，已转交警按普通警情处置' },
  { type: 'accident', subtype: 'fire', title: '垃圾桶冒烟', reason: '核实为垃圾焚烧，已当场扑灭，未达突发事件标准' },
  { type: 'natural_disaster', subtype: 'rainstorm', title: '道路积水', reason: '积水已自然消退，转城管按工单处理' },
  { type: 'social_security', subtype: 'mass_incident', title: '工地讨薪聚集', reason: '人数少于立案标准，转人社局按工单处理' },
  { type: 'public_health', subtype: 'food_poisoning', title: '个人腹泻就医', reason: '核实为个案，非聚集性，不予立案' },
  { type: 'accident', subtype: 'infrastructure', title: '路灯倒伏', reason: '无人员伤亡，转工单由城管处理' },
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every report of the year in time order. */
export function yearReports(): YearReport[] {
  const reports: YearReport[] = [];
  let filedSeq = 0;
  let dismissedSeq = 0;
  REPORTS_PER_MONTH.forEach((count, monthIndex) => {
    const filedThisMonth = FILED_PER_MONTH[monthIndex]!;
    for (let i = 0; i < count; i += 1) {
      // Spread over the month: day 2..27, hours 7..20, the filed ones first in each month.
      const day = 2 + Math.floor((i * 25) / count);
      const hour = 7 + ((i * 5 + monthIndex) % 14);
      const at = `2017-${pad(monthIndex + 1)}-${pad(day)}T${pad(hour)}:${pad((i * 13) % 60)}:00+08:00`;
      const source = (['centre', 'ticket', 'unit'] as const)[(i + monthIndex) % 3]!;
      if (i < filedThisMonth) {
        if (monthIndex === 0 && i === 0) {
          reports.push({
            at, source: 'centre', type: 'natural_disaster', subtype: 'ice_snow', level: 'III', filed: true,
            title: '低温雨雪冰冻灾害（冰灾）',
            resources: [{ measure: 'tonne', amount: 500 }, { measure: 'vehicle', amount: 1900 }, { measure: 'person', amount: 120_000 }],
          });
        } else if (monthIndex === 9 && i === 0) {
          reports.push({
            at, source: 'centre', type: 'social_security', subtype: 'major_event', level: 'IV', filed: true,
            title: '环湘自行车赛望城段保障',
            resources: [{ measure: 'vehicle', amount: 1200 }, { measure: 'person', amount: 80_000 }],
          });
        } else {
          const kind = FILED_KINDS[filedSeq % FILED_KINDS.length]!;
          filedSeq += 1;
          reports.push({ at, source, ...kind, level: filedSeq % 6 === 0 ? 'III' : 'IV', filed: true });
        }
      } else {
        const kind = DISMISSED_KINDS[dismissedSeq % DISMISSED_KINDS.length]!;
        dismissedSeq += 1;
        reports.push({ at, source, type: kind.type, subtype: kind.subtype, title: kind.title, level: 'IV', filed: false, dismissReason: kind.reason });
      }
    }
  });
  return reports.sort((a, b) => a.at.localeCompare(b.at));
}

export interface YearWarning {
  at: string;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  type: string;
  title: string;
  text: string;
  hours: number;
}

/** The year's warnings (预警信息), all to the tier-1 units; the red one is also broadcast by phone. */
export const YEAR_WARNINGS: YearWarning[] = [
  { at: '2017-01-18T09:00:00+08:00', level: 'orange', type: 'ice_snow', title: '道路结冰橙色预警', text: '未来 24 小时全区将出现道路结冰，请各单位做好除冰保畅准备。', hours: 48 },
  { at: '2017-01-19T20:00:00+08:00', level: 'red', type: 'ice_snow', title: '冰冻红色预警', text: '全区出现严重冰冻，请一级联动单位立即进入应急状态。', hours: 72 },
  { at: '2017-02-10T08:00:00+08:00', level: 'yellow', type: 'cold_wave', title: '寒潮黄色预警', text: '48 小时内气温下降 10℃ 以上。', hours: 48 },
  { at: '2017-04-20T16:00:00+08:00', level: 'blue', type: 'rainstorm', title: '暴雨蓝色预警', text: '12 小时内降雨量将达 50 毫米以上。', hours: 12 },
  { at: '2017-05-30T07:00:00+08:00', level: 'yellow', type: 'rainstorm', title: '暴雨黄色预警', text: '6 小时内降雨量将达 50 毫米以上。', hours: 12 },
  { at: '2017-06-23T06:00:00+08:00', level: 'orange', type: 'flood', title: '洪水橙色预警', text: '湘江望城段水位将超警戒，请沿江单位做好防汛准备。', hours: 72 },
  { at: '2017-07-01T05:00:00+08:00', level: 'red', type: 'flood', title: '洪水红色预警', text: '湘江望城段水位超保证水位，请一级联动单位立即上堤。', hours: 96 },
  { at: '2017-07-25T11:00:00+08:00', level: 'yellow', type: 'heat', title: '高温黄色预警', text: '连续三天最高气温 35℃ 以上。', hours: 72 },
  { at: '2017-08-12T14:00:00+08:00', level: 'blue', type: 'thunderstorm', title: '雷电蓝色预警', text: '6 小时内可能发生雷电活动。', hours: 6 },
  { at: '2017-09-15T10:00:00+08:00', level: 'blue', type: 'gale', title: '大风蓝色预警', text: '24 小时内平均风力 6 级以上。', hours: 24 },
  { at: '2017-11-20T06:00:00+08:00', level: 'yellow', type: 'fog', title: '大雾黄色预警', text: '12 小时内能见度小于 500 米。', hours: 12 },
  { at: '2017-12-28T08:00:00+08:00', level: 'yellow', type: 'cold_wave', title: '寒潮黄色预警', text: '48 小时内气温下降 8℃ 以上。', hours: 48 },
];
