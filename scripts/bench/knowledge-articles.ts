/**
 * 10,000 realistic Chinese knowledge-base articles for the knowledge search benchmark: a topic
 * (社保卡, 居住证, 停水 …) asked about a place, with a body of 8-14 sentences drawn from pools of the
 * kind of text the centre's answers hold (materials, windows, hours, fees, phone lines, time limits).
 * Deterministic (a seeded generator), so every run searches the same text.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

const TOPICS = [
  '社保卡', '居住证', '医保', '公积金', '停水', '停电', '燃气', '路灯', '垃圾清运', '噪音', '占道经营', '门禁', '加装电梯',
  '低保', '高龄津贴', '入学报名', '学位', '出入境', '护照', '驾驶证', '车辆年检', '个税', '发票', '营业执照', '食品安全',
  '物业费', '房产证', '不动产登记', '养老保险', '失业金', '生育津贴', '残疾证', '退役军人', '老年卡', '公交卡', '违章停车',
  '消费投诉', '价格欺诈', '预付卡', '装修扰民', '宠物管理', '烟花爆竹', '防汛', '疫苗接种', '婚姻登记', '户口迁移',
];
const ASKS = ['如何办理', '需要哪些材料', '在哪里办', '多久能办好', '收费标准', '怎么投诉', '办理时间', '线上申请流程', '常见问题', '政策解读'];
const PLACES = ['', '', '', '高塘岭街道', '月亮岛街道', '乌山街道', '黄金园街道', '白沙洲街道', '大泽湖街道', '金山桥街道', '星城镇', '丁字湾街道', '桥驿镇', '茶亭镇', '靖港镇', '乔口镇'];
const SENTENCES = [
  '申请人需携带本人有效身份证件原件及复印件。', '可到区政务服务中心一楼综合受理窗口办理。', '工作日上午 9:00-12:00，下午 13:30-17:30 受理。',
  '材料齐全的，窗口当场受理，一般 5 个工作日内办结。', '也可通过“我的长沙”App 或政务服务网在线申请。', '办理不收取任何费用。',
  '委托他人代办的，还需提供委托书和代办人身份证件。', '对办理结果有异议的，可在 60 日内申请行政复议。', '如需加急，请向窗口工作人员说明情况。',
  '相关政策以主管部门最新公布的文件为准。', '市民可拨打 12345 热线咨询办理进度。', '街道便民服务中心提供预约和代办服务。',
  '逾期未办理的，按规定办理补办手续。', '符合条件的困难群众可申请减免。', '办理过程中请保管好回执单。', '现场需本人签字确认。',
  '老年人、残疾人等特殊群体可申请上门服务。', '材料不全的，窗口一次性告知需补正的材料。', '法定节假日暂停受理，调休上班日正常办理。',
  '网上申请的，审核通过后可选择邮寄送达。', '涉及多个部门的事项实行一窗受理、并联审批。', '办结后短信通知申请人领取结果。',
  '如遇系统故障，请改日办理或到其他网点办理。', '辖区社区居委会可出具相关证明。', '请如实填写申请表，提供虚假材料将承担法律责任。',
];

/** A small seeded generator (mulberry32): the same articles on every run. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts `count` published articles (and their version rows) in batches; returns how many. */
export async function insertArticles(client: pg.Client, count: number, at: Date): Promise<number> {
  const random = generator(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const BATCH = 500;
  for (let offset = 0; offset < count; offset += BATCH) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = offset; i < Math.min(count, offset + BATCH); i++) {
      const topic = pick(TOPICS);
      const title = `${pick(PLACES)}${topic}${pick(ASKS)}`;
      const paragraphs = Array.from({ length: 8 + Math.floor(random() * 7) }, (_, n) => (n === 0 ? `关于${topic}：${pick(SENTENCES)}` : pick(SENTENCES)));
      const body = paragraphs.map((p) => `<p>${p}</p>`).join('');
      const text = paragraphs.join('\n');
      const base = values.length;
      values.push(randomUUID(), title, body, text, [topic], at);
      rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, 'published', 1, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 6}, $${base + 6}, $${base + 6})`);
    }
    await client.query(`
      INSERT INTO "knowledge_article" ("id", "title", "body", "bodyText", "tags", "status", "publishedVersion", "publishedTitle", "publishedBody", "publishedText", "publishedAt", "createdAt", "updatedAt")
      VALUES ${rows.join(', ')}`, values);
  }
  await client.query(`
    INSERT INTO "knowledge_article_version" ("id", "articleId", "version", "act", "title", "body", "tags", "status", "at")
    SELECT gen_random_uuid()::text, a."id", 1, 'approve', a."title", a."body", a."tags", 'published', a."createdAt" FROM "knowledge_article" a
     WHERE NOT EXISTS (SELECT 1 FROM "knowledge_article_version" v WHERE v."articleId" = a."id")`);
  return count;
}
