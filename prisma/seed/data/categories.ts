/**
 * The catalogue (诉求分类): groups and their leaves. Each leaf carries its default kind, the
 * lowest level that settles it (grid → street → district), its department, the police flag,
 * an optional time limit (working days; otherwise the kind's default), required intake fields,
 * keywords for classification, and whether the grid checks a unit's reply on site (现场核查).
 */
type Kind = 'consultation' | 'help_request' | 'complaint' | 'report' | 'suggestion' | 'praise';
type Level = 'grid' | 'street' | 'district';

export interface RequiredField {
  key: string;
  label: string;
  labelEn: string;
  type: 'text' | 'number' | 'date' | 'select';
  options?: string[];
}

export interface CategoryLeaf {
  code: string;
  name: string;
  nameEn: string;
  kind: Kind;
  level: Level;
  unit: string;
  police?: boolean;
  days?: number;
  fields?: RequiredField[];
  keywords?: string[];
  /** 现场核查: the grid's worker checks a unit's reply on site before the follow-up. */
  verify?: boolean;
}

export interface CategoryGroup {
  code: string;
  name: string;
  nameEn: string;
  leaves: CategoryLeaf[];
}

const PLATE: RequiredField = { key: 'plate', label: '车牌号', labelEn: 'Licence plate', type: 'text' };
const EMPLOYER: RequiredField = { key: 'employer', label: '用人单位', labelEn: 'Employer', type: 'text' };
const AMOUNT: RequiredField = { key: 'amount', label: '涉及金额(元)', labelEn: 'Amount (CNY)', type: 'number' };
const MERCHANT: RequiredField = { key: 'merchant', label: '商家名称', labelEn: 'Merchant', type: 'text' };
const SCHOOL: RequiredField = { key: 'school', label: '学校名称', labelEn: 'School', type: 'text' };
const OCCURRED: RequiredField = { key: 'occurredAt', label: '发生时间', labelEn: 'When it happened', type: 'date' };

