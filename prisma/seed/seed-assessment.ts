/**
 * The default assessment scheme (默认考核方案) with fixed ids: a second run adds nothing, and an
 * administrator's later versions are kept. Weights per unit type sum to 100; the API's
 * validateSchemeRules accepts these rules (checked by the assessment tests).
 *
 * Version 1 scored a rate without data as full marks (`whenNoData: 'full'`), which put units with
 * no tickets on the red list at 100. It stays as it was (versions are immutable and runs name
 * theirs); the seed adds the current rules, which leave no-data out (`exclude`), as a new version
 * once, at the next free number, and makes it the latest.
 */
import type { PrismaClient } from '@yixian/db';

export const DEFAULT_SCHEME_ID = 'default-assessment';

type NoDataPolicy = 'exclude' | 'full';
const deduction = (pointsPerEvent: number) => ({ kind: 'deduction', pointsPerEvent });

function buildRules(whenNoData: NoDataPolicy) {
  const rate = (zeroAt: number, fullAt: number) => ({ kind: 'linear', zeroAt, fullAt, whenNoData });
  return {
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
}

/** The current default rules: a rate without data is left out of the score (not ranked if nothing has data). */
export const DEFAULT_SCHEME_RULES = buildRules('exclude');
/** Version 1's rules, kept for the runs made with it. */
export const DEFAULT_SCHEME_RULES_V1 = buildRules('full');
/** The id of the seeded version with the current rules. */
export const DEFAULT_SCHEME_NO_DATA_VERSION_ID = `${DEFAULT_SCHEME_ID}-no-data-excluded`;

export async function seedAssessment(prisma: PrismaClient): Promise<void> {
  await prisma.assessmentScheme.createMany({
    data: [{
      id: DEFAULT_SCHEME_ID, name: '默认考核方案', nameEn: 'Default assessment scheme',
      description: '按时签收、按时办结、满意度、退单、重办、延期、督办与通报', latestVersion: 1,
    }],
    skipDuplicates: true,
  });
  await prisma.assessmentSchemeVersion.createMany({
    data: [{ id: `${DEFAULT_SCHEME_ID}-v1`, schemeId: DEFAULT_SCHEME_ID, version: 1, rules: DEFAULT_SCHEME_RULES_V1, note: 'seed' }],
    skipDuplicates: true,
  });
  await prisma.$transaction(async (tx) => {
    // Lock the scheme row, as an edit does, so the new version gets the next number.
    const [scheme] = await tx.$queryRaw<{ latestVersion: number }[]>`
      SELECT "latestVersion" FROM "assessment_scheme" WHERE "id" = ${DEFAULT_SCHEME_ID} FOR UPDATE`;
    const existing = await tx.assessmentSchemeVersion.findUnique({ where: { id: DEFAULT_SCHEME_NO_DATA_VERSION_ID }, select: { id: true } });
    if (!scheme || existing) return;
    const version = scheme.latestVersion + 1;
    await tx.assessmentSchemeVersion.create({
      data: {
        id: DEFAULT_SCHEME_NO_DATA_VERSION_ID, schemeId: DEFAULT_SCHEME_ID, version, rules: DEFAULT_SCHEME_RULES,
        note: '无数据的指标不计分，无数据的单位不参与排名 (seed)',
      },
    });
    await tx.assessmentScheme.update({ where: { id: DEFAULT_SCHEME_ID }, data: { latestVersion: version } });
  });
}
