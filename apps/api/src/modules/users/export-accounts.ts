/**
 * The accounts as an XLSX, filtered and scoped like the list (a unit's liaison exports its unit
 * only), with worded headers and names in the cells in the console's language. Staff phones are
 * in it, so every export is audited with its row count and filter.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { exportLabels, formatExportTime, labelOf, type ExportLang } from '../../lib/export-labels.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { renderXlsx, type ExportColumn } from '../statistics/export-table.js';
import { findManagerLimits } from './account-access.js';
import { loadAccountReferences } from './account-references.js';
import { ACCOUNT_SELECT, accountStates } from './account-view.js';
import { accountWhere, type AccountFilter } from './list-accounts.js';

const COLUMNS = [
  'username', 'displayName', 'roles', 'unit', 'area', 'scopeAll', 'scopeAreas', 'scopeUnits', 'scopeCategories', 'extension', 'phone',
  'state', 'lastLoginAt', 'createdAt',
] as const;

export async function exportAccounts(app: FastifyInstance, request: FastifyRequest, filter: AccountFilter, lang: ExportLang) {
  const limits = await findManagerLimits(app, request);
  const refs = await loadAccountReferences(app.prisma);
  const now = app.clock.now();
  const users = await app.prisma.user.findMany({ where: accountWhere(filter, limits, refs, now), orderBy: { username: 'asc' }, select: ACCOUNT_SELECT });
  const labels = exportLabels(lang);
  const nameOf = (item: { name: string; nameEn: string } | undefined) => (item ? (lang === 'en' ? item.nameEn : item.name) : '');
  const list = (values: string[]) => values.join(lang === 'en' ? ', ' : '、');
  const yes = lang === 'en' ? 'yes' : '是';
  const no = lang === 'en' ? 'no' : '否';
  const columns: ExportColumn[] = COLUMNS.map((key) => ({ key, header: labels.accountColumns[key] ?? key }));
  const rows = users.map((user) => ({
    username: user.username, displayName: user.displayName, roles: list(user.roles.map((role) => labelOf(labels.roles, role))),
    unit: nameOf(user.unitId ? refs.units.get(user.unitId) : undefined), area: nameOf(user.areaId ? refs.areas.get(user.areaId) : undefined),
    scopeAll: user.scopeAll ? yes : no,
    scopeAreas: list(user.scopeAreaIds.map((id) => nameOf(refs.areas.get(id)) || id)),
    scopeUnits: list(user.scopeUnitIds.map((id) => nameOf(refs.units.get(id)) || id)),
    scopeCategories: list(user.scopeCategoryIds.map((id) => nameOf(refs.categories.get(id)) || id)),
    extension: user.extension ?? '', phone: user.phone ?? '',
    state: list(accountStates(user, now).map((state) => labelOf(labels.accountStates, state))),
    lastLoginAt: formatExportTime(user.lastLoginAt), createdAt: formatExportTime(user.createdAt),
  }));
  const body = await renderXlsx(lang === 'en' ? 'Accounts' : '账号', columns, rows);
  await app.audit(request, {
    action: AUDIT_ACTIONS.exportAccounts, outcome: 'allowed', resource: 'user',
    details: { rows: rows.length, q: filter.q ?? null, role: filter.role ?? null, areaId: filter.areaId ?? null, unitId: filter.unitId ?? null, state: filter.state ?? null },
  });
  return { body, fileName: lang === 'en' ? `accounts-${now.toISOString().slice(0, 10)}.xlsx` : `账号-${now.toISOString().slice(0, 10)}.xlsx` };
}
