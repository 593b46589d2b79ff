/**
 * The signed-in user's own second factor, and the second step of a sign-in. A session that owes
 * a code (`mfa_code`) may only verify; one that owes an enrolment (`mfa_enrol`) may only enrol
 * (security.ts refuses the rest). Every enrolment, code and change is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { presentActor } from '../auth/actor.js';
import { replaceWithFullSession } from '../auth/issue-session.js';
import {
  checkSecondFactor, confirmEnrolment, getMfaStatus, isMfaRequiredFor, regenerateRecoveryCodes, removeSecondFactor, startEnrolment, type MfaMethod,
} from './mfa.service.js';
import {
  confirmEnrolmentRouteSchema, disableRouteSchema, mfaStatusRouteSchema, regenerateRouteSchema, startEnrolmentRouteSchema, verifyRouteSchema,
} from './mfa.schemas.js';

const EVERY_ROLE = Object.values(ROLES);
type Purpose = 'sign_in' | 'recovery_codes' | 'disable';

export default async function mfaRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const idleTimeoutSeconds = app.config.sessionIdleMinutes * 60;

  /** Checks the code and audits the outcome either way. */
  async function verifyCode(request: FastifyRequest, code: string, purpose: Purpose): Promise<MfaMethod> {
    const actor = requireActor(request);
    try {
      const method = await checkSecondFactor(app, actor.id, code, app.clock.now());
      await app.audit(request, { action: AUDIT_ACTIONS.mfaVerify, outcome: 'allowed', details: { purpose, method } });
      return method;
    } catch (error) {
      if (error instanceof AppError) await app.audit(request, { action: AUDIT_ACTIONS.mfaVerify, outcome: 'denied', reason: error.code, details: { purpose } });
      throw error;
    }
  }

  app.get('/api/auth/mfa', { schema: mfaStatusRouteSchema, config: { roles: EVERY_ROLE, steps: ['mfa_enrol'] } }, async (request) => {
    const actor = requireActor(request);
    return getMfaStatus(app, actor.id, actor.roles);
  });

  app.post('/api/auth/mfa/verify', { schema: verifyRouteSchema, config: { roles: EVERY_ROLE, steps: ['mfa_code'] } }, async (request, reply) => {
    const actor = requireActor(request);
    if (request.session!.step !== 'mfa_code') throw new AppError('conflict', 'This session owes no second-factor code');
    try {
      await verifyCode(request, request.body.code, 'sign_in');
    } catch (error) {
      // The lockout ends the half-finished sign-in too: the password is asked again afterwards.
      if (error instanceof AppError && error.code === 'account_locked') await app.sessions.destroy(request.session!.sid);
      throw error;
    }
    const session = await replaceWithFullSession(app, reply, request.session!);
    return { user: presentActor(actor), csrfToken: session.csrfToken, idleTimeoutSeconds, step: null };
  });

  app.post('/api/auth/mfa/enrolment', { schema: startEnrolmentRouteSchema, config: { roles: EVERY_ROLE, steps: ['mfa_enrol'] } }, async (request) => {
    const actor = requireActor(request);
    const enrolment = await startEnrolment(app, actor.id, actor.username);
    await app.audit(request, { action: AUDIT_ACTIONS.mfaEnrolStart, outcome: 'allowed' });
    return enrolment;
  });

  app.post('/api/auth/mfa/enrolment/confirm', { schema: confirmEnrolmentRouteSchema, config: { roles: EVERY_ROLE, steps: ['mfa_enrol'] } }, async (request, reply) => {
    const actor = requireActor(request);
    let recoveryCodes: string[];
    try {
      recoveryCodes = await confirmEnrolment(app, actor.id, request.body.code, app.clock.now());
    } catch (error) {
      if (error instanceof AppError) await app.audit(request, { action: AUDIT_ACTIONS.mfaEnrol, outcome: 'denied', reason: error.code });
      throw error;
    }
    await app.audit(request, { action: AUDIT_ACTIONS.mfaEnrol, outcome: 'allowed', details: { recoveryCodes: recoveryCodes.length } });
    // Enrolling finishes a sign-in that owed it, and raises any session's assurance: a new id either way.
    const session = await replaceWithFullSession(app, reply, request.session!);
    return { recoveryCodes, session: { user: presentActor(actor), csrfToken: session.csrfToken, idleTimeoutSeconds, step: null } };
  });

  app.post('/api/auth/mfa/recovery-codes', { schema: regenerateRouteSchema, config: { roles: EVERY_ROLE } }, async (request) => {
    const actor = requireActor(request);
    await verifyCode(request, request.body.code, 'recovery_codes');
    const recoveryCodes = await regenerateRecoveryCodes(app, actor.id);
    await app.audit(request, { action: AUDIT_ACTIONS.mfaRecoveryCodes, outcome: 'allowed', details: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });

  app.post('/api/auth/mfa/disable', { schema: disableRouteSchema, config: { roles: EVERY_ROLE } }, async (request, reply) => {
    const actor = requireActor(request);
    if (isMfaRequiredFor(app.config, actor.roles)) {
      await app.audit(request, { action: AUDIT_ACTIONS.mfaDisable, outcome: 'denied', reason: 'required_for_role' });
      throw new AppError('forbidden', 'Your role requires a second factor; an administrator can reset it');
    }
    await verifyCode(request, request.body.code, 'disable');
    await removeSecondFactor(app, actor.id);
    await app.audit(request, { action: AUDIT_ACTIONS.mfaDisable, outcome: 'allowed' });
    return reply.status(204).send(null);
  });
}
