/**
 * The walk's second half: accounts imported from the downloaded template (the one-time
 * passwords sheet saved), then the imported agent's first sign-in, a call on the new hotline
 * answered at the desk and filed as a ticket that lands on the new grid's team.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserSession } from '../browser';
import { placeHotlineCall, setMembersPaused } from '../pbx';
import { ACCOUNT_ROWS, fillAccountsTemplate, readPasswordSheet } from './district-files';
import { firstSignIn } from './setup-steps';

export const AGENT_PASSWORD = 'Hua-wu-zhou-min-2027!';

/** Imports the accounts and answers the one-time passwords by username. */
export async function importAccounts(browser: BrowserSession, folder: string): Promise<Map<string, string>> {
  const { page } = browser;
  await page.getByRole('tab', { name: '账号' }).click();
  await page.getByTestId('accounts-import').click();
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  assert.equal(template.suggestedFilename(), '账号导入模板.xlsx');
  const templatePath = join(folder, 'template.xlsx');
  await template.saveAs(templatePath);

  // An agent row whose scope is left 否 as in the example row: the check says what to write.
  const broken = join(folder, 'accounts-broken.xlsx');
  await fillAccountsTemplate(templatePath, broken, [ACCOUNT_ROWS[0]!.map((value, index) => (index === 5 ? '否' : value))]);
  await page.getByTestId('import-file').setInputFiles(broken);
  await page.getByTestId('import-errors').getByText('中心岗位（话务员、值班长、派单员、区级指挥）也可选全区范围', { exact: false }).waitFor();
  await browser.step('accounts: the check names the empty scope');

  const good = join(folder, 'accounts.xlsx');
  await fillAccountsTemplate(templatePath, good, ACCOUNT_ROWS);
  await page.getByTestId('import-file').setInputFiles(good);
  await page.getByTestId('import-clean').waitFor();
  await page.getByTestId('import-run').click();
  await page.getByTestId('import-done').getByText(`已创建 ${ACCOUNT_ROWS.length} 个账号。`).waitFor();
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-passwords').click()]);
  const sheetPath = join(folder, 'passwords.xlsx');
  await sheet.saveAs(sheetPath);
  await browser.step('accounts: imported');
  await page.getByTestId('import-close').click();
  return readPasswordSheet(sheetPath);
}

/** The imported agent signs in for the first time and takes a call; answers the ticket's code. */
export async function takeFirstCall(browser: BrowserSession, amiUrl: string, oneTimePassword: string): Promise<string> {
  const { page } = browser;
  await firstSignIn(page, 'xd-agent', oneTimePassword, AGENT_PASSWORD);
  await page.waitForURL(/\/desk$/);
  await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
  await page.keyboard.press('F2');
  await page.getByTestId('agent-state').filter({ hasText: '就绪' }).waitFor();
  // The simulator's own agents would answer first: only the new agent may take this call.
  const live = (await (await page.request.get('/api/queue/live')).json()) as { agents: { interface: string; userId: string | null; state: string }[] };
  const others = live.agents.filter((agent) => agent.userId === null && agent.state !== 'paused').map((agent) => agent.interface);
  await setMembersPaused(amiUrl, others, true);
  try {
    await placeHotlineCall(amiUrl, '12345', { name: '李四', number: '13912340000' });
    await page.locator('[data-testid="screen-pop"][data-phase="ringing"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('pop-hotline').filter({ hasText: /12345\s*市民服务热线/ }).waitFor();
    await page.getByTestId('answer').click();
    await page.locator('[data-testid="screen-pop"][data-phase="talking"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('F6');
    await page.keyboard.type('路灯');
    await page.getByTestId('category-option-city.streetlight').filter({ visible: true }).click();
    await page.getByTestId('ticket-title').locator('input').fill('东一网格路灯不亮');
    await page.getByTestId('ticket-description').locator('textarea').fill('小区门口两盏路灯晚上不亮');
    const areas = (await (await page.request.get('/api/areas')).json()) as { id: string; name: string }[];
    await page.getByTestId(`map-area-${areas.find((area) => area.name === '东一网格')!.id}`).click();
    await browser.step('desk: the first ticket');
    const created = page.waitForResponse((response) => response.url().endsWith('/api/tickets') && response.request().method() === 'POST');
    await page.getByTestId('ticket-dispatch').click();
    const { ticket } = (await (await created).json()) as { ticket: { code: string } };
    await page.getByTestId('recent-ticket-new').filter({ hasText: ticket.code }).getByText('已派单').waitFor();
    await browser.step('desk: dispatched');
    return ticket.code;
  } finally {
    await setMembersPaused(amiUrl, others, false);
  }
}
