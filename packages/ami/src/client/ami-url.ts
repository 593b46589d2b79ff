export interface AmiEndpoint {
  host: string;
  port: number;
  username: string;
  secret: string;
}

/** Thrown for an AMI URL that cannot be used; the message names what is wrong (never the secret). */
export class AmiUrlError extends Error {
  override readonly name = 'AmiUrlError';
}

/**
 * Read `ami://user:secret@host:5038` (port defaults to 5038). User and secret may be
 * percent-encoded. Checked once at start so a typo fails at boot, not on first reconnect.
 */
export function parseAmiUrl(url: string): AmiEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AmiUrlError('AMI URL is not a valid URL; expected ami://user:secret@host:5038');
  }
  if (parsed.protocol !== 'ami:') throw new AmiUrlError(`AMI URL scheme must be ami:, got ${parsed.protocol}`);
  if (parsed.hostname === '') throw new AmiUrlError('AMI URL has no host');
  if (parsed.username === '') throw new AmiUrlError('AMI URL has no user name');
  if (parsed.password === '') throw new AmiUrlError('AMI URL has no secret');
  const port = parsed.port === '' ? 5038 : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AmiUrlError(`AMI URL port is invalid: ${parsed.port}`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    username: decodeURIComponent(parsed.username),
    secret: decodeURIComponent(parsed.password),
  };
}
