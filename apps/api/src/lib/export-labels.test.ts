/**
 * The server's export words are the console's: headers a commander downloads read as the columns
 * on screen. Checked against the console's locale files, key by key, in both languages.
 */
import { describe, expect, it } from 'vitest';
import accountsEn from '../../../console/src/locales/parts/accounts.en.js';
import accountsZhCN from '../../../console/src/locales/parts/accounts.zh-CN.js';
import assessmentEn from '../../../console/src/locales/parts/assessment.en.js';
import assessmentZhCN from '../../../console/src/locales/parts/assessment.zh-CN.js';
import callEn from '../../../console/src/locales/parts/call.en.js';
import callZhCN from '../../../console/src/locales/parts/call.zh-CN.js';
import statsEn from '../../../console/src/locales/parts/stats.en.js';
import statsZhCN from '../../../console/src/locales/parts/stats.zh-CN.js';
import ticketEn from '../../../console/src/locales/parts/ticket.en.js';
import ticketZhCN from '../../../console/src/locales/parts/ticket.zh-CN.js';
import { EXPORT_LANGS, exportLabels, fillLabel, formatExportTime, labelOf } from './export-labels.js';

const CONSOLE = {
  'zh-CN': { stats: statsZhCN, ticket: ticketZhCN, call: callZhCN, assessment: assessmentZhCN, accounts: accountsZhCN },
  en: { stats: statsEn, ticket: ticketEn, call: callEn, assessment: assessmentEn, accounts: accountsEn },
} as const;

describe('export labels', () => {
  it.each(EXPORT_LANGS)('%s: indicators, states, channels, kinds, classes and unit types read as in the console', (lang) => {
    const labels = exportLabels(lang);
    const console = CONSOLE[lang];
    expect(labels.indicators).toEqual(console.stats.indicators);
    expect(labels.indicators).toEqual(console.assessment.indicators);
    expect(labels.unitTypes).toEqual(console.assessment.unitTypes);
    expect(labels.ticketStates).toEqual(console.ticket.states);
    expect(labels.channels).toEqual(console.ticket.channels);
    expect(labels.kinds).toEqual(console.ticket.kinds);
    expect(labels.classes).toEqual(console.ticket.classes);
    expect(labels.callStates).toEqual(console.call.states);
  });

  it.each(EXPORT_LANGS)('%s: every call and ticket-count column the console shows has the same header', (lang) => {
    const labels = exportLabels(lang);
    const console = CONSOLE[lang];
    for (const [key, text] of Object.entries(console.stats.calls)) if (key !== 'hint') expect(labels.calls[key], key).toBe(text);
    expect(labels.ticketCounts).toEqual(console.stats.tickets);
  });

  it.each(EXPORT_LANGS)('%s: account states and account columns read as in the console', (lang) => {
    const labels = exportLabels(lang);
    const console = CONSOLE[lang];
    expect(labels.accountStates).toEqual(console.accounts.states);
    expect(labels.accountColumns).toEqual(console.accounts.columns);
  });

  it('defaults to Chinese, fills placeholders, keeps unknown codes, and writes Shanghai times', () => {
    expect(exportLabels(undefined).words.total).toBe('合计');
    expect(fillLabel('{seconds} 秒内接通', { seconds: 20 })).toBe('20 秒内接通');
    expect(labelOf(exportLabels('en').ticketStates, 'dispatched')).toBe('Dispatched');
    expect(labelOf(exportLabels('en').ticketStates, 'teleported')).toBe('teleported');
    expect(formatExportTime('2026-02-03T16:30:05Z')).toBe('2026-02-04 00:30:05');
    expect(formatExportTime(null)).toBe('');
  });
});
