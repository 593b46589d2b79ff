/** The 22 hotline numbers the centre answers (DOMAIN.md). 110 is police-type and rings first. */
export interface HotlineSeed {
  number: string;
  name: string;
  nameEn: string;
  isPolice?: boolean;
  priority?: number;
  /** Always open (`24h`) or office hours (the default), as the dialplan had it before the console. */
  hours?: '24h' | 'office';
}

export const HOTLINES: HotlineSeed[] = [
  { number: '12345', name: '市民服务热线', nameEn: 'Citizen service', hours: '24h' },
  { number: '110', name: '公安报警', nameEn: 'Police', isPolice: true, priority: 10, hours: '24h' },
  { number: '580', name: '雷锋580', nameEn: 'Lei Feng 580 volunteer service' },
  { number: '12315', name: '市场监管投诉举报', nameEn: 'Market regulation and consumer rights' },
  { number: '12320', name: '公共卫生', nameEn: 'Public health' },
  { number: '12328', name: '交通运输服务监督', nameEn: 'Transport' },
  { number: '12333', name: '人力资源和社会保障', nameEn: 'Human resources and social security' },
  { number: '12336', name: '自然资源违法举报', nameEn: 'Natural resources' },
  { number: '12338', name: '妇女维权', nameEn: "Women's rights" },
  { number: '12348', name: '法律援助', nameEn: 'Legal aid' },
  { number: '12351', name: '职工维权', nameEn: "Workers' union" },
  { number: '12355', name: '青少年服务', nameEn: 'Youth' },
  { number: '12358', name: '价格举报', nameEn: 'Prices' },
  { number: '12365', name: '质量技术监督', nameEn: 'Quality' },
  { number: '12366', name: '纳税服务', nameEn: 'Tax' },
  { number: '12369', name: '环保举报', nameEn: 'Environment' },
  { number: '12319', name: '城市管理', nameEn: 'Urban management' },
  { number: '12393', name: '医疗保障', nameEn: 'Medical insurance' },
  { number: '12312', name: '商务举报', nameEn: 'Commerce' },
  { number: '12331', name: '食品药品投诉', nameEn: 'Food and drugs' },
  { number: '12317', name: '乡村振兴', nameEn: 'Rural revitalisation' },
  { number: '12318', name: '文化市场举报', nameEn: 'Culture market' },
];
