/**
 * A new district from an empty database to its first call, in the console only, as the README's
 * "Setting up a new district" says. Run by `npm run walk:new-district` (scripts/walk-new-district.ts),
 * which starts a private stack with SEED_DISTRICT=none and passes the first administrator's
 * one-time password; not part of the e2e suite, whose stack holds the demo district.
 * Screenshots under .artifacts/screenshots/new-district-walk; any browser error fails the walk.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '../../../../packages/db/src/index.js';
import { launchBrowser } from '../browser';
import { writeBoundaryFile } from './district-files';
import { importAccounts, takeFirstCall } from './people-steps';
import { ADMIN_PASSWORD, createCategories, createHotline, createUnits, firstSignIn, importAreas } from './setup-steps';

const { E2E_BASE_URL: baseURL, E2E_AMI_URL: amiUrl, E2E_DATABASE_URL: databaseUrl, WALK_ADMIN_ONE_TIME_PASSWORD: adminOneTime } = process.env;
if (!baseURL || !amiUrl || !databaseUrl || !adminOneTime) {
  throw new Error('E2E_BASE_URL, E2E_AMI_URL, E2E_DATABASE_URL and WALK_ADMIN_ONE_TIME_PASSWORD are required: run npm run walk:new-district');
}
/** Chromium logs 4xx fetches: the desk asks for the call record before the bridge has written it (404). */
const EXPECTED_ERRORS = [/Failed to load resource: the server responded with a status of 404/];

const folder = mkdtempSync(join(tmpdir(), 'yixian-new-district-'));
const prisma = createPrismaClient(databaseUrl);
const admin = await launchBrowser('new-district-walk', { baseURL });
try {
  const { page } = admin;
  await firstSignIn(page, 'admin', adminOneTime, ADMIN_PASSWORD);
  await page.waitForURL(/\/admin\//);
  await admin.step('admin: first page is 系统管理');

  const boundaries = { broken: join(folder, 'xinqu-broken.geojson'), good: join(folder, 'xinqu.geojson') };
  writeBoundaryFile(boundaries.broken, true);
  writeBoundaryFile(boundaries.good);
  await importAreas(admin, boundaries);
  await createUnits(admin, [
    { name: '新区城市管理局', code: 'xd-cgj', type: '区级部门', area: '新区', tier: 2, phone: '0731-88880000' },
    { name: '东街道办事处', code: 'xd-so-s1', type: '街道（镇）', area: '东街道', tier: 3, phone: '0731-88881111' },
    { name: '东一网格工作站', code: 'xd-gt-s1g1', type: '网格', parent: '东街道办事处', area: '东一网格', phone: '13800138000' },
  ]);
  await createCategories(admin);
  await createHotline(admin);
  const passwords = await importAccounts(admin, folder);
  admin.assertNoConsoleErrors();
  await admin.close();

  const agent = await launchBrowser('new-district-walk-agent', { baseURL });
  try {
    const code = await takeFirstCall(agent, amiUrl, passwords.get('xd-agent')!);
    agent.assertNoConsoleErrors(EXPECTED_ERRORS);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { code }, include: { leadUnit: true } });
    assert.equal(ticket.leadUnit?.name, '东一网格工作站');
    const audited = await prisma.auditLog.findMany({ where: { action: { startsWith: 'config.' }, actorName: 'admin' }, select: { resource: true } });
    assert.deepEqual([...new Set(audited.map((row) => row.resource))].sort(), ['area', 'category', 'hotline', 'unit', 'user']);
    console.log(`New district walked: ticket ${code} on 东一网格工作站; ${audited.length} audited changes by admin.`);
  } finally {
    await agent.close();
  }
} finally {
  await admin.close().catch(() => undefined);
  await prisma.$disconnect();
  rmSync(folder, { recursive: true, force: true });
}
