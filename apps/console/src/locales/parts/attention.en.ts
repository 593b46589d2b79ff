import type { AttentionMessages } from './attention.zh-CN';

/** Sounds and desktop notifications (English). */
const attentionEn: AttentionMessages = {
  mute: 'Mute',
  unmute: 'Sound on',
  muted: 'Sounds are off',
  enableDesktop: 'Enable desktop notifications',
  desktopDenied: 'Notifications blocked',
  desktopOn: 'Desktop notifications are on',
  ringTitle: 'Incoming call',
  ringBody: 'A call on {hotline}: please answer',
  dispatchTitle: 'New dispatch',
};

export default attentionEn;
