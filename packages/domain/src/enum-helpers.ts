/**
 * Helpers shared by every `as const` enum object in this package.
 * Kept tiny so the console can tree-shake what it does not use.
 */

/** The value union of an `as const` enum object. */
export type EnumValue<T extends Readonly<Record<string, string | number>>> = T[keyof T];

/**
 * Lists an enum's values in declaration order. Used to build schema unions
 * (TypeBox `Union(Literal…)`, Prisma seeds) from one source of truth.
 */
export function listEnumValues<T extends Readonly<Record<string, string | number>>>(
  enumObject: T,
): readonly EnumValue<T>[] {
  return Object.freeze(Object.values(enumObject) as EnumValue<T>[]);
}

/**
 * Narrows untrusted input (HTTP bodies, job payloads, database strings) to an
 * enum value without trusting its type.
 */
export function isEnumValue<T extends Readonly<Record<string, string | number>>>(
  enumObject: T,
  value: unknown,
): value is EnumValue<T> {
  return (Object.values(enumObject) as unknown[]).includes(value);
}
