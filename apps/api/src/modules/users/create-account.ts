/**
 * A new account, with a one-time password answered once (it must be changed at the first sign-in;
 * only its hash is kept). Checked against the caller's limits, then the account rules; written with
 * its audit row (no secret in it) in one transaction; caches of accounts are told afterwards.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { generateOneTimePassword, hashPassword } from '@yixian/runtime';
import { recordChange } from '../config-changes/record-change.js';
import { findManagerLimits, findTakenValues, refuseBeyondLimits, refuseIssues } from './account-access.js';
import { accountColumns, uniqueViolationToIssue } from './account-columns.js';
import { loadAccountReferences } from './account-references.js';
import { ACCOUNT_SELECT, auditView, presentAccount } from './account-view.js';
import { checkAccount, checkWithinLimits, type AccountInput } from './check-account.js';

export async function createAccount(app: FastifyInstance, request: FastifyRequest, input: AccountInput) {
  const limits = await findManagerLimits(app, request);
  const refs = await loadAccountReferences(app.prisma);
  await refuseBeyondLimits(app, request, null, checkWithinLimits(input, limits, refs));
  const { issues, phone } = checkAccount(input, refs, await findTakenValues(app, input, null));
  refuseIssues(issues);

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = app.clock.now();
  const user = await app.prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { username: input.username, ...accountColumns(input, phone), passwordHash, mustChangePassword: true, passwordChangedAt: now },
      select: ACCOUNT_SELECT,
    });
    await recordChange(tx, request, now, { act: 'create', resource: 'user', resourceId: created.id, version: created.version, before: null, after: auditView(created) });
    return created;
  }).catch(uniqueViolationToIssue);
  await app.configChanged(['accounts']);
  return { account: presentAccount(user, refs, now), oneTimePassword };
}
