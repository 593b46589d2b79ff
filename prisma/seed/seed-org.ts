/** Areas (district → 14 streets → 133 grids) and units (departments, street offices, grid teams). */
import type { PrismaClient } from '@yixian/db';
import { DEPARTMENTS } from './data/departments.js';
import { DISTRICT_BOX, GRID_COUNT, STREETS } from './data/streets.js';
import { boxCentroid, boxPolygon, splitBox } from './geometry.js';

export const DISTRICT_ID = 'wangcheng';
export const POLICE_DESK_UNIT_ID = 'police-desk';

export const streetId = (index: number) => `s${String(index + 1).padStart(2, '0')}`;
export const gridId = (street: number, grid: number) => `${streetId(street)}g${String(grid + 1).padStart(2, '0')}`;
export const departmentUnitId = (code: string) => `dept-${code}`;
export const streetOfficeId = (street: string) => `so-${street}`;
export const gridTeamId = (grid: string) => `gt-${grid}`;

/** How many grids each street gets: 133 over 14 streets, the first ones one more. */
export function gridsPerStreet(): number[] {
  const base = Math.floor(GRID_COUNT / STREETS.length);
  const extra = GRID_COUNT % STREETS.length;
  return STREETS.map((_, i) => base + (i < extra ? 1 : 0));
}

export interface SeedAreaRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentId: string | null;
  path: string;
  boundary: object;
  centroidLat: number;
  centroidLng: number;
}

/** Builds every area row; pure, so tests can check the geometry without a database. */
export function buildAreas(): SeedAreaRow[] {
  const rows: SeedAreaRow[] = [];
  const district = { id: DISTRICT_ID, path: `/${DISTRICT_ID}` };
  const districtCentroid = boxCentroid(DISTRICT_BOX);
  rows.push({
    id: DISTRICT_ID, code: '430112', name: '望城区', nameEn: 'Wangcheng District', level: 'district', parentId: null,
    path: district.path, boundary: boxPolygon(DISTRICT_BOX), centroidLat: districtCentroid.lat, centroidLng: districtCentroid.lng,
  });
  const streetBoxes = splitBox(DISTRICT_BOX, STREETS.length);
  const counts = gridsPerStreet();
  STREETS.forEach((street, s) => {
    const sid = streetId(s);
    const spath = `${district.path}/${sid}`;
    const sbox = streetBoxes[s]!;
    const sc = boxCentroid(sbox);
    rows.push({
      id: sid, code: `430112${String(s + 1).padStart(3, '0')}`, name: street.name, nameEn: street.nameEn, level: 'street',
      parentId: DISTRICT_ID, path: spath, boundary: boxPolygon(sbox), centroidLat: sc.lat, centroidLng: sc.lng,
    });
    splitBox(sbox, counts[s]!).forEach((gbox, g) => {
      const gid = gridId(s, g);
      const gc = boxCentroid(gbox);
      rows.push({
        id: gid, code: `430112${String(s + 1).padStart(3, '0')}${String(g + 1).padStart(3, '0')}`,
        name: `${street.name}第${g + 1}网格`, nameEn: `${street.nameEn} grid ${g + 1}`, level: 'grid',
        parentId: sid, path: `${spath}/${gid}`, boundary: boxPolygon(gbox), centroidLat: gc.lat, centroidLng: gc.lng,
      });
    });
  });
  return rows;
}

export async function seedOrganisation(prisma: PrismaClient): Promise<void> {
  const areas = buildAreas();
  await prisma.area.createMany({ data: areas, skipDuplicates: true });
  const units = [
    { id: POLICE_DESK_UNIT_ID, code: 'police-desk', name: '110指挥中心', nameEn: '110 police desk', type: 'police_desk', linkageTier: 1, areaId: DISTRICT_ID },
    ...DEPARTMENTS.map((d) => ({
      id: departmentUnitId(d.code), code: d.code, name: d.name, nameEn: d.nameEn, type: 'department', linkageTier: d.tier, areaId: DISTRICT_ID,
    })),
    ...areas.filter((a) => a.level === 'street').map((a) => ({
      id: streetOfficeId(a.id), code: `street-${a.id}`, name: `${a.name}办事处`, nameEn: `${a.nameEn} office`, type: 'street_office', linkageTier: 2, areaId: a.id,
    })),
    ...areas.filter((a) => a.level === 'grid').map((a) => ({
      id: gridTeamId(a.id), code: `grid-${a.id}`, name: `${a.name}工作队`, nameEn: `${a.nameEn} team`, type: 'grid_team', linkageTier: 3, areaId: a.id,
      parentId: streetOfficeId(a.parentId!),
    })),
  ];
  await prisma.unit.createMany({ data: units, skipDuplicates: true });
}
