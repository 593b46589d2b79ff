/**
 * The desk's knowledge search (`GET /api/knowledge/search`, what the agent's typing calls) over
 * 10,000 generated Chinese articles (quick: 1,000) behind a real API process: a common two-character
 * word (办理: in most articles), a rarer one (门禁), a four-character phrase, two words, a place and a
 * topic, a miss; as an agent (published and valid only) and as an editor (every working copy).
 * p50/p95 over 30 rounds (quick 3). Baseline in the same run: the same word as an unindexed
 * `LIKE '%…%'` scan in SQL with the same order and limit.
 */
import pg from 'pg';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { startTsx, type Child } from './lib/child-process.js';
import { createHttpClient, type HttpClient } from './lib/http-load.js';
import { openSessions, type BenchSession } from './lib/api-sessions.js';
import { ratio, summariseLatencies } from './lib/stats.js';
import { insertArticles } from './knowledge-articles.js';
import { timeGet } from './lib/time-get.js';

const QUERIES: Record<string, string> = {
  common2: '办理', rare2: '门禁', phrase4: '社保卡补', twoWords: '医保 材料', placeAndTopic: '乌山街道 停水', miss: '火星基地',
};

async function timeSearch(http: HttpClient, session: BenchSession, query: string, repeats: number) {
  const { latency, firstBody } = await timeGet(http, session, `/api/knowledge/search?${query}`, repeats);
  return { ...latency, found: (JSON.parse(firstBody) as { items: unknown[] }).items.length };
}

export const knowledgeSearch: Benchmark = {
  name: 'knowledge-search',
  title: 'Knowledge search (知识库) as the agent types, over 10,000 articles',
  async run({ quick, log }): Promise<BenchResult> {
    const repeats = quick ? 3 : 30;
    const count = quick ? 1_000 : 10_000;
    const db = await createBenchDatabase({ seed: true });
    const redis = createBenchRedis();
    const client = new pg.Client({ connectionString: db.url });
    const children: Child[] = [];
    try {
      await client.connect();
      log(`generating ${count} articles…`);
      await insertArticles(client, count, new Date());
      await client.query('ANALYZE "knowledge_article"');
      const articles = Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM "knowledge_article"')).rows[0]!.n);
      const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'error' };
      const api = startTsx('api', 'scripts/bench/lib/api-server.ts', [], env, /LISTENING (\d+)/);
      children.push(api);
      const http = createHttpClient(Number((await api.ready)[1]));
      const users = await db.prisma.user.findMany({ where: { username: { in: ['demo-agent', 'demo-kb'] } }, select: { id: true, username: true } });
      const idOf = (name: string) => users.find((u) => u.username === name)?.id ?? '';
      const [agent, editor] = await openSessions(redis.url, redis.prefix, [idOf('demo-agent'), idOf('demo-kb')]);

      const queries: Record<string, Record<string, number>> = {};
      for (const [name, q] of Object.entries(QUERIES)) {
        for (const [who, session, scope] of [['agent', agent!, 'desk'], ['editor', editor!, 'all']] as const) {
          const key = `${who}.${name}`;
          queries[key] = await timeSearch(http, session, `q=${encodeURIComponent(q)}&scope=${scope}`, repeats);
          log(`${who} ${name} (${q}): p50 ${queries[key]!.p50} ms, p95 ${queries[key]!.p95} ms (${queries[key]!.found} shown)`);
        }
      }
      log('baseline: the common and the rare word as unindexed LIKE scans in SQL…');
      const likeSql = `SELECT a."id" FROM "knowledge_article" a WHERE lower(a."publishedTitle" || ' ' || a."publishedText") LIKE $1
        ORDER BY (a."publishedTitle" LIKE $1) DESC, a."publishedAt" DESC LIMIT 10`;
      const timeLike = async (word: string) => {
        const samples: number[] = [];
        for (let i = 0; i < (quick ? 2 : 10); i++) {
          const start = performance.now();
          await client.query(likeSql, [`%${word}%`]);
          samples.push(performance.now() - start);
        }
        return summariseLatencies(samples);
      };
      const likeCommon = await timeLike(QUERIES.common2!);
      const likeRare = await timeLike(QUERIES.rare2!);
      const agentP95 = Math.max(...Object.entries(queries).filter(([key]) => key.startsWith('agent.')).map(([, q]) => q.p95!));
      const worstP95 = Math.max(...Object.values(queries).map((q) => q.p95!));
      return {
        name: 'knowledge-search',
        title: knowledgeSearch.title,
        status: 'measured',
        quick,
        command: 'pnpm bench knowledge-search',
        parameters: { articles, repeats, queries: QUERIES },
        figures: { queries, agentWorstP95Ms: agentP95, worstP95Ms: worstP95 },
        baseline: { what: 'the word as an unindexed LIKE scan in SQL (title first, 10 rows)', figures: { likeCommon, likeRare } },
        ratios: { likeRareP50PerSearchRareP50: ratio(likeRare.p50!, queries['agent.rare2']!.p50!) },
        targets: [checkTarget('knowledge search as the agent types, worst p95 (ms)', agentP95, '<=', 100, ' ms')],
        notes: ['Bigram GIN index over the published copy (desk) and the working copy (editors); see apps/api/src/modules/knowledge/README.md.'],
      };
    } finally {
      for (const child of children.reverse()) await child.stop();
      await client.end().catch(() => undefined);
      await redis.cleanup();
      await db.drop();
    }
  },
};
