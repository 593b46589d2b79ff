import { describe, expect, it } from 'vitest';
import { isRecordingFileName, recordingCandidates, recordingPathFor } from './recording-path.js';

describe('recordingPathFor', () => {
  it('uses the UTC day, not Shanghai time', () => {
    // 07:30 in Shanghai on 3 March is still 2 March in UTC.
    expect(recordingPathFor('1772494200.7', new Date('2026-03-02T23:30:00Z'))).toBe('20260302/1772494200.7.wav');
    expect(recordingPathFor('pbx-a-1772494200.7', new Date('2026-03-03T00:00:00Z'))).toBe('20260303/pbx-a-1772494200.7.wav');
  });

  it('refuses a Linkedid that is no plain file name', () => {
    for (const linkedid of ['../../etc/passwd', 'a/b', '', 'x'.repeat(200)]) expect(recordingPathFor(linkedid, new Date())).toBeNull();
  });
});

describe('recordingCandidates', () => {
  it('accepts only <YYYYMMDD>/<name>.wav', () => {
    for (const bad of ['../../etc/passwd', '20260302/../../x.wav', '/20260302/a.wav', '2026030/a.wav', '20260302/a.mp3', '20260302/a/b.wav', '20260302\\a.wav']) {
      expect(isRecordingFileName(bad), bad).toBe(false);
      expect(recordingCandidates(bad, null)).toEqual([]);
    }
  });

  it('looks in the next day for a call answered in the last second before 00:00 UTC, and the day before just after', () => {
    expect(recordingCandidates('20260302/1.2.wav', new Date('2026-03-02T23:59:59.500Z'))).toEqual(['20260302/1.2.wav', '20260303/1.2.wav']);
    expect(recordingCandidates('20260303/1.2.wav', new Date('2026-03-03T00:00:00.300Z'))).toEqual(['20260303/1.2.wav', '20260302/1.2.wav']);
    expect(recordingCandidates('20260302/1.2.wav', new Date('2026-03-02T12:00:00Z'))).toEqual(['20260302/1.2.wav']);
  });
});