export const CATEGORY_GROUPS: CategoryGroup[] = [
  {
    code: 'city', name: '城市管理', nameEn: 'City management',
    leaves: [
      { code: 'city.street-vendor', name: '占道经营', nameEn: 'Street vending', kind: 'complaint', level: 'grid', unit: 'urban-management', keywords: ['摆摊', '占道'] },
      { code: 'city.illegal-building', name: '违章建筑', nameEn: 'Illegal construction', kind: 'report', level: 'street', unit: 'urban-management', keywords: ['违建', '搭建'], verify: true },
      { code: 'city.garbage', name: '垃圾清运', nameEn: 'Rubbish collection', kind: 'complaint', level: 'grid', unit: 'urban-management', days: 2, keywords: ['垃圾'] },
      { code: 'city.streetlight', name: '路灯故障', nameEn: 'Street light fault', kind: 'help_request', level: 'street', unit: 'urban-management', days: 3, keywords: ['路灯'] },
      { code: 'city.manhole', name: '井盖缺失', nameEn: 'Missing manhole cover', kind: 'help_request', level: 'street', unit: 'urban-management', days: 1, keywords: ['井盖'], verify: true },
      { code: 'city.greening', name: '绿化养护', nameEn: 'Green space upkeep', kind: 'suggestion', level: 'street', unit: 'urban-management' },
    ],
  },
  {
    code: 'env', name: '生态环境', nameEn: 'Environment',
    leaves: [
      { code: 'env.noise', name: '噪音扰民', nameEn: 'Noise nuisance', kind: 'complaint', level: 'grid', unit: 'environment', keywords: ['噪音', '吵'] },
      { code: 'env.air', name: '大气污染', nameEn: 'Air pollution', kind: 'report', level: 'district', unit: 'environment', keywords: ['烟', '臭味', '粉尘'] },
      { code: 'env.water', name: '水体污染', nameEn: 'Water pollution', kind: 'report', level: 'district', unit: 'environment', keywords: ['排污', '黑臭'] },
      { code: 'env.straw-burning', name: '秸秆焚烧', nameEn: 'Straw burning', kind: 'report', level: 'grid', unit: 'environment', days: 1, keywords: ['焚烧', '烧秸秆'], verify: true },
    ],
  },
  {
    code: 'market', name: '市场监管', nameEn: 'Market regulation',
    leaves: [
      { code: 'market.food-safety', name: '食品安全', nameEn: 'Food safety', kind: 'complaint', level: 'district', unit: 'market', fields: [MERCHANT], keywords: ['食品', '过期', '变质'] },
      { code: 'market.consumer', name: '消费纠纷', nameEn: 'Consumer dispute', kind: 'complaint', level: 'district', unit: 'market', fields: [MERCHANT, AMOUNT], keywords: ['退款', '退货'] },
      { code: 'market.price', name: '价格违法', nameEn: 'Illegal pricing', kind: 'report', level: 'district', unit: 'market', fields: [MERCHANT], keywords: ['价格', '乱收费'] },
      { code: 'market.unlicensed', name: '无证经营', nameEn: 'Unlicensed business', kind: 'report', level: 'street', unit: 'market', keywords: ['无证'] },
    ],
  },
  {
    code: 'labour', name: '劳动保障', nameEn: 'Labour and social security',
    leaves: [
      { code: 'labour.wage-arrears', name: '拖欠工资', nameEn: 'Unpaid wages', kind: 'complaint', level: 'district', unit: 'hr-social', fields: [EMPLOYER, AMOUNT], keywords: ['欠薪', '工资'] },
      { code: 'labour.social-insurance', name: '社保咨询', nameEn: 'Social insurance enquiry', kind: 'consultation', level: 'district', unit: 'hr-social', keywords: ['社保'] },
      { code: 'labour.employment', name: '就业创业', nameEn: 'Employment and start-ups', kind: 'consultation', level: 'district', unit: 'hr-social' },
      { code: 'labour.medical-insurance', name: '医保报销', nameEn: 'Medical insurance claims', kind: 'consultation', level: 'district', unit: 'medical-insurance', keywords: ['医保', '报销'] },
    ],
  },
  {
    code: 'traffic', name: '交通出行', nameEn: 'Traffic and transport',
    leaves: [
      { code: 'traffic.illegal-parking', name: '违章停车', nameEn: 'Illegal parking', kind: 'report', level: 'district', unit: 'traffic-police', fields: [PLATE], keywords: ['停车', '堵路'] },
      { code: 'traffic.bus', name: '公交服务', nameEn: 'Bus service', kind: 'complaint', level: 'district', unit: 'transport', keywords: ['公交'] },
      { code: 'traffic.taxi', name: '出租车服务', nameEn: 'Taxi service', kind: 'complaint', level: 'district', unit: 'transport', fields: [PLATE], keywords: ['出租车', '拒载'] },
      { code: 'traffic.road-damage', name: '道路破损', nameEn: 'Damaged road', kind: 'help_request', level: 'street', unit: 'transport', keywords: ['坑', '路面'], verify: true },
      { code: 'traffic.accident', name: '交通事故', nameEn: 'Traffic accident', kind: 'help_request', level: 'district', unit: 'traffic-police', police: true, fields: [OCCURRED], keywords: ['车祸', '撞'] },
    ],
  },
  {
    code: 'housing', name: '住房建设', nameEn: 'Housing and construction',
    leaves: [
      { code: 'housing.property-management', name: '物业管理', nameEn: 'Property management', kind: 'complaint', level: 'grid', unit: 'housing', keywords: ['物业'] },
      { code: 'housing.construction-noise', name: '夜间施工', nameEn: 'Night construction', kind: 'complaint', level: 'street', unit: 'housing', days: 2, keywords: ['施工'] },
      { code: 'housing.sale', name: '商品房交付', nameEn: 'Home delivery disputes', kind: 'complaint', level: 'district', unit: 'housing' },
      { code: 'housing.elevator', name: '电梯故障', nameEn: 'Lift failure', kind: 'help_request', level: 'street', unit: 'market', days: 1, keywords: ['电梯'] },
    ],
  },
  {
    code: 'utilities', name: '水电气', nameEn: 'Utilities',
    leaves: [
      { code: 'utilities.power-cut', name: '停电', nameEn: 'Power cut', kind: 'help_request', level: 'district', unit: 'power', days: 1, keywords: ['停电'] },
      { code: 'utilities.water-cut', name: '停水', nameEn: 'Water cut', kind: 'help_request', level: 'district', unit: 'water-supply', days: 1, keywords: ['停水', '水压'] },
      { code: 'utilities.gas', name: '燃气问题', nameEn: 'Gas supply', kind: 'help_request', level: 'district', unit: 'gas', days: 1, keywords: ['燃气', '煤气'] },
    ],
  },
  {
    code: 'education', name: '教育', nameEn: 'Education',
    leaves: [
      { code: 'education.enrolment', name: '入学咨询', nameEn: 'School enrolment', kind: 'consultation', level: 'district', unit: 'education', keywords: ['入学', '学位'] },
      { code: 'education.fees', name: '教育收费', nameEn: 'School fees', kind: 'complaint', level: 'district', unit: 'education', fields: [SCHOOL], keywords: ['补课', '收费'] },
    ],
  },
  {
    code: 'health', name: '医疗卫生', nameEn: 'Health',
    leaves: [
      { code: 'health.medical-service', name: '医疗服务', nameEn: 'Medical service', kind: 'complaint', level: 'district', unit: 'health' },
      { code: 'health.epidemic', name: '疫情防控', nameEn: 'Epidemic control', kind: 'report', level: 'district', unit: 'health', days: 1 },
    ],
  },
  {
    code: 'security', name: '社会治安', nameEn: 'Public security',
    leaves: [
      { code: 'security.theft', name: '盗窃', nameEn: 'Theft', kind: 'report', level: 'district', unit: 'public-security', police: true, fields: [OCCURRED], keywords: ['被偷', '盗窃'] },
      { code: 'security.fight', name: '打架斗殴', nameEn: 'Fighting', kind: 'report', level: 'district', unit: 'public-security', police: true, keywords: ['打架', '斗殴'] },
      { code: 'security.fraud', name: '电信诈骗', nameEn: 'Telecom fraud', kind: 'report', level: 'district', unit: 'public-security', police: true, fields: [AMOUNT], keywords: ['诈骗', '骗'] },
      { code: 'security.missing-person', name: '人员走失', nameEn: 'Missing person', kind: 'help_request', level: 'district', unit: 'public-security', police: true, keywords: ['走失', '失踪'] },
      { code: 'security.fire', name: '火灾', nameEn: 'Fire', kind: 'help_request', level: 'district', unit: 'fire', police: true, keywords: ['着火', '火灾'] },
    ],
  },
  {
    code: 'disputes', name: '矛盾纠纷', nameEn: 'Disputes',
    leaves: [
      { code: 'disputes.neighbour', name: '邻里纠纷', nameEn: 'Neighbour dispute', kind: 'help_request', level: 'grid', unit: 'justice', keywords: ['邻居'] },
      { code: 'disputes.family', name: '家庭纠纷', nameEn: 'Family dispute', kind: 'help_request', level: 'grid', unit: 'women-federation' },
      { code: 'disputes.land', name: '土地纠纷', nameEn: 'Land dispute', kind: 'complaint', level: 'street', unit: 'natural-resources' },
      { code: 'disputes.legal-aid', name: '法律援助', nameEn: 'Legal aid', kind: 'consultation', level: 'district', unit: 'justice' },
    ],
  },
  {
    code: 'rural', name: '农业农村', nameEn: 'Agriculture and rural affairs',
    leaves: [
      { code: 'rural.subsidy', name: '惠农补贴', nameEn: 'Farm subsidies', kind: 'consultation', level: 'street', unit: 'agriculture' },
      { code: 'rural.village-affairs', name: '村务公开', nameEn: 'Village affairs', kind: 'complaint', level: 'street', unit: 'agriculture' },
      { code: 'rural.flood', name: '防汛抗旱', nameEn: 'Flood and drought', kind: 'help_request', level: 'district', unit: 'water', days: 1 },
    ],
  },
  {
    code: 'civil', name: '民政服务', nameEn: 'Civil affairs',
    leaves: [
      { code: 'civil.subsistence', name: '低保救助', nameEn: 'Subsistence allowance', kind: 'help_request', level: 'street', unit: 'civil-affairs' },
      { code: 'civil.elderly', name: '养老服务', nameEn: 'Elderly care', kind: 'help_request', level: 'grid', unit: 'civil-affairs' },
      { code: 'civil.volunteer', name: '志愿服务', nameEn: 'Volunteer service (Lei Feng 580)', kind: 'help_request', level: 'grid', unit: 'youth-league' },
    ],
  },
  {
    code: 'general', name: '综合', nameEn: 'General',
    leaves: [
      { code: 'general.policy', name: '政策咨询', nameEn: 'Policy enquiry', kind: 'consultation', level: 'district', unit: 'petitions' },
      { code: 'general.tax', name: '纳税服务', nameEn: 'Tax service', kind: 'consultation', level: 'district', unit: 'tax' },
      { code: 'general.suggestion', name: '意见建议', nameEn: 'Suggestions', kind: 'suggestion', level: 'district', unit: 'petitions' },
      { code: 'general.praise', name: '表扬感谢', nameEn: 'Praise and thanks', kind: 'praise', level: 'district', unit: 'petitions' },
      { code: 'general.work-style', name: '干部作风', nameEn: 'Officials’ conduct', kind: 'report', level: 'district', unit: 'petitions' },
    ],
  },
];
