/**
 * Console: the initial JavaScript (what the built `index.html` loads before the first render,
 * raw and gzipped), then, in Debian's Chromium (playwright-core) against a real stack (api,
 * worker, bridge and the PBX simulator, `startStack`) on a seeded database holding a generated
 * city: login → the agent desk interactive (see `DESK_INTERACTIVE`), and a handler's login →
 * inbox rows, then its "in progress" tab → rows. p50/p95 over fresh browser contexts.
 * The grid workers' phone app (`/m/`, issue 15): its initial JavaScript against the 150 kB gzipped
 * budget, and a grid worker's sign-in → phone inbox interactive on a phone profile under Fast 3G
 * and a 4× CPU slowdown (`phone-browser.ts`) against the 3 s p95 budget.
 * Baseline in the same run, browser and server: two static HTML pages (a login form whose submit
 * opens a page with one button), served by the API's static handler like the console.
 *
 * `BENCH_CITY_DATABASE_URL` reuses a database `pnpm gen:city` filled (its demo password:
 * `BENCH_CITY_PASSWORD`, default `city-1-password` as `gen:city --fresh` seeds it); the stack's
 * worker then runs on it. Otherwise a database is made, filled and dropped.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createPrismaClient } from '@yixian/db';
import { REPO_ROOT, stopServices, waitForHttp, type ServiceProcess } from '../lib/run.js';
import { buildConsole, startStack } from '../lib/stack.js';
import { ensureChromium } from '../lib/chromium.js';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { assertLoopback, BENCH_PASSWORD, createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { copyConsoleWithBaseline, measureInitialLoad } from './lib/console-assets.js';
import { launchChromium, timeBaseline, timeDesk, timeInbox, type BaselineSample, type DeskSample, type InboxSample } from './lib/console-browser.js';
import { CPU_SLOWDOWN, FAST_3G, timePhoneInbox, timeThrottledBaseline, type PhoneSample, type ThrottledBaselineSample } from './lib/phone-browser.js';
import { percentile, ratio, round } from './lib/stats.js';
import { generateCity } from './generate-city.js';

const FULL = { repetitions: 20, city: { calls: 3_000_000, tickets: 1_000_000, days: 365 } };
const QUICK = { repetitions: 2, city: { calls: 2_000, tickets: 600, days: 30 } };

/** Issue 15's phone budgets: the phone app's initial JS, and sign-in → inbox interactive on Fast 3G. */
const PHONE_BUDGET = { initialJsGzipBytes: 150_000, signInToInteractiveP95Ms: 3_000 };
const verdict = (isMet: boolean) => (isMet ? 'met' : 'not met');

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

/** count, p50, p95, max (ms, one decimal). */
function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: round(percentile(sorted, 50), 1), p95: round(percentile(sorted, 95), 1), max: round(sorted.at(-1) ?? Number.NaN, 1) };
}

async function prepareCity(city: typeof FULL.city, log: (line: string) => void) {
  const reuse = process.env.BENCH_CITY_DATABASE_URL;
  if (reuse) {
    assertLoopback(reuse, 'BENCH_CITY_DATABASE_URL');
    const prisma = createPrismaClient(reuse);
    const counts = { calls: await prisma.call.count({ where: { pbxId: 'city' } }), tickets: await prisma.ticket.count() };
    await prisma.$disconnect();
    if (counts.calls === 0) throw new Error('BENCH_CITY_DATABASE_URL holds no generated city: run pnpm gen:city first');
    return { url: reuse, password: process.env.BENCH_CITY_PASSWORD ?? 'city-1-password', counts, drop: async () => undefined };
  }
  const db = await createBenchDatabase({ seed: true });
  log(`generating a city: ${city.calls} calls, ${city.tickets} tickets over ${city.days} days…`);
  const generated = await generateCity({ databaseUrl: db.url, ...city });
  return { url: db.url, password: BENCH_PASSWORD, counts: { calls: generated.calls, tickets: generated.tickets }, drop: () => db.drop() };
}

