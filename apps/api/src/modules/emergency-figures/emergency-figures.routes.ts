/** `GET /api/statistics/emergency`: the emergency figures of a period for the centre, or a unit's own part. */
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../plugins/security.js';
import { parsePeriod } from '../statistics/statistics-period.js';
import { buildEmergencyFigures } from './build-emergency-figures.js';
import { emergencyFiguresSchema } from './emergency-figures.schemas.js';
import { CENTRE_ROLES, pickEmergencyUnits, UNIT_ROLES } from './emergency-scope.js';

export default async function emergencyFigureRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/statistics/emergency', { schema: emergencyFiguresSchema, config: { roles: [...CENTRE_ROLES, ...UNIT_ROLES] } }, async (request) => {
    const query = request.query as { from: string; to: string; unitId?: string };
    const period = parsePeriod(query);
    const unitIds = pickEmergencyUnits(requireActor(request), query.unitId);
    return buildEmergencyFigures(app.prisma, { ...period, now: app.clock.now(), unitIds });
  });
}
