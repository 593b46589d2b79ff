import type { SimChannel } from './sim-model';

/** Buckets of Asterisk's channel tables (AST_NUM_CHANNEL_BUCKETS, a build without LOW_MEMORY). */
const CHANNEL_BUCKETS = 1567;

/**
 * The bucket a channel name falls in: Asterisk's ast_str_case_hash (djb2 with xor over the
 * lower-cased bytes, `& INT_MAX`) modulo the bucket count.
 */
export function channelBucket(name: string): number {
  let hash = 5381;
  for (const byte of Buffer.from(name, 'utf8')) {
    const lower = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
    hash = (Math.imul(hash, 33) ^ lower) >>> 0;
  }
  return (hash & 0x7fffffff) % CHANNEL_BUCKETS;
}

/**
 * Channels in the order a real Asterisk 22 walks its channel tables (CoreShowChannels, Status, a
 * shutdown's hang-ups): by hash bucket of the name, then by creation. Not caller-first: for the
 * names of the asterisk-22 transcripts the agent's legs come first, in ../e_status_lists.txt the
 * callers; both orders follow from this rule.
 */
export function channelTableOrder<T extends Pick<SimChannel, 'name'>>(channels: readonly T[]): T[] {
  return channels
    .map((ch, index) => ({ ch, index, bucket: channelBucket(ch.name) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map(({ ch }) => ch);
}