export const consoleBench: Benchmark = {
  name: 'console',
  title: 'Console: initial JavaScript; login → agent desk interactive and handler inbox rows in Chromium',
  async run({ quick, log }): Promise<BenchResult> {
    const size = quick ? QUICK : FULL;
    await ensureChromium();
    await buildConsole();
    const distDir = join(REPO_ROOT, 'apps/console/dist');
    const initial = measureInitialLoad(distDir);
    log(`initial JS: ${initial.scripts.length} scripts, ${initial.jsRawBytes} B raw, ${initial.jsGzipBytes} B gzipped`);
    const phone = measureInitialLoad(distDir, 'mobile.html');
    const phoneJsMet = phone.jsGzipBytes <= PHONE_BUDGET.initialJsGzipBytes;
    log(`phone app initial JS: ${phone.scripts.length} scripts, ${phone.jsRawBytes} B raw, ${phone.jsGzipBytes} B gzipped (budget ≤ ${PHONE_BUDGET.initialJsGzipBytes} B: ${verdict(phoneJsMet)})`);
    const served = copyConsoleWithBaseline(distDir);
    const redis = createBenchRedis();
    let city: Awaited<ReturnType<typeof prepareCity>> | undefined;
    let stack: ServiceProcess[] = [];
    let browser: Browser | undefined;
    try {
      city = await prepareCity(size.city, log);
      const port = await freePort();
      stack = await startStack({
        databaseUrl: city.url, redisUrl: redis.url, redisPrefix: redis.prefix, port, demoCallsPerHour: 0, simulatorPort: 0,
        extraEnv: { LOG_LEVEL: 'warn', CONSOLE_DIST: served.dir, LOGIN_RATE_LIMIT: '10000' },
      });
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/api/health`, (status, body) => status === 200 && body.includes('"status":"ok"'), 240_000);
      browser = await launchChromium();
      const password = city.password;
      // One unmeasured round: the server's first requests (JIT, pools, prepared statements).
      await timeBaseline(browser, base);
      await timeDesk(browser, base, 'demo-agent', password);
      await timeInbox(browser, base, 'demo-grid', password);
      await timePhoneInbox(browser, base, 'demo-grid', password, { repeatVisit: false });
      const baselines: BaselineSample[] = [];
      const desks: DeskSample[] = [];
      const inboxes: InboxSample[] = [];
      const phones: PhoneSample[] = [];
      const throttledBaselines: ThrottledBaselineSample[] = [];
      for (let i = 0; i < size.repetitions; i++) {
        baselines.push(await timeBaseline(browser, base));
        desks.push(await timeDesk(browser, base, 'demo-agent', password));
        inboxes.push(await timeInbox(browser, base, 'demo-grid', password));
        phones.push(await timePhoneInbox(browser, base, 'demo-grid', password, { repeatVisit: true }));
        throttledBaselines.push(await timeThrottledBaseline(browser, base));
        log(`round ${i + 1}/${size.repetitions}: desk ${Math.round(desks.at(-1)!.loginPageMs + desks.at(-1)!.loginToDeskMs)} ms, static pages ${Math.round(baselines.at(-1)!.pageMs + baselines.at(-1)!.submitToPageMs)} ms; `
          + `phone on Fast 3G: sign-in → inbox interactive ${Math.round(phones.at(-1)!.signInToInteractiveMs)} ms, static submit → page ${Math.round(throttledBaselines.at(-1)!.submitToPageMs)} ms`);
      }
      const deskTotal = summarise(desks.map((d) => d.loginPageMs + d.loginToDeskMs));
      const staticTotal = summarise(baselines.map((b) => b.pageMs + b.submitToPageMs));
      const loginToDesk = summarise(desks.map((d) => d.loginToDeskMs));
      const submitToPage = summarise(baselines.map((b) => b.submitToPageMs));
      const loginPage = summarise(desks.map((d) => d.loginPageMs));
      const staticPage = summarise(baselines.map((b) => b.pageMs));
      const inboxRows = summarise(inboxes.map((s) => s.loginToRowsMs));
      const phoneInteractive = summarise(phones.map((s) => s.signInToInteractiveMs));
      const phoneLoginPage = summarise(phones.map((s) => s.loginPageMs));
      const repeatVisits = phones.flatMap((s) => (s.repeatVisitMs === null ? [] : [s.repeatVisitMs]));
      const throttledSubmit = summarise(throttledBaselines.map((b) => b.submitToPageMs));
      const throttledPage = summarise(throttledBaselines.map((b) => b.pageMs));
      const phoneInteractiveMet = phoneInteractive.p95 <= PHONE_BUDGET.signInToInteractiveP95Ms;
      log(`phone sign-in → inbox interactive (Fast 3G, CPU ×${CPU_SLOWDOWN}): p50 ${phoneInteractive.p50} / p95 ${phoneInteractive.p95} ms (budget p95 ≤ ${PHONE_BUDGET.signInToInteractiveP95Ms} ms: ${verdict(phoneInteractiveMet)}); `
        + `static submit → page, same profile: p50 ${throttledSubmit.p50} / p95 ${throttledSubmit.p95} ms`);
      return {
        name: 'console', title: this.title, status: 'measured', quick, command: 'pnpm bench console',
        parameters: { repetitions: size.repetitions, city: city.counts, viewport: '1366x768', browser: 'Debian chromium, headless, fresh context per sample', initialScripts: initial.scripts },
        figures: {
          initialJsRawBytes: initial.jsRawBytes, initialJsGzipBytes: initial.jsGzipBytes, initialScripts: initial.scripts.length,
          initialCssGzipBytes: initial.cssGzipBytes,
          phoneInitialJsRawBytes: phone.jsRawBytes, phoneInitialJsGzipBytes: phone.jsGzipBytes, phoneInitialScripts: phone.scripts.length,
          phoneInitialCssGzipBytes: phone.cssGzipBytes,
          loginPageMs: loginPage, loginToDeskInteractiveMs: loginToDesk, deskTotalMs: deskTotal,
          scriptsLoadedByDesk: { files: desks[0]!.scriptsLoaded, rawBytes: desks[0]!.scriptBytes },
          inboxLoginToRowsMs: inboxRows, inboxTabToRowsMs: summarise(inboxes.map((s) => s.tabToRowsMs)),
          inboxRows: { toSign: inboxes[0]!.toSignRows, inProgress: inboxes[0]!.inProgressRows },
          phoneLoginPageMs: phoneLoginPage,
          phoneSignInToRowsMs: summarise(phones.map((s) => s.signInToRowsMs)),
          phoneSignInToInteractiveMs: phoneInteractive,
          phoneRepeatVisitMs: repeatVisits.length > 0 ? summarise(repeatVisits) : null,
          phoneInProgressCards: { min: Math.min(...phones.map((s) => s.inProgressCards)), max: Math.max(...phones.map((s) => s.inProgressCards)) },
          phoneInProgressLoadFailures: phones.filter((s) => s.inProgressFailed).length,
          phoneRequestsSignInToRows: phones[0]!.requestsToRows,
        },
        baseline: {
          what: 'two static HTML pages from the same server in the same browser: a login form whose submit opens a page with one button',
          figures: {
            pageMs: staticPage, submitToPageMs: submitToPage, totalMs: staticTotal,
            phoneProfile: { pageMs: throttledPage, submitToPageMs: throttledSubmit },
          },
        },
        ratios: {
          'desk total p50 / static pages p50': ratio(deskTotal.p50, staticTotal.p50),
          'desk total p95 / static pages p95': ratio(deskTotal.p95, staticTotal.p95),
          'login → desk p50 / submit → static page p50': ratio(loginToDesk.p50, submitToPage.p50),
          'login page p50 / static page p50': ratio(loginPage.p50, staticPage.p50),
          'inbox login → rows p50 / submit → static page p50': ratio(inboxRows.p50, submitToPage.p50),
          'phone sign-in → inbox interactive p95 / static submit → page p95 (Fast 3G, CPU ×4)': ratio(phoneInteractive.p95, throttledSubmit.p95),
          'phone login page p50 / static page p50 (Fast 3G, CPU ×4)': ratio(phoneLoginPage.p50, throttledPage.p50),
        },
        targets: [
          checkTarget('phone app initial JS, gzipped (B)', phone.jsGzipBytes, '<=', PHONE_BUDGET.initialJsGzipBytes, ' B'),
          checkTarget('phone sign-in → inbox interactive p95, Fast 3G + CPU ×4, first visit (ms)', phoneInteractive.p95, '<=', PHONE_BUDGET.signInToInteractiveP95Ms, ' ms'),
        ],
        notes: [
          'initial JS = the module script and every modulepreload in dist/index.html (entry chunk and its static imports), gzip level 9; lazy route chunks are not in it (scriptsLoadedByDesk counts what the browser had fetched by the interactive desk).',
          'phone app initial JS = the same for dist/mobile.html (the grid workers\' app at /m/; issue 15 budgets it at 150 kB gzipped).',
          `phone: demo-grid on 390x844, touch, scale 3, DevTools Fast 3G (latency ${FAST_3G.latency} ms, ${FAST_3G.downloadThroughput} B/s down, ${FAST_3G.uploadThroughput} B/s up) and CPU ×${CPU_SLOWDOWN} via CDP; fresh context per sample, service worker not installed: the first-visit worst case. Interactive = the first tab's cards (or empty state) rendered and a tap on the in-progress tab handled. The repeat visit reloads /m/ in the same signed-in context once the service worker is active (its own fetches may escape the page's throttling: a lower bound).`,
          'desk interactive = the state bar\'s Ready button enabled, the queue strip showing the live queue, the live socket open; deskTotal = login page ready + sign-in click → desk interactive (typing excluded).',
          'inbox: demo-grid (grid team gt-s01g01); the tab switch is a client-side state filter (all four tabs load together).',
        ],
      };
    } finally {
      await browser?.close().catch(() => undefined);
      await stopServices(stack, 30_000);
      await redis.cleanup().catch(() => undefined);
      await city?.drop().catch(() => undefined);
      served.cleanup();
    }
  },
};
