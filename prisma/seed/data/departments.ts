/** District departments (区直部门) with their emergency linkage tier (1 = 24 h duty). */
export interface DepartmentSeed {
  code: string;
  name: string;
  nameEn: string;
  tier: 1 | 2 | 3;
}

export const DEPARTMENTS: DepartmentSeed[] = [
  { code: 'public-security', name: '公安分局', nameEn: 'Public Security Bureau', tier: 1 },
  { code: 'emergency', name: '应急管理局', nameEn: 'Emergency Management Bureau', tier: 1 },
  { code: 'fire', name: '消防救援大队', nameEn: 'Fire and Rescue Brigade', tier: 1 },
  { code: 'health', name: '卫生健康局', nameEn: 'Health Commission', tier: 1 },
  { code: 'urban-management', name: '城市管理和综合执法局', nameEn: 'Urban Management and Law Enforcement', tier: 1 },
  { code: 'transport', name: '交通运输局', nameEn: 'Transport Bureau', tier: 1 },
  { code: 'water', name: '水利局', nameEn: 'Water Resources Bureau', tier: 1 },
  { code: 'power', name: '供电公司', nameEn: 'Power Supply Company', tier: 1 },
  { code: 'water-supply', name: '自来水公司', nameEn: 'Water Supply Company', tier: 1 },
  { code: 'gas', name: '燃气公司', nameEn: 'Gas Company', tier: 1 },
  { code: 'environment', name: '生态环境分局', nameEn: 'Ecology and Environment Bureau', tier: 2 },
  { code: 'market', name: '市场监督管理局', nameEn: 'Market Regulation Administration', tier: 2 },
  { code: 'housing', name: '住房和城乡建设局', nameEn: 'Housing and Construction Bureau', tier: 2 },
  { code: 'natural-resources', name: '自然资源分局', nameEn: 'Natural Resources Bureau', tier: 2 },
  { code: 'traffic-police', name: '交警大队', nameEn: 'Traffic Police Brigade', tier: 2 },
  { code: 'agriculture', name: '农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau', tier: 2 },
  { code: 'hr-social', name: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau', tier: 3 },
  { code: 'education', name: '教育局', nameEn: 'Education Bureau', tier: 3 },
  { code: 'civil-affairs', name: '民政局', nameEn: 'Civil Affairs Bureau', tier: 3 },
  { code: 'justice', name: '司法局', nameEn: 'Justice Bureau', tier: 3 },
  { code: 'finance', name: '财政局', nameEn: 'Finance Bureau', tier: 3 },
  { code: 'tax', name: '税务局', nameEn: 'Tax Bureau', tier: 3 },
  { code: 'medical-insurance', name: '医疗保障局', nameEn: 'Medical Insurance Bureau', tier: 3 },
  { code: 'commerce', name: '商务局', nameEn: 'Commerce Bureau', tier: 3 },
  { code: 'culture-tourism', name: '文化旅游体育局', nameEn: 'Culture, Tourism and Sports Bureau', tier: 3 },
  { code: 'veterans', name: '退役军人事务局', nameEn: 'Veterans Affairs Bureau', tier: 3 },
  { code: 'petitions', name: '信访局', nameEn: 'Petitions Bureau', tier: 3 },
  { code: 'development', name: '发展和改革局', nameEn: 'Development and Reform Bureau', tier: 3 },
  { code: 'women-federation', name: '妇联', nameEn: "Women's Federation", tier: 3 },
  { code: 'trade-union', name: '总工会', nameEn: 'Federation of Trade Unions', tier: 3 },
  { code: 'youth-league', name: '团区委', nameEn: 'Youth League Committee', tier: 3 },
];
