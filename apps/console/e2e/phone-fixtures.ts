/** Steps the phone app's browser tests share. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './ticket-fixtures';

/** Signs `username` (the grid worker by default) in on `/m/login` and waits for the inbox. */
export async function signInOnPhone(page: Page, username = 'demo-grid'): Promise<void> {
  await page.goto('/m/login');
  await page.getByTestId('m-username').fill(username);
  await page.getByTestId('m-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-sign-in').tap();
  await page.waitForURL((url) => url.pathname === '/m/');
}
