/** Helpers the incident and duty browser tests share: the 1440 px desk, signing out, the unit picker and the type cascade. */
import type { Locator, Page } from 'playwright-core';
import type { DeviceProfile } from './browser';
import { loginInBrowser, type ApiSession } from './ticket-fixtures';

/** The command desk's common screen: the incident pages are checked at 1440 px. */
export const INCIDENT_DESK: DeviceProfile = { viewport: { width: 1440, height: 900 } };

/** Signs out from the user menu and in again as `username`, then opens `path`. */
export async function switchUser(page: Page, username: string, path: string): Promise<void> {
  await page.getByTestId('user-menu-trigger').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
  await loginInBrowser(page, username);
  await page.goto(path);
}

/** Types into a unit picker and chooses the option with `code` from its own (teleported) list. */
export async function pickUnit(page: Page, pickerTestId: string, typed: string, code: string): Promise<void> {
  const input = page.getByTestId(pickerTestId).locator('input').first();
  await input.focus();
  await input.pressSequentially(typed);
  const listId = await input.getAttribute('aria-controls');
  const option: Locator = (listId ? page.locator(`[id="${listId}"]`) : page).getByTestId(`unit-option-${code}`).filter({ visible: true });
  await option.waitFor();
  await option.click();
}

/** Chooses a type and its subtype in the incident type cascade by their names. */
export async function pickIncidentType(page: Page, typeName: string, subtypeName: string): Promise<void> {
  await page.getByTestId('incident-type').click();
  await page.locator('.el-cascader-node').filter({ hasText: typeName }).filter({ visible: true }).click();
  await page.locator('.el-cascader-node').filter({ hasText: subtypeName }).filter({ visible: true }).click();
}

/** An API call with any method (the shared callApi sends GET and POST only). */
export async function sendApi<T>(session: ApiSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${session.baseUrl}/api${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      accept: 'application/json',
      ...(method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
