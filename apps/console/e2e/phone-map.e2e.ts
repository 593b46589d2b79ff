/**
 * 地图 on the phone app (`/m/map`, issue 15 part 7) on a phone profile with a granted GPS fix: a
 * grid worker sees their grid by name, its boundary drawn, one marker per open ticket of theirs
 * that has a position (none for the grid next door), the tickets without one listed under the
 * map, and their own position; without signal the last map loaded stays, said so; tapping a marker names the ticket's category and state and opens
 * its page. Without TILE_URL (the shared stack) the page asks no other server for anything, tiles
 * least of all. With TILE_URL pointed at a tile server this test starts, a second API on the same
 * database (TILE_URL is read at boot) serves the map, and the tiles come from that server.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTsArgs, startService, stopServices, waitForHttp, type ServiceProcess } from '../../../scripts/lib/run';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { signInOnPhone } from './phone-fixtures';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
/** Inside the seed's grid s01g01 (its box's centroid is 28.565, 112.70875; s01g02's lies 0.0175° east). */
const WORKER_AT = { latitude: 28.563, longitude: 112.7065, accuracy: 40 };
const IN_S01G01 = [{ lat: 28.569, lng: 112.7045 }, { lat: 28.561, lng: 112.7125 }];
const IN_S01G02 = { lat: 28.565, lng: 112.72625 };

interface MyArea { tickets: { id: string; code: string; lat: number | null }[] }

/** As demo-agent, files a rubbish ticket dispatched at once: placed by its point, or in s01g01 without one. */
async function fileTicket(base: string, label: string, at: { lat: number; lng: number } | null, urgency: 'normal' | 'urgent' = 'normal') {
  const agent = await loginApi(base, 'demo-agent');
  const suffix = randomBytes(3).toString('hex');
  const { ticket } = await callApi<{ ticket: { id: string; code: string; leadUnitId: string } }>(agent, 'POST', '/tickets', {
    channel: 'web', categoryId: 'city.garbage', title: `${label} ${suffix}`, description: `E2E 地图：${label} (${suffix})`,
    urgency, dispatch: true, ...(at ? at : { areaId: 's01g01' }),
  });
  return ticket;
}

/** Opens 地图 from the tab bar and waits until the grid's boundary is drawn. */
async function openMap(page: Page): Promise<void> {
  await page.getByTestId('m-tab-m-map').tap();
  await page.waitForURL((url) => url.pathname === '/m/map');
  await page.locator('[data-testid="m-map"] path.map-area').first().waitFor();
}

/** What Chromium logs for the requests that fail while the test has the phone offline. */
const OFFLINE_ERRORS = [/ERR_INTERNET_DISCONNECTED/, /WebSocket/i, /Failed to fetch/];

const scrollWidthOf = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);

