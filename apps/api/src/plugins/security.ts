/**
 * Access control, done in one place. Every route declares `config.roles` (a list of roles,
 * or 'public'); a route under /api without one stops the boot. Before validation, the
 * session is loaded, the role checked and, for state-changing methods, the CSRF header
 * compared. Every refusal is audited.
 */
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@yixian/domain';
import { AppError } from '../lib/app-error.js';
import { createSessionStore, isCsrfTokenValid, type Session, type SessionStep, type SessionStore } from '../modules/auth/session-store.js';
import type { Actor } from '../modules/auth/actor.js';
import { loadCachedActor } from '../modules/auth/actor-cache.js';
import { checkPasswordGate } from '../modules/auth/password-gate.js';
import { AUDIT_ACTIONS, writeAudit, type AuditEntry } from '../modules/audit/audit.service.js';

export const SESSION_COOKIE = 'yx_sid';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type RouteRoles = readonly Role[] | 'public';

export interface RegisteredRoute {
  method: string;
  url: string;
  roles: RouteRoles;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: RouteRoles;
    /** The unfinished sign-in steps (session-store.ts) that may use this route; none by default. */
    steps?: readonly SessionStep[];
  }
  interface FastifyInstance {
    sessions: SessionStore;
    /** Every /api route with its declared roles, for the route × role test matrix. */
    routeRegistry: RegisteredRoute[];
    /**
     * Gives the routes a third-party plugin registers under `prefix` without `config.roles` (the
     * queue dashboard) these roles; declared before that plugin is registered.
     */
    guardRoutesUnder(prefix: string, roles: readonly Role[]): void;
    audit(request: FastifyRequest | null, entry: AuditEntry): Promise<void>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: (Session & { sid: string }) | null;
  }
}

/** The actor of a route that declared roles; the hook guarantees it is set. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in first');
  return request.actor;
}

async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorate('sessions', createSessionStore({
    redis: app.redis,
    prefix: app.config.redisPrefix,
    idleMs: app.config.sessionIdleMinutes * 60_000,
  }));
  app.decorate('routeRegistry', [] as RegisteredRoute[]);
  const guardedPrefixes: { prefix: string; roles: readonly Role[] }[] = [];
  app.decorate('guardRoutesUnder', (prefix: string, roles: readonly Role[]) => {
    guardedPrefixes.push({ prefix, roles });
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.decorate('audit', async (request: FastifyRequest | null, entry: AuditEntry) => {
    await writeAudit(app.prisma, app.clock.now(), {
      ip: request?.ip,
      requestId: request?.id,
      actorId: request?.actor?.id ?? null,
      actorName: request?.actor?.username ?? null,
      ...entry,
    });
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const config = (route.config ?? {}) as { roles?: RouteRoles };
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...config, roles: 'public' };
      return;
    }
    const roles = config.roles ?? guardedPrefixes.find(({ prefix }) => route.url === prefix || route.url.startsWith(`${prefix}/`))?.roles;
    if (!roles) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no roles (config.roles)`);
    }
    if (!config.roles) route.config = { ...config, roles };
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeRegistry.push({ method, url: route.url, roles });
    }
  });

  async function deny(request: FastifyRequest, error: AppError, action: AuditEntry['action']): Promise<never> {
    await app.audit(request, {
      action,
      outcome: 'denied',
      resource: `${request.method} ${request.routeOptions.url ?? request.url}`,
      reason: error.code,
    });
    throw error;
  }

  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config?.roles;
    if (!roles) return;
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) {
      const found = await app.sessions.touch(sid, app.clock.now());
      if (found.status === 'active') {
        const actor = await loadCachedActor(app.prisma, found.session.userId);
        const isStepAllowed = !found.session.step || roles !== 'public' || request.routeOptions.config.steps?.includes(found.session.step);
        // A public route sees a session that still owes a second factor as nobody, unless it declares the step.
        if (actor && actor.status === 'active' && isStepAllowed) {
          request.actor = actor;
          request.session = { ...found.session, sid };
        }
      } else if (found.status === 'expired' && roles !== 'public') {
        await deny(request, new AppError('session_expired', 'The session ended after idle time; sign in again'), AUDIT_ACTIONS.sessionExpired);
      }
    }
    if (roles === 'public') return;
    if (!request.actor || !request.session) {
      return deny(request, new AppError('unauthenticated', 'Sign in first'), AUDIT_ACTIONS.unauthenticated);
    }
    const step = request.session.step;
    if (step && !request.routeOptions.config.steps?.includes(step)) {
      return step === 'mfa_code'
        ? deny(request, new AppError('mfa_required', 'Enter your second-factor code first'), AUDIT_ACTIONS.accessDenied)
        : deny(request, new AppError('mfa_enrolment_required', 'Your role signs in with a second factor: set it up first'), AUDIT_ACTIONS.accessDenied);
    }
    if (!request.actor.roles.some((role) => roles.includes(role))) {
      return deny(request, new AppError('forbidden', 'Your role may not use this'), AUDIT_ACTIONS.accessDenied);
    }
    const gate = checkPasswordGate(request);
    if (gate) return deny(request, gate, AUDIT_ACTIONS.accessDenied);
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!isCsrfTokenValid(request.session.csrfToken, typeof given === 'string' ? given : undefined)) {
        return deny(request, new AppError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header`), AUDIT_ACTIONS.csrfRejected);
      }
    }
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['infrastructure'] });
