/**
 * Accepts a `?redirect=` value only when it is a path inside this console, so a crafted login
 * link cannot send a user to another site after they type their password.
 */
export function sanitizeRedirect(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/login')) return null;
  return value;
}
