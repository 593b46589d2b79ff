/**
 * The default assessment scheme (默认考核方案), version 1, with fixed ids: a second run adds
 * nothing, and an administrator's later versions are kept. Weights per unit type sum to 100;
 * the API's validateSchemeRules accepts these rules (checked by the assessment tests).
 */
import type { PrismaClient } from '@yixian/db';

export const DEFAULT_SCHEME_ID = 'default-assessment';

const rate = (zeroAt: number, fullAt: number) => ({ kind: 'linear', zeroAt, fullAt, whenNoData: 'full' });
const deduction = (pointsPerEvent: number) => ({ kind: 'deduction', pointsPerEvent });

export const DEFAULT_SCHEME_RULES = {
  department: [
    { indicator: 'on_time_sign', weight: 15, rule: rate(0.6, 0.95) },
    { indicator: 'on_time_completion', weight: 20, rule: rate(0.6, 0.95) },
    { indicator: 'mailbox_on_time', weight: 5, rule: rate(0.6, 1) },
    { indicator: 'satisfaction', weight: 20, rule: rate(0.6, 0.95) },
    { indicator: 'return_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'redo_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'extension_rate', weight: 5, rule: rate(0.3, 0) },
    { indicator: 'supervision_count', weight: 10, rule: deduction(2) },
    { indicator: 'notice_count', weight: 5, rule: deduction(5) },
  ],
  street_office: [
    { indicator: 'on_time_sign', weight: 15, rule: rate(0.6, 0.95) },
    { indicator: 'on_time_completion', weight: 25, rule: rate(0.6, 0.95) },
    { indicator: 'satisfaction', weight: 20, rule: rate(0.6, 0.95) },
    { indicator: 'return_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'redo_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'extension_rate', weight: 5, rule: rate(0.3, 0) },
    { indicator: 'supervision_count', weight: 10, rule: deduction(2) },
    { indicator: 'notice_count', weight: 5, rule: deduction(5) },
  ],
  grid_team: [
    { indicator: 'on_time_sign', weight: 20, rule: rate(0.6, 0.95) },
    { indicator: 'on_time_completion', weight: 30, rule: rate(0.6, 0.95) },
    { indicator: 'satisfaction', weight: 20, rule: rate(0.6, 0.95) },
    { indicator: 'return_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'redo_rate', weight: 10, rule: rate(0.2, 0) },
    { indicator: 'supervision_count', weight: 10, rule: deduction(2) },
  ],
};

export async function seedAssessment(prisma: PrismaClient): Promise<void> {
  await prisma.assessmentScheme.createMany({
    data: [{
      id: DEFAULT_SCHEME_ID, name: '默认考核方案', nameEn: 'Default assessment scheme',
      description: '按时签收、按时办结、满意度、退单、重办、延期、督办与通报', latestVersion: 1,
    }],
    skipDuplicates: true,
  });
  await prisma.assessmentSchemeVersion.createMany({
    data: [{ id: `${DEFAULT_SCHEME_ID}-v1`, schemeId: DEFAULT_SCHEME_ID, version: 1, rules: DEFAULT_SCHEME_RULES, note: 'seed' }],
    skipDuplicates: true,
  });
}
