/** Every domain module's routes, in one list, so the app and the route matrix test agree. */
import type { FastifyInstance } from 'fastify';
import authRoutes from './auth/auth.routes.js';
import auditRoutes from './audit/audit.routes.js';
import healthRoutes from './health/health.routes.js';
import hotlineRoutes from './hotlines/hotlines.routes.js';
import ticketRoutes from './tickets/tickets.routes.js';
import notificationRoutes from './notifications/notifications.routes.js';
import catalogueRoutes from './catalogue/catalogue.routes.js';
import callRoutes from './calls/calls.routes.js';
import wallboardRoutes from './wallboard/wallboard.routes.js';
import agentRoutes, { agentAnswerRoutes } from './agents/agents.routes.js';
import statisticsRoutes from './statistics/statistics.routes.js';
import classSplitRoutes from './statistics/class-split.routes.js';
import mailboxRoutes from './mailbox/mailbox.routes.js';
import reportRoutes from './reports/reports.routes.js';
import assessmentRoutes from './assessment/assessment.routes.js';
import recordingRoutes from './recordings/recordings.routes.js';
import accountingRoutes from './accounting/accounting.routes.js';
import worklistRoutes from './worklists/worklists.routes.js';
import mfaRoutes from './mfa/mfa.routes.js';
import mfaAdminRoutes from './mfa/mfa-admin.routes.js';

export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(mfaRoutes);
  await app.register(mfaAdminRoutes);
  await app.register(hotlineRoutes);
  await app.register(auditRoutes);
  await app.register(ticketRoutes);
  await app.register(notificationRoutes);
  await app.register(catalogueRoutes);
  await app.register(callRoutes);
  await app.register(wallboardRoutes);
  await app.register(agentRoutes);
  await app.register(agentAnswerRoutes);
  await app.register(statisticsRoutes);
  await app.register(classSplitRoutes);
  await app.register(mailboxRoutes);
  await app.register(reportRoutes);
  await app.register(assessmentRoutes);
  await app.register(recordingRoutes);
  await app.register(accountingRoutes);
  await app.register(worklistRoutes);
}
