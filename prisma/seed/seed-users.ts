/**
 * Demo accounts (one per role) and, on request, the ~1,700 scoped accounts of a real district:
 * grid teams "1+1+N", street offices, departments and the centre floor.
 * Existing accounts are never touched, so running the seed again changes nothing.
 */
import type { PrismaClient } from '@yixian/db';
import { hashPassword } from '@yixian/runtime';
import { DEPARTMENTS } from './data/departments.js';
import { DISTRICT_ID, departmentUnitId, gridId, gridTeamId, gridsPerStreet, streetId, streetOfficeId } from './seed-org.js';

export const DEFAULT_DEMO_PASSWORD = 'yixian-demo';

interface UserSeed {
  username: string;
  /** Centre staff's phone extension (the agent's queue interface is built from it). */
  extension?: string;
  displayName: string;
  roles: string[];
  unitId?: string;
  areaId?: string;
  scopeAll?: boolean;
  scopeAreaIds?: string[];
  scopeUnitIds?: string[];
}

const firstGrid = gridId(0, 0);
const firstStreet = streetId(0);

export const DEMO_USERS: UserSeed[] = [
  { username: 'demo-agent', extension: '8101', displayName: '话务员 李娜', roles: ['agent'], areaId: DISTRICT_ID, scopeAll: true },
  { username: 'demo-lead', extension: '8190', displayName: '值班长 王强', roles: ['shift_lead'], areaId: DISTRICT_ID, scopeAll: true },
  { username: 'demo-dispatcher', displayName: '派单员 张敏', roles: ['dispatcher'], areaId: DISTRICT_ID, scopeAll: true },
  { username: 'demo-dept', displayName: '城管局承办人 刘洋', roles: ['dept_handler'], unitId: departmentUnitId('urban-management'), areaId: DISTRICT_ID, scopeUnitIds: [departmentUnitId('urban-management')] },
  { username: 'demo-street', displayName: '高塘岭街道承办人 陈静', roles: ['dept_handler'], unitId: streetOfficeId(firstStreet), areaId: firstStreet, scopeAreaIds: [firstStreet], scopeUnitIds: [streetOfficeId(firstStreet)] },
  { username: 'demo-grid', displayName: '网格员 赵磊', roles: ['grid_member'], unitId: gridTeamId(firstGrid), areaId: firstGrid, scopeAreaIds: [firstGrid], scopeUnitIds: [gridTeamId(firstGrid)] },
  { username: 'demo-commander', displayName: '区级指挥 周建国', roles: ['commander'], areaId: DISTRICT_ID, scopeAll: true },
  { username: 'demo-admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'demo-auditor', displayName: '审计员', roles: ['auditor'] },
  { username: 'demo-kb', displayName: '知识库编辑 孙丽', roles: ['kb_editor'], areaId: DISTRICT_ID, scopeAll: true },
];

/** The district's accounts: about 1,700, every one scoped to its grid, street or unit. */
export function buildBulkUsers(): UserSeed[] {
  const users: UserSeed[] = [];
  gridsPerStreet().forEach((count, s) => {
    const sid = streetId(s);
    const office = streetOfficeId(sid);
    users.push({ username: `${sid}-admin`, displayName: `${sid} 联络员`, roles: ['dept_admin'], unitId: office, areaId: sid, scopeAreaIds: [sid], scopeUnitIds: [office] });
    for (let h = 1; h <= 14; h++) {
      users.push({ username: `${sid}-h${h}`, displayName: `${sid} 承办人${h}`, roles: ['dept_handler'], unitId: office, areaId: sid, scopeAreaIds: [sid], scopeUnitIds: [office] });
    }
    for (let g = 0; g < count; g++) {
      const gid = gridId(s, g);
      const team = gridTeamId(gid);
      const scoped = { unitId: team, areaId: gid, scopeAreaIds: [gid], scopeUnitIds: [team] };
      users.push({ username: `${gid}-chief`, displayName: `${gid} 网格长`, roles: ['dept_admin', 'grid_member'], ...scoped });
      users.push({ username: `${gid}-member`, displayName: `${gid} 专职网格员`, roles: ['grid_member'], ...scoped });
      for (let n = 1; n <= 8; n++) {
        users.push({ username: `${gid}-s${n}`, displayName: `${gid} 网格专干${n}`, roles: ['grid_member'], ...scoped });
      }
    }
  });
  for (const dept of DEPARTMENTS) {
    const unit = departmentUnitId(dept.code);
    users.push({ username: `${dept.code}-admin`, displayName: `${dept.name}联络员`, roles: ['dept_admin'], unitId: unit, areaId: DISTRICT_ID, scopeUnitIds: [unit] });
    for (let h = 1; h <= 4; h++) {
      users.push({ username: `${dept.code}-h${h}`, displayName: `${dept.name}承办人${h}`, roles: ['dept_handler'], unitId: unit, areaId: DISTRICT_ID, scopeUnitIds: [unit] });
    }
  }
  for (let a = 1; a <= 24; a++) users.push({ username: `agent${String(a).padStart(2, '0')}`, extension: String(8101 + a), displayName: `话务员${a}`, roles: ['agent'], areaId: DISTRICT_ID, scopeAll: true });
  for (let l = 1; l <= 4; l++) users.push({ username: `lead${l}`, extension: String(8190 + l), displayName: `值班长${l}`, roles: ['shift_lead'], areaId: DISTRICT_ID, scopeAll: true });
  for (let d = 1; d <= 4; d++) users.push({ username: `dispatcher${d}`, displayName: `派单员${d}`, roles: ['dispatcher'], areaId: DISTRICT_ID, scopeAll: true });
  return users;
}

/**
 * Creates missing accounts. One argon2id hash serves every account of a run: they share the
 * demo password, and hashing 1,700 times would cost a minute for nothing.
 */
export async function seedUsers(prisma: PrismaClient, options: { password: string; bulk: boolean; demoAccounts?: boolean }): Promise<number> {
  const demo = options.demoAccounts === false ? [] : DEMO_USERS;
  const seeds = options.bulk ? [...demo, ...buildBulkUsers()] : demo;
  const existing = new Set((await prisma.user.findMany({ select: { username: true } })).map((u) => u.username));
  const missing = seeds.filter((seed) => !existing.has(seed.username));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(options.password);
  const result = await prisma.user.createMany({
    data: missing.map((seed) => ({
      username: seed.username,
      displayName: seed.displayName,
      extension: seed.extension ?? null,
      passwordHash,
      roles: seed.roles,
      unitId: seed.unitId ?? null,
      areaId: seed.areaId ?? null,
      scopeAll: seed.scopeAll ?? false,
      scopeAreaIds: seed.scopeAreaIds ?? [],
      scopeUnitIds: seed.scopeUnitIds ?? [],
    })),
    skipDuplicates: true,
  });
  return result.count;
}
