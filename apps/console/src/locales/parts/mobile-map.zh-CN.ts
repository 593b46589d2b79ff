/** 手机版的地图（`/m/map`）。`mobile-map.en.ts` must have exactly the same keys. */
const mobileMapZhCN = {
  tab: '地图',
  title: '网格地图',
  mapLabel: '网格与工单地图',
  areasMore: '{names} 等 {count} 个区域',
  noArea: '您的账号没有划定网格，地图只显示工单',
  truncated: '范围内工单较多，只显示期限最近的 {count} 件',
  noTickets: '范围内没有未办结的工单',
  unplaced: '无位置的工单 {count}',
  loadFailed: '地图加载失败，请点“刷新”重试',
  offline: '网络已断开，手机上也没有保存过地图：请在有信号时打开地图',
  mapFailed: '地图组件未能载入（离线），下面仍列出工单',
  zoomIn: '放大',
  zoomOut: '缩小',
  legend: {
    overdue: '已超时',
    urgent: '紧急',
    normal: '一般',
    me: '我的位置',
  },
  position: {
    denied: '未允许定位：地图上不显示您的位置',
    unavailable: '暂时无法定位：地图上不显示您的位置',
    unsupported: '此手机不支持定位',
  },
  popup: {
    category: '分类：{name}',
    open: '打开工单',
  },
};

export default mobileMapZhCN;
