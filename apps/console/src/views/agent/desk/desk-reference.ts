/**
 * Reference data the API does not serve yet: department desk extensions for transfers. Kept apart
 * from data.ts so it is easy to replace by API calls later. (The knowledge base is served by
 * `/api/knowledge`: api/knowledge.ts.)
 */

/** Department desks on the PBX (`6xxx` in `[yixian-transfer]`); the 110 desk is separate. */
export const DEPARTMENT_DESKS: readonly { extension: string; name: string; nameEn: string }[] = [
  { extension: '6001', name: '城市管理和综合执法局', nameEn: 'Urban Management' },
  { extension: '6002', name: '生态环境分局', nameEn: 'Ecology and Environment' },
  { extension: '6003', name: '市场监督管理局', nameEn: 'Market Regulation' },
  { extension: '6004', name: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security' },
  { extension: '6005', name: '住房和城乡建设局', nameEn: 'Housing and Construction' },
  { extension: '6006', name: '交通运输局', nameEn: 'Transport' },
];
