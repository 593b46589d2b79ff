import type { RecordingMessages } from './recording.zh-CN';

/** Call recordings (shift lead, commander), English. */
const recordingEn: RecordingMessages = {
  title: 'Call recording',
  hotline: 'Hotline',
  answeredAt: 'Answered at',
  talkTime: 'Talk time',
  seconds: '{minutes} min {seconds} s',
  none: 'This call has no recording',
  inProgress: 'The call is still in progress; the recording can be played when it ends',
  callFailed: 'Could not load the call',
  playFailed: 'The recording could not be played (the file may no longer be on the server)',
  unsupported: 'This browser cannot play the recording',
  column: 'Recording',
  play: 'Play',
  playing: 'Playing: the call to {hotline} at {time}',
};

export default recordingEn;
