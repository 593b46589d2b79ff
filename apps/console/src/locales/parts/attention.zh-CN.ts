/** Sounds and desktop notifications (header switch, ring and dispatch notices). */
const attentionZhCN = {
  mute: '静音',
  unmute: '开启声音',
  muted: '提示音已关闭',
  enableDesktop: '开启桌面通知',
  desktopDenied: '桌面通知已阻止',
  desktopOn: '桌面通知已开启',
  ringTitle: '来电振铃',
  ringBody: '{hotline} 来电，请接听',
  dispatchTitle: '新派单',
};

export type AttentionMessages = typeof attentionZhCN;
export default attentionZhCN;
