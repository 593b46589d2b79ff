import type { Page } from 'playwright-core';
import { placeHotlineCall, removeMember, setMembersPaused } from './pbx';
import { loginInBrowser } from './ticket-fixtures';

/**
 * The steps of a desk test that takes a real call from the simulator PBX (desk-intake.e2e.ts,
 * knowledge.e2e.ts): sign in, go ready, pause every other queue member so the test call rings
 * this agent only, ring, answer, end the call; and the clean-up that puts the queue back.
 */

/** Chromium logs 4xx fetches: 401 before login, 404 while the call record is not written yet. */
export const DESK_EXPECTED_ERRORS = [
  /Failed to load resource: the server responded with a status of 401/,
  /Failed to load resource: the server responded with a status of 404/,
];

export const randomMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

interface LiveAgent { interface: string; userId: string | null; state: string }

/**
 * Signs in through `/login?redirect=<path>`, waits for `path` itself and answers with the user's
 * id. A URL test like /\/desk$/ also matches the login page's own `?redirect=/desk`, so it passes
 * before the sign-in is done; `/api/auth/me` then answers 401 and the test goes on without a user
 * (knowledge.e2e.ts's desk test paused its own agent that way). Hence the pathname and the 200.
 */
export async function signInAt(page: Page, username: string, path: string): Promise<string> {
  await page.goto(`/login?redirect=${path}`);
  await loginInBrowser(page, username);
  await page.waitForURL((url) => url.pathname === path);
  const response = await page.request.get('/api/auth/me');
  if (!response.ok()) throw new Error(`signed in as ${username}, but /api/auth/me answered ${response.status()}`);
  return ((await response.json()) as { user: { id: string } }).user.id;
}

/** Signs in at the desk and waits for its live connection. */
export async function signInAtDesk(page: Page, username: string): Promise<string> {
  const userId = await signInAt(page, username, '/desk');
  await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
  return userId;
}

export async function goReady(page: Page): Promise<void> {
  await page.getByTestId('go-ready').click();
  await page.getByTestId('agent-state').filter({ hasText: '就绪' }).waitFor();
}

export async function signOutOfQueue(page: Page): Promise<void> {
  await page.getByTestId('log-out-queue').click();
  await page.getByTestId('agent-state').filter({ hasText: '已签出' }).waitFor();
}

/**
 * One desk test's hold on the simulator's queue: which members it paused and which agent it
 * put in the queue, so `release` (in afterEach) can put both back even when the test failed.
 */
export function createDeskQueue(amiUrl: string) {
  let pausedOthers: string[] = [];
  let agentInterface: string | undefined;
  return {
    /**
     * After `goReady`: pauses every other member that could take a call, so the test call rings
     * this agent only. Throws if the agent is not in the queue's live state: without it, every
     * member (the agent too) would be paused and the call would wait unrung.
     */
    async pauseOthers(page: Page, userId: string): Promise<void> {
      const live = (await (await page.request.get('/api/queue/live')).json()) as { agents: LiveAgent[] };
      const mine = live.agents.find((a) => a.userId === userId);
      if (!mine) throw new Error(`user ${userId} is not among the queue's live agents: ${JSON.stringify(live.agents)}`);
      agentInterface = mine.interface;
      const others = live.agents.filter((a) => a.interface !== mine.interface && a.state !== 'paused' && a.state !== 'logged_out');
      pausedOthers = others.map((a) => a.interface);
      await setMembersPaused(amiUrl, pausedOthers, true);
    },
    /** A citizen calls the hotline; the desk shows it ringing. */
    async ring(page: Page, hotline: string, caller: { name: string; number: string }): Promise<void> {
      await placeHotlineCall(amiUrl, hotline, caller);
      await page.locator('[data-testid="screen-pop"][data-phase="ringing"]').waitFor({ timeout: 20_000 });
    },
    /** Resumes the members paused for the test and takes the agent out of the queue. */
    async release(): Promise<void> {
      await setMembersPaused(amiUrl, pausedOthers, false).catch(() => undefined);
      if (agentInterface) await removeMember(amiUrl, agentInterface).catch(() => undefined);
      pausedOthers = [];
      agentInterface = undefined;
    },
  };
}

/** Answers the ringing call and waits until the desk talks and the call record is written. */
export async function answerCall(page: Page): Promise<void> {
  await page.getByTestId('answer').click();
  await page.locator('[data-testid="screen-pop"][data-phase="talking"]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="agent-desk"][data-call-recorded="true"]').waitFor({ timeout: 15_000 });
}

/** Hangs up and finishes the call (the desk leaves the ended call). */
export async function endCall(page: Page): Promise<void> {
  await page.getByTestId('hangup').click();
  await page.locator('[data-testid="screen-pop"][data-phase="ended"]').waitFor({ timeout: 15_000 });
  await page.getByTestId('finish-call').click();
}
