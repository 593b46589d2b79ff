import type { RecordingMessages } from './recording.zh-CN';

/** Call recordings (shift lead, commander), English. */
const recordingEn: RecordingMessages = {
  title: 'Call recording',
  hotline: 'Hotline',
  answeredAt: 'Answered at',
  talkTime: 'Talk time',
  seconds: '{minutes} min {seconds} s',
  none: 'This call has no recording',
  missing: 'The recording file is not on the server',
  inProgress: 'The call is still in progress; the recording can be played once it ends',
  checking: 'Checking the recording…',
  statusFailed: 'Could not check whether the recording can be played',
  length: 'Length: {duration}',
  callFailed: 'Could not load the call',
  playFailed: 'The recording could not be played (the file may no longer be on the server)',
  unsupported: 'This browser cannot play the recording',
  column: 'Recording',
  play: 'Play',
  callOf: 'The call to {hotline} at {time}',
};

export default recordingEn;
