import { describe, expect, it } from 'vitest';
import { callRecordingUrl, recordingStatusOf, recordingUrl, ticketRecordingUrl } from './recordings';

describe('recordings', () => {
  it('plays a recorded call once it has ended', () => {
    expect(recordingStatusOf({ recordingFile: '20260302/1.2.wav', state: 'completed' })).toBe('playable');
    expect(recordingStatusOf({ recordingFile: '20260302/1.2.wav', state: 'transferred' })).toBe('playable');
    expect(recordingStatusOf({ recordingFile: '20260302/1.2.wav', state: 'answered' })).toBe('in_progress');
    expect(recordingStatusOf({ recordingFile: null, state: 'abandoned' })).toBe('none');
  });

  it('builds the URLs from ids only, escaped', () => {
    expect(callRecordingUrl('1772416800.12')).toBe('/api/calls/1772416800.12/recording');
    expect(ticketRecordingUrl('a/b')).toBe('/api/tickets/a%2Fb/recording');
    expect(recordingUrl({ ticketId: 't1' })).toBe('/api/tickets/t1/recording');
    expect(recordingUrl({ callId: '1772416800.12' })).toBe('/api/calls/1772416800.12/recording');
  });
});