/** A 256×256 PNG tile: pale, with a darker line on its right and bottom edges (the tiles show as a grid). */
function makeTile(): Buffer {
  const size = 256;
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) rows.fill(x === size - 1 || y === size - 1 ? 0xb8 : 0xe4, row + 1 + x * 3, row + 4 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A tile server for any `/tiles/{z}/{x}/{y}.png`; it keeps the paths asked for. */
async function startTileServer(): Promise<{ server: Server; origin: string; asked: string[] }> {
  const png = makeTile();
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

/** A second API process on the stack's database, with its own Redis prefix, port and the environment given. */
async function startSecondApi(env: NodeJS.ProcessEnv): Promise<{ api: ServiceProcess; base: string }> {
  const port = 4800 + Math.floor(Math.random() * 900);
  const api = startService('api-tiles', ...nodeTsArgs('apps/api/src/server.ts'), {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_PREFIX: `yxe2emap${randomBytes(3).toString('hex')}:`,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '10000',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/api/auth/session`, (status) => status === 200, 60_000);
  return { api, base };
}

describe.skipIf(!BASE_URL)('phone app: map', () => {
  let browser: BrowserSession | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('shows the grid, its open tickets as markers with popups, the unplaced ones under it, and asks no other server', async () => {
    const base = BASE_URL as string;
    const urgent = await fileTicket(base, '东门垃圾满溢', IN_S01G01[0]!, 'urgent');
    const normal = await fileTicket(base, '北巷垃圾桶破损', IN_S01G01[1]!);
    const unplaced = await fileTicket(base, '垃圾清运不及时', null);
    const nextGrid = await fileTicket(base, '隔壁网格垃圾', IN_S01G02);
    expect([urgent, normal, unplaced].map((ticket) => ticket.leadUnitId)).toEqual(['gt-s01g01', 'gt-s01g01', 'gt-s01g01']);
    // Other browser tests leave open tickets in this grid too: the API says how many have a position.
    const grid = await loginApi(base, 'demo-grid');
    const mine = await callApi<MyArea>(grid, 'GET', '/map/my-area');
    const placedCount = mine.tickets.filter((ticket) => ticket.lat !== null).length;
    const unplacedCount = mine.tickets.length - placedCount;
    expect(mine.tickets.map((ticket) => ticket.id)).not.toContain(nextGrid.id);

    browser = await launchBrowser('phone-map-grid', { baseURL: base, device: PHONE_DEVICE, geolocation: WORKER_AT });
    const { page } = browser;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await signInOnPhone(page);
    await expect(page.getByTestId('m-tab-m-map').textContent()).resolves.toContain('地图');
    await openMap(page);

    await expect(page.getByTestId('m-map-areas').textContent()).resolves.toContain('第1网格');
    expect(await page.locator('[data-testid="m-map"] path.map-area').count()).toBe(1);
    await expect.poll(() => page.getByTestId('m-map-marker').count()).toBe(placedCount);
    for (const ticket of [urgent, normal]) await page.locator(`[data-testid="m-map-marker"][data-code="${ticket.code}"]`).waitFor();
    expect(await page.locator(`[data-testid="m-map-marker"][data-code="${nextGrid.code}"]`).count()).toBe(0);
    expect(await page.locator(`[data-testid="m-map-marker"][data-code="${urgent.code}"]`).getAttribute('data-tone')).toBe('urgent');
    // The worker's own position, with its accuracy circle.
    await page.locator('[data-testid="m-map"] path.map-position').waitFor();
    expect(await page.locator('[data-testid="m-map"] path.map-position-accuracy').count()).toBe(1);
    // Tickets without a position, listed under the map.
    const list = page.getByTestId('m-map-unplaced');
    await expect(list.locator('h2').textContent()).resolves.toBe(`无位置的工单 ${unplacedCount}`);
    await list.getByTestId(`m-map-unplaced-${unplaced.code}`).waitFor();
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_DEVICE.viewport.width);
    await browser.step('map of the grid');

    // Without signal, 刷新 keeps the map the phone last loaded, saying from when.
    await browser.context.setOffline(true);
    await page.getByTestId('m-refresh').tap();
    await page.getByTestId('m-offline-copy').waitFor();
    expect(await page.getByTestId('m-map-marker').count()).toBe(placedCount);
    await browser.step('offline copy');
    await browser.context.setOffline(false);
    await page.getByTestId('m-refresh').tap();
    await page.getByTestId('m-offline-copy').waitFor({ state: 'detached' });

    await page.locator(`[data-testid="m-map-marker"][data-code="${urgent.code}"]`).tap();
    const popup = page.getByTestId('m-map-popup');
    await popup.waitFor();
    await expect(popup.getByTestId('m-map-popup-code').textContent()).resolves.toBe(urgent.code);
    await expect(popup.getByTestId('m-map-popup-category').textContent()).resolves.toBe('分类：垃圾清运');
    await expect(popup.getByTestId('m-map-popup-state').textContent()).resolves.toBe('已派单');
    await expect(popup.getByTestId('m-map-popup-tone').textContent()).resolves.toBe('紧急');
    await browser.step('popup');
    await popup.getByTestId('m-map-popup-open').tap();
    await page.waitForURL((url) => url.pathname === `/m/tickets/${urgent.id}`);
    await expect(page.getByTestId('m-ticket-category').textContent()).resolves.toBe('垃圾清运');
    await browser.step('ticket opened from the map');

    // The narrowest phone: nothing wider than the screen, the tab bar still in words.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/m/map');
    await page.locator('[data-testid="m-map"] path.map-area').first().waitFor();
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(360);
    await browser.step('map at 360 px');

    const origin = new URL(base).origin;
    expect(requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
    expect(requested.filter((url) => /\/\d+\/\d+\/\d+\.png/.test(url))).toEqual([]);
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);

  it('draws tiles from the tile server TILE_URL names, crediting it', async () => {
    const tiles = await startTileServer();
    cleanups.push(() => new Promise((resolve) => tiles.server.close(() => resolve())));
    const { api, base } = await startSecondApi({ TILE_URL: `${tiles.origin}/tiles/{z}/{x}/{y}.png`, TILE_ATTRIBUTION: '© 测试瓦片 <b>' });
    cleanups.push(() => stopServices([api], 10_000));

    browser = await launchBrowser('phone-map-tiles', { baseURL: base, device: PHONE_DEVICE, geolocation: WORKER_AT });
    const { page } = browser;
    await signInOnPhone(page);
    await openMap(page);
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(tiles.asked.length).toBeGreaterThan(0);
    expect(tiles.asked.every((path) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
    // The attribution is shown as words, never as HTML.
    await expect(page.locator('.leaflet-control-attribution').textContent()).resolves.toBe('© 测试瓦片 <b>');
    await browser.step('map with tiles');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
