/**
 * Account administration: administrators manage every account, a unit's liaison (dept_admin) those
 * of its own unit (account-access.ts). List, detail, create, edit, disable/enable, unlock, reset
 * the password, import from XLSX (dry run first) and export. Answers holding a one-time password
 * are never cached.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { attachmentDisposition } from '../../lib/content-disposition.js';
import { DEFAULT_EXPORT_LANG } from '../../lib/export-labels.js';
import { findManagedAccount, findManagerLimits } from './account-access.js';
import { loadAccountReferences } from './account-references.js';
import { presentAccount } from './account-view.js';
import { createAccount } from './create-account.js';
import { exportAccounts } from './export-accounts.js';
import { dryRunImport, importAccounts } from './import/import-accounts.js';
import { IMPORT_MAX_BYTES } from './import/read-import-file.js';
import { writeImportTemplate } from './import/write-import-template.js';
import { listAccounts } from './list-accounts.js';
import { resetPassword, unlockUser } from './reset-password.service.js';
import { setAccountStatus } from './set-account-status.js';
import { updateAccount } from './update-account.js';
import {
  createAccountRouteSchema, exportAccountsRouteSchema, getAccountRouteSchema, importAccountsRouteSchema, importTemplateRouteSchema,
  listAccountsRouteSchema, resetPasswordRouteSchema, setAccountStatusRouteSchema, unlockUserRouteSchema, updateAccountRouteSchema,
} from './users.schemas.js';

const MANAGERS = [ROLES.admin, ROLES.dept_admin];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentDisposition(fileName)).header('cache-control', 'no-store').send(body);
}

export default async function userRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The import's file arrives as the body itself (no multipart needed for one file); this plugin only.
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/users', { schema: listAccountsRouteSchema, config: { roles: MANAGERS } }, async (request) => {
    const { page = 1, pageSize = 20, sort = 'username', order = 'asc', ...filter } = request.query;
    const limits = await findManagerLimits(app, request);
    return listAccounts(app.prisma, { filter, limits, refs: await loadAccountReferences(app.prisma), now: app.clock.now(), page, pageSize, sort, order });
  });

  app.get('/api/users/export', { schema: exportAccountsRouteSchema, config: { roles: MANAGERS } }, async (request, reply) => {
    const { lang = DEFAULT_EXPORT_LANG, ...filter } = request.query;
    const file = await exportAccounts(app, request, filter, lang);
    return sendXlsx(reply, file.fileName, file.body);
  });

  app.get('/api/users/import-template', { schema: importTemplateRouteSchema, config: { roles: MANAGERS } }, async (request, reply) => {
    const lang = request.query.lang ?? DEFAULT_EXPORT_LANG;
    const limits = await findManagerLimits(app, request);
    const body = await writeImportTemplate(await loadAccountReferences(app.prisma), limits, lang);
    return sendXlsx(reply, lang === 'en' ? 'accounts-import-template.xlsx' : '账号导入模板.xlsx', body);
  });

  app.post('/api/users/import', { schema: importAccountsRouteSchema, config: { roles: MANAGERS }, bodyLimit: IMPORT_MAX_BYTES }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', `Send the XLSX file itself as the body (content type ${XLSX_TYPE})`, { field: 'file' });
    if (request.query.dryRun) return dryRunImport(app, request, request.body);
    // The one-time passwords are in this answer only: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return importAccounts(app, request, request.body);
  });

  app.get('/api/users/:id', { schema: getAccountRouteSchema, config: { roles: MANAGERS } }, async (request) => {
    const limits = await findManagerLimits(app, request);
    const user = await findManagedAccount(app, request, limits, request.params.id);
    return presentAccount(user, await loadAccountReferences(app.prisma), app.clock.now());
  });

  app.post('/api/users', { schema: createAccountRouteSchema, config: { roles: MANAGERS } }, async (request, reply) => {
    const result = await createAccount(app, request, request.body);
    return reply.status(201).header('cache-control', 'no-store').send(result);
  });

  app.put('/api/users/:id', { schema: updateAccountRouteSchema, config: { roles: MANAGERS } }, async (request) =>
    updateAccount(app, request, request.params.id, request.body));

  app.post('/api/users/:id/disable', { schema: setAccountStatusRouteSchema, config: { roles: MANAGERS } }, async (request) =>
    setAccountStatus(app, request, request.params.id, false, request.body?.version));

  app.post('/api/users/:id/enable', { schema: setAccountStatusRouteSchema, config: { roles: MANAGERS } }, async (request) =>
    setAccountStatus(app, request, request.params.id, true, request.body?.version));

  app.post('/api/users/:id/reset-password', { schema: resetPasswordRouteSchema, config: { roles: MANAGERS } }, async (request, reply) => {
    // The one-time password is in this answer only: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return resetPassword(app, request, request.params.id);
  });

  app.post('/api/users/:id/unlock', { schema: unlockUserRouteSchema, config: { roles: MANAGERS } }, async (request, reply) => {
    await unlockUser(app, request, request.params.id);
    return reply.status(204).send(null);
  });
}
