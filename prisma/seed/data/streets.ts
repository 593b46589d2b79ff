/**
 * Wangcheng's 14 streets and towns (names as commonly published; a deployment loads its own
 * area file). Grids are generated inside them: 133 in all.
 */
export const STREETS: { name: string; nameEn: string }[] = [
  { name: '高塘岭街道', nameEn: 'Gaotangling' },
  { name: '大泽湖街道', nameEn: 'Dazehu' },
  { name: '月亮岛街道', nameEn: 'Yueliangdao' },
  { name: '金山桥街道', nameEn: 'Jinshanqiao' },
  { name: '白沙洲街道', nameEn: 'Baishazhou' },
  { name: '乌山街道', nameEn: 'Wushan' },
  { name: '黄金园街道', nameEn: 'Huangjinyuan' },
  { name: '丁字湾街道', nameEn: 'Dingziwan' },
  { name: '书堂山街道', nameEn: 'Shutangshan' },
  { name: '铜官街道', nameEn: 'Tongguan' },
  { name: '茶亭镇', nameEn: 'Chating' },
  { name: '乔口镇', nameEn: 'Qiaokou' },
  { name: '靖港镇', nameEn: 'Jinggang' },
  { name: '白箬铺镇', nameEn: 'Bairuopu' },
];

export const GRID_COUNT = 133;

/** The district's bounding box (WGS-84), cut into street cells, each cut into grid cells. */
export const DISTRICT_BOX = { west: 112.7, east: 112.98, south: 28.22, north: 28.58 };
