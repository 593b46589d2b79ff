/**
 * The demo knowledge base: published answers agents give on the call (the five the desk once had
 * compiled in keep their ids), each a list of paragraphs. The seed writes them as published
 * version 1; editors and units change them in the console (知识库) afterwards.
 */
export interface ArticleSeed {
  id: string;
  title: string;
  paragraphs: string[];
  categoryId: string | null;
  tags: string[];
  /** The owning department's code (departments.ts); null = the centre's own. */
  unit: string | null;
}

export const KNOWLEDGE_ARTICLES: ArticleSeed[] = [
  { id: 'kb-social-card', title: '社保卡如何补办？', categoryId: 'labour.social-insurance', tags: ['社保', '补办'], unit: 'hr-social', paragraphs: [
    '可携带身份证到区政务服务中心社保窗口或合作银行网点补办，也可在“湘税社保”小程序在线申请。',
    '补办约 10 个工作日可领取；挂失后原卡立即停用，补卡费用按银行规定收取。'] },
  { id: 'kb-residence', title: '居住证办理需要哪些材料？', categoryId: 'general.policy', tags: ['居住证', '户籍'], unit: 'public-security', paragraphs: [
    '需身份证、近期照片、居住证明（房产证或租赁合同）。',
    '在所在社区或派出所户籍窗口申请，15 个工作日内办结。'] },
  { id: 'kb-water-outage', title: '停水了什么时候恢复？', categoryId: 'utilities.water-cut', tags: ['停水', '自来水'], unit: 'water-supply', paragraphs: [
    '计划停水信息在自来水公司官网和公众号公布。',
    '突发停水可拨打自来水公司 24 小时服务电话，抢修一般 4 小时内恢复供水。'] },
  { id: 'kb-medical-insurance', title: '城乡居民医保怎么缴费？', categoryId: 'labour.medical-insurance', tags: ['医保', '缴费'], unit: null, paragraphs: [
    '每年 9 月至 12 月集中缴费，可通过税务 App、微信或银行网点缴纳。',
    '次年 1 月 1 日起享受医保待遇；新生儿出生后 90 天内参保，自出生之日起享受待遇。'] },
  { id: 'kb-office-hours', title: '政务服务中心几点上班？', categoryId: 'general.policy', tags: ['政务', '办事时间'], unit: null, paragraphs: [
    '工作日上午 9:00-12:00，下午 13:30-17:30。',
    '周六上午提供部分事项的延时服务，法定节假日休息。'] },
  { id: 'kb-power-cut', title: '家里停电了怎么办？', categoryId: 'utilities.power-cut', tags: ['停电', '供电'], unit: 'power', paragraphs: [
    '先确认邻居是否也停电：只有自家停电，请检查家中空气开关和电表箱；整栋楼或片区停电，请拨打供电服务热线 95598 报修。',
    '计划停电会提前 7 天在供电公司公众号公告。'] },
  { id: 'kb-gas-smell', title: '闻到燃气味道怎么处理？', categoryId: 'utilities.gas', tags: ['燃气', '泄漏', '安全'], unit: 'gas', paragraphs: [
    '立即关闭燃气总阀，打开门窗通风，不要开关电器、不要使用明火和手机。',
    '到室外安全处拨打燃气公司 24 小时抢修电话；情况严重时拨打 119。'] },
  { id: 'kb-wage-arrears', title: '被拖欠工资如何维权？', categoryId: 'labour.wage-arrears', tags: ['欠薪', '工资', '劳动监察'], unit: 'hr-social', paragraphs: [
    '请准备劳动合同、考勤记录、工资条等证据，向区人社局劳动保障监察大队投诉。',
    '也可申请劳动仲裁，仲裁不收费；农民工欠薪可拨打 12333 咨询。'] },
  { id: 'kb-noise-night', title: '夜间施工噪音扰民怎么投诉？', categoryId: 'env.noise', tags: ['噪音', '施工', '扰民'], unit: 'environment', paragraphs: [
    '夜间（22:00 至次日 6:00）施工须持有夜间施工许可证。',
    '请提供施工地点和时间，由生态环境分局和城管执法队核查处理；正在发生的可直接转派所在街道。'] },
  { id: 'kb-streetlight', title: '路灯不亮找谁修？', categoryId: 'city.streetlight', tags: ['路灯', '市政'], unit: 'urban-management', paragraphs: [
    '请记录路灯所在道路和附近门牌号或灯杆编号。',
    '市政道路路灯由城管局路灯所维修，一般 3 个工作日内修复；小区内路灯由物业负责。'] },
  { id: 'kb-garbage', title: '生活垃圾多久清运一次？', categoryId: 'city.garbage', tags: ['垃圾', '清运', '环卫'], unit: 'urban-management', paragraphs: [
    '城区生活垃圾每天清运两次，农村地区每天至少一次。',
    '垃圾满溢或长时间未清运，可登记地址由所在街道环卫所处理。'] },
  { id: 'kb-enrolment', title: '小学入学报名需要哪些材料？', categoryId: 'education.enrolment', tags: ['入学', '报名', '学位'], unit: 'education', paragraphs: [
    '需户口簿、房产证或购房合同（或居住证和租赁备案）、儿童预防接种证。',
    '每年 6 月在区教育局网上报名系统登记，7 月公布录取结果。'] },
  { id: 'kb-consumer', title: '买到假冒伪劣商品如何投诉？', categoryId: 'market.consumer', tags: ['消费', '投诉', '12315'], unit: 'market', paragraphs: [
    '请保留购物小票、发票和商品实物，先与商家协商。',
    '协商不成可拨打 12315 或通过全国 12315 平台投诉，市场监管局 7 个工作日内决定是否受理。'] },
  { id: 'kb-price', title: '商家乱收费、不明码标价怎么办？', categoryId: 'market.price', tags: ['价格', '明码标价', '乱收费'], unit: 'market', paragraphs: [
    '经营者应明码标价，不得在标价之外加价或收取未标明的费用。',
    '请提供商家名称、地址和收费凭证，由市场监督管理局价格监督检查处理。'] },
  { id: 'kb-elevator', title: '老旧小区加装电梯怎么申请？', categoryId: 'housing.elevator', tags: ['加装电梯', '老旧小区'], unit: 'housing', paragraphs: [
    '同一单元三分之二以上业主同意、且占建筑面积三分之二以上的业主同意，可向街道提出申请。',
    '住建局对每台电梯给予财政补贴，具体标准以当年公告为准。'] },
  { id: 'kb-subsistence', title: '低保怎么申请？', categoryId: 'civil.subsistence', tags: ['低保', '救助'], unit: 'civil-affairs', paragraphs: [
    '向户籍所在地街道（乡镇）提出书面申请，提供身份证、户口簿、家庭收入和财产证明。',
    '街道入户调查、公示后报民政局审批，一般 30 个工作日内办结。'] },
  { id: 'kb-elderly-allowance', title: '高龄津贴如何领取？', categoryId: 'civil.elderly', tags: ['高龄津贴', '养老'], unit: 'civil-affairs', paragraphs: [
    '80 周岁以上户籍老人可申领高龄津贴，由本人或家属到社区登记。',
    '津贴按月发放到老人社保卡，年满 80、90、100 周岁分档发放。'] },
  { id: 'kb-bus-complaint', title: '公交车不按站停靠如何投诉？', categoryId: 'traffic.bus', tags: ['公交', '投诉'], unit: 'transport', paragraphs: [
    '请提供线路、车牌号、时间和站点名称。',
    '交通运输局转公交公司核实处理，5 个工作日内答复。'] },
  { id: 'kb-fraud', title: '接到疑似诈骗电话怎么办？', categoryId: 'security.fraud', tags: ['诈骗', '反诈'], unit: 'public-security', paragraphs: [
    '不转账、不透露验证码和银行卡信息，挂断后可拨打 96110 咨询。',
    '已经转账的请立即拨打 110 报警并保留聊天记录和转账凭证。'] },
  { id: 'kb-tax-invoice', title: '个人所得税汇算清缴什么时候办？', categoryId: 'general.tax', tags: ['个税', '汇算'], unit: null, paragraphs: [
    '每年 3 月 1 日至 6 月 30 日，通过个人所得税 App 办理上一年度汇算。',
    '有疑问可拨打 12366 纳税服务热线。'] },
];
