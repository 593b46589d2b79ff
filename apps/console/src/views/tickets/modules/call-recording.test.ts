// @vitest-environment happy-dom
/**
 * The ticket's 通话录音 card as the shift lead reads it, against a small server speaking the API's
 * shape: a player only when the server says the recording can be played, and otherwise a sentence
 * saying why (zh-CN and en) — never an audio element that could only fail.
 */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallView } from '#/api/calls';
import { requestClient } from '#/api/client';
import type { RecordingAvailability } from '#/api/recordings';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer } from '#/stores/desk-test-server';
import CallRecording from './call-recording.vue';

const CALL_ROUTE = 'GET /calls/c1';
const STATUS_ROUTE = 'GET /tickets/t1/recording/status';
let server: DeskTestServer;

const call = (over: Partial<CallView> = {}): CallView => ({
  id: 'c1', linkedid: '1772416800.12', pbxId: 'default', hotlineNumber: '12345', callerNumber: '139****2222', state: 'completed',
  queue: 'q12345', agentInterface: 'PJSIP/8101', agentUserId: null, enteredAt: '2026-03-02T01:59:56.000Z', ringAt: null,
  answeredAt: '2026-03-02T02:00:00.000Z', endedAt: '2026-03-02T02:01:02.000Z', waitSeconds: 4, talkSeconds: 62, abandonPosition: null,
  hangupBy: 'caller', recordingFile: '20260302/1772416800.12.wav', resynced: false, tickets: [], ...over,
});

const mounted: { unmount(): void }[] = [];

/** Mounts the card and waits (with a deadline) until both its requests were answered and shown. */
async function mountCard() {
  const wrapper = mount(CallRecording, { props: { ticketId: 't1', callId: 'c1' }, global: { plugins: [i18n, ElementPlus] } });
  mounted.push(wrapper);
  const started = Date.now();
  const settled = () => wrapper.find('[data-testid="recording-audio"], [data-testid="recording-unavailable"], [data-testid="recording-status-failed"], .el-result').exists();
  while (!settled()) {
    if (Date.now() - started > 2000) throw new Error(`the card never settled: ${wrapper.text()}`);
    await flushPromises();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flushPromises();
  return wrapper;
}

function answer(status: RecordingAvailability | [number, unknown], over: Partial<CallView> = {}) {
  server.routes.set(CALL_ROUTE, [200, call(over)]);
  server.routes.set(STATUS_ROUTE, Array.isArray(status) ? status : [200, status]);
}

beforeAll(async () => {
  server = await startDeskTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  setLocale('zh-CN');
});
beforeEach(() => {
  server.routes.clear();
  server.requests.length = 0;
  setLocale('zh-CN');
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

describe('the call recording card of a ticket', () => {
  it('shows the player and the length when the server has the file, fetching no audio beforehand', async () => {
    answer({ available: true, sizeBytes: 992_044, durationSeconds: 62 });
    const wrapper = await mountCard();
    const audio = wrapper.get('[data-testid="recording-audio"]');
    expect(audio.attributes('src')).toBe('/api/tickets/t1/recording');
    expect(audio.attributes('preload')).toBe('none');
    expect(wrapper.get('[data-testid="recording-length"]').text()).toBe('录音时长 1 分 2 秒');
    expect(wrapper.text()).toContain('12345');
    expect(wrapper.find('[data-testid="recording-unavailable"]').exists()).toBe(false);
    expect(server.requests.map((request) => request.path).sort()).toEqual(['/calls/c1', '/tickets/t1/recording/status']);
  });

  it('says the file is not on the server instead of showing a player (zh-CN and en)', async () => {
    answer({ available: false, reason: 'missing' });
    const wrapper = await mountCard();
    expect(wrapper.find('[data-testid="recording-audio"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="recording-unavailable"]').text()).toBe('录音文件不在服务器上');
    expect(wrapper.get('[data-testid="recording-unavailable"]').attributes('data-reason')).toBe('missing');

    setLocale('en');
    const english = await mountCard();
    expect(english.get('[data-testid="recording-unavailable"]').text()).toBe('The recording file is not on the server');
  });

  it('says when the call has no recording, and when it is still going on', async () => {
    answer({ available: false, reason: 'no_recording' }, { recordingFile: null });
    const none = await mountCard();
    expect(none.find('[data-testid="recording-audio"]').exists()).toBe(false);
    expect(none.get('[data-testid="recording-unavailable"]').text()).toBe('该通话没有录音');

    answer({ available: false, reason: 'in_progress' }, { state: 'answered', endedAt: null, talkSeconds: null });
    const live = await mountCard();
    expect(live.find('[data-testid="recording-audio"]').exists()).toBe(false);
    expect(live.get('[data-testid="recording-unavailable"]').text()).toBe('通话仍在进行，结束后才能播放录音');
  });

  it('says when it could not check, and checks again on retry', async () => {
    answer([404, { statusCode: 404, code: 'not_found', message: 'No ticket t1' }]);
    const wrapper = await mountCard();
    expect(wrapper.find('[data-testid="recording-audio"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="recording-status-failed"]').text()).toContain('无法确认录音能否播放');

    server.routes.set(STATUS_ROUTE, [200, { available: true, sizeBytes: 44 }]);
    await wrapper.get('[data-testid="recording-status-failed"] button').trigger('click');
    const started = Date.now();
    while (!wrapper.find('[data-testid="recording-audio"]').exists()) {
      if (Date.now() - started > 2000) throw new Error(`no player after retry: ${wrapper.text()}`);
      await flushPromises();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // No length without a readable WAV header.
    expect(wrapper.find('[data-testid="recording-length"]').exists()).toBe(false);
  });
});
