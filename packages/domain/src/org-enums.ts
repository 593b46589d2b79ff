import { isEnumValue, listEnumValues } from './enum-helpers';

/** Kinds of handling unit in the grid model. */
export const UNIT_TYPES = {
  department: 'department',
  street_office: 'street_office',
  grid_team: 'grid_team',
  police_desk: 'police_desk',
} as const;
export type UnitType = (typeof UNIT_TYPES)[keyof typeof UNIT_TYPES];
export const UNIT_TYPE_VALUES = listEnumValues(UNIT_TYPES);
export function isUnitType(value: unknown): value is UnitType {
  return isEnumValue(UNIT_TYPES, value);
}

/** Levels of the area tree: district → street/town → grid. */
export const AREA_LEVELS = {
  district: 'district',
  street: 'street',
  grid: 'grid',
} as const;
export type AreaLevel = (typeof AREA_LEVELS)[keyof typeof AREA_LEVELS];
export const AREA_LEVEL_VALUES = listEnumValues(AREA_LEVELS);
export function isAreaLevel(value: unknown): value is AreaLevel {
  return isEnumValue(AREA_LEVELS, value);
}

/**
 * The level at which a category is normally settled, lowest first: routing tries
 * the grid, then the street, then the district ("吹哨报到").
 */
export const CATEGORY_LEVELS = {
  grid: 'grid',
  street: 'street',
  district: 'district',
} as const;
export type CategoryLevel = (typeof CATEGORY_LEVELS)[keyof typeof CATEGORY_LEVELS];
export const CATEGORY_LEVEL_VALUES = listEnumValues(CATEGORY_LEVELS);
export function isCategoryLevel(value: unknown): value is CategoryLevel {
  return isEnumValue(CATEGORY_LEVELS, value);
}

/**
 * Emergency linkage tiers: 1 = 24 h duty, routine response; 2 = non-routine
 * response; 3 = service and support. Numbers, as the district writes them.
 */
export const LINKAGE_TIERS = {
  tier1: 1,
  tier2: 2,
  tier3: 3,
} as const;
export type LinkageTier = (typeof LINKAGE_TIERS)[keyof typeof LINKAGE_TIERS];
export const LINKAGE_TIER_VALUES = listEnumValues(LINKAGE_TIERS);
export function isLinkageTier(value: unknown): value is LinkageTier {
  return isEnumValue(LINKAGE_TIERS, value);
}

/** Account status; `locked` is set by the login throttle, `disabled` by an admin. */
export const USER_STATUSES = {
  active: 'active',
  disabled: 'disabled',
  locked: 'locked',
} as const;
export type UserStatus = (typeof USER_STATUSES)[keyof typeof USER_STATUSES];
export const USER_STATUS_VALUES = listEnumValues(USER_STATUSES);
export function isUserStatus(value: unknown): value is UserStatus {
  return isEnumValue(USER_STATUSES, value);
}
