/**
 * The files a new district's administrator brings: a GeoJSON boundary file (新区: two streets,
 * two grids in the first) and the accounts template downloaded from the console, filled in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});
const feature = (properties: Record<string, string>, geometry: ReturnType<typeof square>) => ({ type: 'Feature', properties, geometry });

/** Writes 新区's areas to `path`; `broken` leaves one ring open and moves a grid over its neighbour (the dry run's problems). */
export function writeBoundaryFile(path: string, broken = false): void {
  const features = [
    feature({ code: 'xd', name: '新区', nameEn: 'New District', level: 'district' }, square(112.8, 28.3, 112.9, 28.4)),
    feature({ code: 'xd-s1', name: '东街道', level: 'street', parentCode: 'xd' }, square(112.8, 28.3, 112.85, 28.4)),
    feature({ code: 'xd-s2', name: '西街道', level: 'street', parentCode: 'xd' }, square(112.85, 28.3, 112.9, 28.4)),
    feature({ code: 'xd-s1g1', name: '东一网格', level: 'grid', parentCode: 'xd-s1' }, square(112.8, 28.3, 112.85, 28.35)),
    feature({ code: 'xd-s1g2', name: '东二网格', level: 'grid', parentCode: 'xd-s1' }, square(112.8, 28.35, 112.85, 28.4)),
  ];
  if (broken) {
    features[2]!.geometry.coordinates[0]!.pop();
    features[4]!.geometry = square(112.8, 28.34, 112.85, 28.4);
  }
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
}

/** The people of 新区: an agent, a shift lead who dispatches, a grid member and a department handler. */
export const ACCOUNT_ROWS = [
  ['xd-agent', '周敏', '话务员', '', '', '是', '', '', '', '8101', ''],
  ['xd-lead', '陈刚', '值班长、派单员', '', '', '是', '', '', '', '8100', '13800138001'],
  ['xd-grid', '吴刚', '网格员', '东一网格工作站', '东一网格', '否', '东一网格', '', '', '', '13800138002'],
  ['xd-dept', '郑洁', '承办人', '新区城市管理局', '', '否', '', '', '城市管理', '', ''],
];

/** Fills the downloaded template as its first sheet says: the example row replaced by `rows`. */
export async function fillAccountsTemplate(template: string, out: string, rows: readonly string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  sheet.spliceRows(2, 1);
  for (const row of rows) sheet.addRow(row);
  writeFileSync(out, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** username → one-time password, from the sheet the import hands out once. */
export async function readPasswordSheet(path: string): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const passwordColumn = header.indexOf('一次性密码');
  const passwords = new Map<string, string>();
  sheet.eachRow((row, index) => {
    if (index > 1) passwords.set(String(row.getCell(1).value), String(row.getCell(passwordColumn).value));
  });
  return passwords;
}
