/**
 * The map's tile server (the phone app's map, modules/map): TILE_URL, a template such as
 * `https://tiles.example.gov/{z}/{x}/{y}.png`, and TILE_ATTRIBUTION, the words the tiles' owner
 * asks to be shown. Unset = no tiles: the map draws the grids on a plain background and asks
 * nothing of any other server. Read by config.ts; a bad value names its variable.
 */
import { ConfigError, type Env } from './config-error.js';

export interface TilesConfig {
  /** The tile template (http or https, with {z}, {x} and {y}); null = no tile layer. */
  tileUrl: string | null;
  /** Plain text shown in the map's corner; null = none. */
  tileAttribution: string | null;
  /** The tile server's origin (`https://tiles.example.gov`), which the page's CSP lets images come from. */
  tileOrigin: string | null;
}

const PLACEHOLDERS = ['{z}', '{x}', '{y}'];
const MAX_ATTRIBUTION = 300;

function readTileUrl(env: Env): { tileUrl: string; tileOrigin: string } | null {
  const raw = env.TILE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('TILE_URL', `is not a valid URL, got "${raw}" (e.g. https://tiles.example.gov/{z}/{x}/{y}.png)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('TILE_URL', `must use https: or http:, got "${url.protocol}"`);
  }
  const missing = PLACEHOLDERS.filter((placeholder) => !raw.includes(placeholder));
  if (missing.length > 0) throw new ConfigError('TILE_URL', `must contain {z}, {x} and {y}; ${missing.join(', ')} missing in "${raw}"`);
  // The map fills in only these three: any other {name} would fail in every browser at once.
  const unknown = [...raw.matchAll(/\{[^}]*\}/g)].map((match) => match[0]).find((placeholder) => !PLACEHOLDERS.includes(placeholder));
  if (unknown !== undefined) throw new ConfigError('TILE_URL', `may use only {z}, {x} and {y}, got "${unknown}"`);
  if (url.username || url.password) throw new ConfigError('TILE_URL', 'must not carry a user name or password (every phone would see them)');
  return { tileUrl: raw, tileOrigin: url.origin };
}

/** Reads TILE_URL and TILE_ATTRIBUTION; see the module comment. */
export function readTiles(env: Env): TilesConfig {
  const tiles = readTileUrl(env);
  const attribution = env.TILE_ATTRIBUTION?.trim() || null;
  if (attribution !== null && tiles === null) throw new ConfigError('TILE_ATTRIBUTION', 'is set but TILE_URL is not: there are no tiles to credit');
  if (attribution !== null && attribution.length > MAX_ATTRIBUTION) throw new ConfigError('TILE_ATTRIBUTION', `must be at most ${MAX_ATTRIBUTION} characters`);
  return { tileUrl: tiles?.tileUrl ?? null, tileAttribution: attribution, tileOrigin: tiles?.tileOrigin ?? null };
}
