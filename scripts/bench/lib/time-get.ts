/**
 * Times one GET route as a signed-in user: a first (cold) request whose body the caller reads,
 * then `repeats` timed ones. Any status but 200 stops the benchmark, naming the path.
 */
import type { HttpClient } from './http-load.js';
import type { BenchSession } from './api-sessions.js';
import { summariseLatencies, type LatencySummary } from './stats.js';

export async function timeGet(http: HttpClient, session: BenchSession, path: string, repeats: number): Promise<{ latency: LatencySummary; firstBody: string; coldMs: number }> {
  const first = await http.send('GET', path, session.headers);
  if (first.status !== 200) throw new Error(`GET ${path} → ${first.status}: ${first.body.slice(0, 300)}`);
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const res = await http.send('GET', path, session.headers);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    samples.push(res.ms);
  }
  return { latency: summariseLatencies(samples), firstBody: first.body, coldMs: first.ms };
}
