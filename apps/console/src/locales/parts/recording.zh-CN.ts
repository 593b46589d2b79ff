/** 通话录音（值班长、区级指挥）。`recording.en.ts` must have exactly the same keys. */
const recordingZhCN = {
  title: '通话录音',
  hotline: '热线',
  answeredAt: '接听时间',
  talkTime: '通话时长',
  seconds: '{minutes} 分 {seconds} 秒',
  none: '该通话没有录音',
  missing: '录音文件不在服务器上',
  inProgress: '通话仍在进行，结束后才能播放录音',
  checking: '正在检查录音…',
  statusFailed: '无法确认录音能否播放',
  length: '录音时长 {duration}',
  callFailed: '通话记录加载失败',
  playFailed: '录音无法播放（文件可能已不在服务器上）',
  unsupported: '浏览器不支持播放录音',
  column: '录音',
  play: '播放',
  callOf: '{time} 拨打 {hotline} 的通话',
};

export type RecordingMessages = typeof recordingZhCN;
export default recordingZhCN;
