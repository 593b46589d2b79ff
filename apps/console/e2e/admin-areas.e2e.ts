/**
 * An administrator moves a grid's boundary by importing a GeoJSON file (the dry run's report
 * first, then the import), sees the new shape on the map, and the auditor finds the audit row.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 200_000;

type Ring = number[][];
interface MapArea { id: string; code: string; boundary: { coordinates: Ring[] } }

function boxOf(area: MapArea) {
  const ring = area.boundary.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) };
}

const polygon = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

describe.skipIf(!BASE_URL)('administration: areas', () => {
  let browser: BrowserSession | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('moves a grid boundary by importing GeoJSON (dry run, then apply), sees it on the map, and the audit row exists', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const base = BASE_URL as string;
    const admin = await loginApi(base, 'demo-admin');
    const street = await callApi<{ children: MapArea[] }>(admin, 'GET', '/admin/areas/s01');
    const g1 = street.children.find((area) => area.id === 's01g01')!;
    const g2 = street.children.find((area) => area.id === 's01g02')!;
    const a = boxOf(g1);
    const b = boxOf(g2);
    const edge = Number((a.east + (b.east - b.west) / 3).toFixed(6));
    folder = mkdtempSync(join(tmpdir(), 'yixian-geojson-'));
    const file = join(folder, 'gaotangling-grids.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: g1.code }, geometry: polygon(a.west, a.south, edge, a.north) },
        { type: 'Feature', properties: { code: g2.code }, geometry: polygon(edge, b.south, b.east, b.north) },
      ],
    }));

    browser = await launchBrowser('admin-areas', { baseURL: base });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-admin');
    await page.goto('/admin/areas');
    await page.getByTestId('area-node-s01').click();
    await page.getByTestId('area-title').filter({ hasText: '高塘岭街道' }).waitFor();
    await page.getByTestId('area-node-s01g01').click();
    await page.getByTestId('area-title').filter({ hasText: '高塘岭街道第1网格' }).waitFor();
    const shape = page.getByTestId('map-area-s01g01');
    await page.locator('[data-testid="map-area-s01g01"][aria-selected="true"]').waitFor();
    const before = await shape.getAttribute('data-points');
    await browser.step('the grid among its neighbours');

    await page.getByTestId('boundary-import').click();
    await page.getByTestId('boundary-file').setInputFiles(file);
    await page.getByTestId('boundary-dry-run').click();
    await page.getByTestId('boundary-report-ok').waitFor();
    expect(await page.getByTestId('boundary-report-summary').textContent()).toContain('共 2 个要素：更新 2 个区域，新建 0 个区域');
    await browser.step('the dry run finds no problem');
    // Nothing changed yet.
    expect((await callApi<{ area: MapArea }>(admin, 'GET', '/admin/areas/s01g01')).area.boundary).toEqual(g1.boundary);

    await page.getByTestId('boundary-apply').click();
    await page.getByText('已导入：更新 2 个，新建 0 个区域').waitFor();
    await page.waitForFunction((old) => document.querySelector('[data-testid="map-area-s01g01"]')?.getAttribute('data-points') !== old, before);
    await browser.step('the moved boundary on the map');
    expect((await callApi<{ area: MapArea }>(admin, 'GET', '/admin/areas/s01g01')).area.boundary).toEqual(polygon(a.west, a.south, edge, a.north));

    const auditor = await loginApi(base, 'demo-auditor');
    const audit = await callApi<{ items: { action: string; resourceId: string; actorName: string; details: { after: { boundary: unknown } } }[] }>(
      auditor, 'GET', '/audit?action=config.import',
    );
    const row = audit.items.find((item) => item.resourceId === 's01g01');
    expect(row).toMatchObject({ actorName: 'demo-admin', details: { after: { boundary: polygon(a.west, a.south, edge, a.north) } } });
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  });

  it('reports a new area of a broken file by the name and feature the file gives it, the problem in Chinese, and writes nothing', async () => {
    folder = mkdtempSync(join(tmpdir(), 'yixian-geojson-'));
    const file = join(folder, 'new-grid.geojson');
    const open = polygon(112.8, 28.3, 112.81, 28.31);
    open.coordinates[0]!.pop();
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: 'e2e-open-ring', name: '测试新网格', level: 'grid', parentCode: '430112001' }, geometry: open }],
    }));
    browser = await launchBrowser('admin-areas-problems', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-admin');
    await page.goto('/admin/areas');
    await page.getByTestId('boundary-import').click();
    await page.getByTestId('boundary-file').setInputFiles(file);
    await page.getByTestId('boundary-dry-run').click();
    const problems = page.getByTestId('boundary-problems');
    await problems.waitFor();
    const cells = (await problems.locator('tbody tr').first().locator('td').allTextContents()).map((text) => text.trim());
    expect(cells).toEqual(['1', '测试新网格', '环未闭合', '第 1 个环的最后一点不是起点 [112.8, 28.3]，首尾坐标须相同']);
    await expect(problems.textContent()).resolves.not.toMatch(/e2e-open-ring|ring \d/);
    await expect(page.getByTestId('boundary-apply').isDisabled()).resolves.toBe(true);
    await browser.step('a broken new grid in words');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  });
});
