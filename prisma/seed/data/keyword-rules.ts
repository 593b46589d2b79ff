/**
 * Keyword rules for police / non-police classification (DOMAIN.md: hotline default, category
 * flag, keyword rules, agent override). Police words mark a matter for 110 whatever number was
 * dialled; non-police words mark a 110 call for diversion to the 12345 workflow.
 */
export interface KeywordRuleSeed {
  id: string;
  keyword: string;
  ticketClass: 'police' | 'non_police';
  priority: number;
  categoryId?: string;
}

export const KEYWORD_RULES: KeywordRuleSeed[] = [
  { id: 'kw-robbery', keyword: '抢劫', ticketClass: 'police', priority: 100 },
  { id: 'kw-knife', keyword: '持刀', ticketClass: 'police', priority: 100 },
  { id: 'kw-kidnap', keyword: '绑架', ticketClass: 'police', priority: 100 },
  { id: 'kw-assault', keyword: '打人', ticketClass: 'police', priority: 90 },
  { id: 'kw-burglary', keyword: '入室', ticketClass: 'police', priority: 90 },
  { id: 'kw-drunk-driving', keyword: '酒驾', ticketClass: 'police', priority: 80 },
  { id: 'kw-drugs', keyword: '吸毒', ticketClass: 'police', priority: 80 },
  { id: 'kw-gambling', keyword: '赌博', ticketClass: 'police', priority: 70 },
  { id: 'kw-noise', keyword: '噪音', ticketClass: 'non_police', priority: 20 },
  { id: 'kw-garbage', keyword: '垃圾', ticketClass: 'non_police', priority: 20 },
  { id: 'kw-streetlight', keyword: '路灯', ticketClass: 'non_police', priority: 20 },
  { id: 'kw-water-cut', keyword: '停水', ticketClass: 'non_police', priority: 20 },
  { id: 'kw-power-cut', keyword: '停电', ticketClass: 'non_police', priority: 20 },
  { id: 'kw-wages', keyword: '欠薪', ticketClass: 'non_police', priority: 20 },
];
