/**
 * Call recordings in the browser: a citizen's 12345 call is answered and ended by the PBX (the
 * simulator's agents pick up and hang up by themselves) and a ticket is taken from the call.
 * While no file is on the server (as in the demo, which has no PBX recordings) the shift lead is
 * told so in words on the ticket page and in the statistics drill-down — no player, no 404, no
 * console error. Then the test puts a WAV where Asterisk's MixMonitor would: the shift lead sees a
 * player on the ticket page (the browser loads the audio through the ticket's route) and in the
 * drill-down of answered calls; an agent sees the same ticket without the player.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { placeHotlineCall } from './pbx';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
/** The stack's RECORDINGS_DIR (scripts/test.ts makes a temporary one). */
const RECORDINGS_DIR = process.env.E2E_RECORDINGS_DIR;
const FLOW_TIMEOUT_MS = 120_000;
const SAMPLE_RATE = 8000;

/** One second of a 440 Hz tone, 8 kHz mono 16-bit PCM, as MixMonitor writes .wav. */
function makeWav(): Buffer {
  const data = Buffer.alloc(SAMPLE_RATE * 2);
  for (let i = 0; i < SAMPLE_RATE; i += 1) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

interface CallRow { id: string; state: string; recordingFile: string | null }

describe.skipIf(!BASE_URL || !AMI_URL || !RECORDINGS_DIR)('call recordings', () => {
  const browsers: BrowserSession[] = [];
  afterEach(async () => {
    await Promise.all(browsers.splice(0).map((session) => session.close()));
  });

  it('tells the shift lead the recording file is not on the server, then shows a player once it is; the agent sees none', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const base = BASE_URL as string;
    const number = `136${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
    const lead = await loginApi(base, 'demo-lead');
    await placeHotlineCall(AMI_URL!, '12345', { name: '录音测试', number });

    // The simulator's agents answer after 3 s and hang up after 8 s; the worker then names the file.
    let call: CallRow | undefined;
    await expect.poll(async () => {
      call = (await callApi<{ items: CallRow[] }>(lead, 'GET', `/calls?caller=${number}`)).items[0];
      return call?.state;
    }, { timeout: 45_000, interval: 500 }).toBe('completed');
    expect(call!.recordingFile).toMatch(/^\d{8}\/[\w.-]+\.wav$/);

    const suffix = randomBytes(3).toString('hex');
    const { ticket } = await callApi<{ ticket: { id: string; code: string } }>(lead, 'POST', '/tickets', {
      channel: 'phone', callId: call!.id, categoryId: 'city.garbage', areaId: 's01g01',
      title: `录音回听 ${suffix}`, description: `E2E 来电反映垃圾未清运 (${suffix})`,
    });

    const session = await launchBrowser('recordings-ticket-player', { baseURL: base });
    browsers.push(session);
    const { page } = session;
    await page.goto(`/login?redirect=/tickets/${ticket.id}`);
    await loginInBrowser(page, 'demo-lead');
    const card = page.getByTestId('call-recording');
    await card.getByText('通话录音').waitFor();
    await card.getByText('12345').waitFor();

    // The call names a file MixMonitor never wrote here: said up front, no player to press.
    await card.getByTestId('recording-unavailable').getByText('录音文件不在服务器上').waitFor();
    expect(await card.getByTestId('recording-audio').count()).toBe(0);
    await session.step('missing file on the ticket');
    await page.goto('/stats');
    await page.getByTestId('drill-calls-answered-total').click();
    await page.getByTestId(`play-recording-${call!.id}`).click();
    await page.getByTestId('drill-recording').getByTestId('recording-unavailable').getByText('录音文件不在服务器上').waitFor();
    expect(await page.getByTestId('drill-recording').getByTestId('recording-audio').count()).toBe(0);
    await session.step('missing file in the drill-down');
    session.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);

    const file = join(RECORDINGS_DIR!, call!.recordingFile!);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, makeWav());
    await page.goto(`/tickets/${ticket.id}`);
    await card.getByTestId('recording-length').getByText('录音时长 0 分 1 秒').waitFor();
    const audio = card.getByTestId('recording-audio');
    await expect(audio.getAttribute('preload')).resolves.toBe('none');
    await expect(audio.getAttribute('src')).resolves.toBe(`/api/tickets/${ticket.id}/recording`);
    await session.step('player on the ticket');

    // The browser fetches and decodes the file through the ticket's route (byte ranges).
    const duration = await audio.evaluate((element: HTMLAudioElement) => new Promise<number>((resolve, reject) => {
      element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
      element.addEventListener('error', () => reject(new Error(`audio error ${element.error?.code ?? '?'}`)), { once: true });
      element.preload = 'metadata';
      element.load();
    }));
    expect(duration).toBeCloseTo(1, 1);

    // The same call in the statistics drill-down of today's answered calls: Play shows its player.
    await page.goto('/stats');
    await page.getByTestId('drill-calls-answered-total').click();
    await page.getByTestId(`play-recording-${call!.id}`).click();
    const drillPlayer = page.getByTestId('drill-recording');
    await drillPlayer.getByText('12345').waitFor();
    await expect(drillPlayer.getByTestId('recording-audio').getAttribute('src')).resolves.toBe(`/api/calls/${call!.id}/recording`);
    await session.step('player in the drill-down');
    session.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);

    const agentSession = await launchBrowser('recordings-agent-no-player', { baseURL: base });
    browsers.push(agentSession);
    await agentSession.page.goto(`/login?redirect=/tickets/${ticket.id}`);
    await loginInBrowser(agentSession.page, 'demo-agent');
    await agentSession.page.getByTestId('ticket-title').getByText(`录音回听 ${suffix}`).waitFor();
    expect(await agentSession.page.getByTestId('call-recording').count()).toBe(0);
    await agentSession.step('agent sees no player');
    agentSession.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  });
});
