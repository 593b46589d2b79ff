/**
 * Pure helpers behind the pickers: units grouped by kind (police, district departments,
 * streets, grids) and the area and category trees with each node's path, all filtered by
 * `filterByName` so a person finds 城市管理和综合执法局 by 城管, cgj or chengguan.
 */
import type { Area, Category, Unit } from '#/api/catalogue';
import { displayName, filterByName, scoreName, type Matchable } from './name-match';

/** Groups in the order a dispatcher reads them. */
export const UNIT_GROUP_ORDER = ['police_desk', 'department', 'street_office', 'grid_team'] as const;

export interface UnitGroup {
  type: string;
  units: Unit[];
}

/** The units matching `query`, grouped by kind; inside a group the best hits come first. */
export function groupUnits(units: readonly Unit[], query: string): UnitGroup[] {
  const hits = filterByName(units, query);
  const order = (type: string) => {
    const index = (UNIT_GROUP_ORDER as readonly string[]).indexOf(type);
    return index < 0 ? UNIT_GROUP_ORDER.length : index;
  };
  const types = [...new Set(hits.map((unit) => unit.type))].sort((a, b) => order(a) - order(b));
  return types.map((type) => ({ type, units: hits.filter((unit) => unit.type === type) }));
}

/** One node of a picker tree: the id, the name in the UI's language and the names above it. */
export interface TreeNode {
  value: string;
  label: string;
  /** The ancestors' names, top first ("月亮岛街道"), shown beside a search hit. */
  path: string[];
  isPolice?: boolean;
  disabled?: boolean;
  children?: TreeNode[];
  /** What the search matches: the Chinese and English names. */
  search: Matchable;
}

function buildTree<T extends { id: string; parentId: string | null; name: string; nameEn: string }>(
  rows: readonly T[],
  locale: string,
  decorate: (row: T) => Partial<TreeNode> = () => ({}),
): TreeNode[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const walk = (parent: string | null, path: string[]): TreeNode[] =>
    (byParent.get(parent) ?? []).map((row) => {
      const label = displayName(row, locale);
      const children = walk(row.id, [...path, label]);
      return {
        value: row.id, label, path, search: { name: row.name, nameEn: row.nameEn }, ...decorate(row),
        ...(children.length > 0 ? { children } : {}),
      };
    });
  return walk(null, []);
}

/** The area tree district → streets → grids. */
export function buildAreaTree(areas: readonly Area[], locale: string): TreeNode[] {
  return buildTree(areas, locale);
}

/** The category catalogue; groups are not selectable (only leaves take tickets), police leaves are marked. */
export function buildCategoryTree(categories: readonly Category[], locale: string): TreeNode[] {
  return buildTree(categories, locale, (row) => ({ isPolice: row.isPolice, disabled: !row.isLeaf }));
}

/** True when a tree node's own name matches `query` (the tree shows its ancestors around it). */
export function matchesNode(node: Pick<TreeNode, 'search'>, query: string): boolean {
  return filterByName([node.search], query).length > 0;
}

export interface CategoryGroup {
  value: string;
  label: string;
  leaves: { value: string; label: string; path: string[]; isPolice: boolean }[];
}

/** Worse than any own-name hit: a leaf listed because a group above it matched. */
const ANCESTOR_HIT = 100;

/**
 * The catalogue for a picker: each top-level group with its leaves (only leaves take tickets),
 * a leaf's path below the group shown beside it. A leaf matches when its own name or a name
 * above it matches (城市管理 lists the whole group); own-name hits come first.
 */
export function groupCategoryLeaves(categories: readonly Category[], query: string, locale: string): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const root of buildCategoryTree(categories, locale)) {
    const hits: { leaf: CategoryGroup['leaves'][number]; score: number; order: number }[] = [];
    const walk = (node: TreeNode, chain: Matchable[]) => {
      if (node.children) {
        for (const child of node.children) walk(child, [...chain, node.search]);
        return;
      }
      if (node.disabled) return;
      const own = scoreName(node.search, query);
      const score = own ?? (chain.some((item) => scoreName(item, query) !== null) ? ANCESTOR_HIT : null);
      if (score === null) return;
      hits.push({ leaf: { value: node.value, label: node.label, path: node.path.slice(1), isPolice: node.isPolice === true }, score, order: hits.length });
    };
    walk(root, []);
    hits.sort((a, b) => a.score - b.score || a.order - b.order);
    if (hits.length > 0) groups.push({ value: root.value, label: root.label, leaves: hits.map((hit) => hit.leaf) });
  }
  return groups;
}
