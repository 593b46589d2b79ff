/**
 * Reference data the API does not serve yet: department desk extensions for transfers, and a
 * local list of common answers (there is no knowledge-base API). Kept apart from data.ts
 * so it is easy to replace by API calls later.
 */

/** Department desks on the PBX (`6xxx` in `[yixian-transfer]`); the 110 desk is separate. */
export const DEPARTMENT_DESKS: readonly { extension: string; name: string; nameEn: string }[] = [
  { extension: '6001', name: '城市管理和综合执法局', nameEn: 'Urban Management' },
  { extension: '6002', name: '生态环境分局', nameEn: 'Ecology and Environment' },
  { extension: '6003', name: '市场监督管理局', nameEn: 'Market Regulation' },
  { extension: '6004', name: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security' },
  { extension: '6005', name: '住房和城乡建设局', nameEn: 'Housing and Construction' },
  { extension: '6006', name: '交通运输局', nameEn: 'Transport' },
];

export interface KnowledgeAnswer {
  id: string;
  question: string;
  questionEn: string;
  answer: string;
  answerEn: string;
  keywords: string[];
}

export const KNOWLEDGE_ANSWERS: readonly KnowledgeAnswer[] = [
  {
    id: 'kb-social-card', question: '社保卡如何补办？', questionEn: 'How do I replace a lost social security card?',
    answer: '可携带身份证到区政务服务中心社保窗口或合作银行网点补办，也可在“湘税社保”小程序在线申请，约 10 个工作日可领取。',
    answerEn: 'Bring your ID card to the social security window of the district service centre or a partner bank, or apply online; the card is ready in about 10 working days.',
    keywords: ['社保', '社保卡', '补办', 'social', 'card'],
  },
  {
    id: 'kb-residence', question: '居住证办理需要哪些材料？', questionEn: 'What do I need for a residence permit?',
    answer: '需身份证、近期照片、居住证明（房产证或租赁合同）；在所在社区或派出所户籍窗口申请，15 个工作日内办结。',
    answerEn: 'Your ID card, a recent photo and proof of residence (deed or lease); apply at your community office or the police station; done within 15 working days.',
    keywords: ['居住证', '户籍', 'residence', 'permit'],
  },
  {
    id: 'kb-water-outage', question: '停水了什么时候恢复？', questionEn: 'When will the water come back?',
    answer: '计划停水信息在自来水公司官网和公众号公布；突发停水可拨打自来水公司 24 小时服务电话，抢修一般 4 小时内恢复。',
    answerEn: 'Planned outages are published by the water company; for a sudden outage call its 24-hour line; repairs usually restore supply within 4 hours.',
    keywords: ['停水', '自来水', 'water', 'outage'],
  },
  {
    id: 'kb-medical-insurance', question: '城乡居民医保怎么缴费？', questionEn: 'How do I pay resident medical insurance?',
    answer: '每年 9 月至 12 月集中缴费，可通过税务 App、微信或银行网点缴纳，次年 1 月 1 日起享受待遇。',
    answerEn: 'Pay from September to December each year through the tax app, WeChat or a bank; cover starts on 1 January.',
    keywords: ['医保', '缴费', 'medical', 'insurance'],
  },
  {
    id: 'kb-office-hours', question: '政务服务中心几点上班？', questionEn: 'When is the service centre open?',
    answer: '工作日上午 9:00-12:00，下午 13:30-17:30；周六上午提供部分事项的延时服务。',
    answerEn: 'Working days 9:00-12:00 and 13:30-17:30; some services on Saturday mornings.',
    keywords: ['上班', '时间', '政务', 'hours', 'open'],
  },
];

/** Answers whose question or keywords contain every word of the query (case-insensitive). */
export function searchKnowledge(query: string, answers: readonly KnowledgeAnswer[] = KNOWLEDGE_ANSWERS): KnowledgeAnswer[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return answers.filter((a) => {
    const haystack = [a.question, a.questionEn, ...a.keywords].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
