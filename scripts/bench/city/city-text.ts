/**
 * Words for generated tickets, so that the ticket search finds some and not others: a title from
 * the category and a complaint phrase, a description of two phrases, an address on a road in the grid.
 * The benchmark's keywords (路灯, 噪音扰民, road names) hit a few per cent of the rows each.
 */
const PHRASES = [
  '路灯不亮', '噪音扰民', '道路积水', '垃圾未清运', '占道经营', '违章停车', '油烟扰民', '井盖缺失', '树木倒伏', '污水外溢',
  '施工扰民', '小区停水', '电梯故障', '广告牌松动', '楼道堆物', '宠物扰民', '公交晚点', '工资拖欠', '物业收费', '房屋漏水',
  '商品质量', '虚假宣传', '食品过期', '医保报销', '社保转移', '学位咨询', '户籍办理', '燃气异味', '违建举报', '河道漂浮物',
];
const DETAILS = ['已持续三天', '夜间尤其严重', '多次反映未解决', '影响居民出行', '希望尽快处理', '存在安全隐患', '请相关部门核实', '周边商户反映'];
const ROADS = [
  '人民路', '解放路', '建设路', '中山路', '芙蓉路', '湘江路', '雷锋大道', '金星路', '银杉路', '桐梓坡路',
  '望城大道', '高塘岭路', '郭亮路', '旺旺路', '普瑞大道', '马桥河路', '长兴路', '腾飞路', '月亮岛路', '黄金路',
];

/** Title, description and address of one generated ticket (deterministic from `random`). */
export function ticketText(random: () => number, categoryName: string, gridName: string) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const phrase = pick(PHRASES);
  const road = pick(ROADS);
  return {
    title: `${categoryName}：${phrase}`,
    description: `${road}附近${phrase}，${pick(DETAILS)}。${random() < 0.3 ? `另有${pick(PHRASES)}。` : ''}`,
    address: `${gridName}${road}${1 + Math.floor(random() * 300)}号`,
  };
}
