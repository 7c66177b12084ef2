import { Boxes, FileText, Gauge, LayoutDashboard, ScanEye, Table2, type LucideIcon } from 'lucide-react';
import type { CheckResult, LineageGraph, LineageNode, LineageNodeKind } from '../../../core/governance/types.ts';

/*
 * What the Lineage tab draws, as data: nodes by kind (with an icon each), a filter that hides kinds
 * and bridges the arrows across what it hides (a lake file still points at the metric it feeds when
 * the tables between are hidden), search by name, and which nodes have failing checks.
 */

/** The kinds in the order data flows through them (and the legend lists them). */
export const LINEAGE_KINDS: readonly LineageNodeKind[] = ['lake-file', 'table', 'view', 'model', 'metric', 'tile'];

/** The icon of each kind. */
export const KIND_ICONS: Record<LineageNodeKind, LucideIcon> = {
  'lake-file': FileText,
  table: Table2,
  view: ScanEye,
  model: Boxes,
  metric: Gauge,
  tile: LayoutDashboard,
};

/** The graph with the hidden kinds left out; an arrow through hidden nodes joins the visible ends. */
export function visibleGraph(
  graph: LineageGraph,
  hidden: ReadonlySet<string>,
  keep?: ReadonlySet<string>,
): { nodes: LineageNode[]; edges: { from: string; to: string }[] } {
  const shown = (n: LineageNode) => !hidden.has(n.kind) && (!keep || keep.has(n.id));
  const nodes = graph.nodes.filter(shown);
  const visible = new Set(nodes.map((n) => n.id));
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const edges: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const from of visible) {
    // Walk through hidden nodes only, stopping at the first visible one on each path.
    const stack = [...(out.get(from) ?? [])];
    const passed = new Set<string>();
    while (stack.length > 0) {
      const at = stack.pop() as string;
      if (passed.has(at)) continue;
      passed.add(at);
      if (visible.has(at)) {
        const key = `${from}\u0000${at}`;
        if (!seen.has(key) && at !== from) {
          seen.add(key);
          edges.push({ from, to: at });
        }
      } else {
        stack.push(...(out.get(at) ?? []));
      }
    }
  }
  return { nodes, edges };
}

/** Nodes whose name or id contains the search text (case-insensitive), best first: names that start with it. */
export function searchNodes(graph: LineageGraph, text: string, lang: 'ko' | 'en', limit = 8): LineageNode[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [];
  const hits = graph.nodes.filter(
    (n) => n.label[lang].toLowerCase().includes(q) || n.label.en.toLowerCase().includes(q) || n.id.toLowerCase().includes(q),
  );
  const starts = (n: LineageNode) => (n.label[lang].toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.label[lang].localeCompare(b.label[lang])).slice(0, limit);
}

/** The lineage node a check reads: a database table ('table:hanbit-prod.customers') or a lake file group ('lake:events/*.jsonl.gz'). */
export function nodeOfCheck(check: { dataset: string; table: string }): string {
  return check.dataset.startsWith('lake:') ? check.dataset : `table:${check.dataset}.${check.table}`;
}

/** The nodes with a failing (or warning) check in a run, with those checks. */
export function brokenNodes(results: readonly CheckResult[] | undefined): Map<string, CheckResult[]> {
  const out = new Map<string, CheckResult[]>();
  for (const r of results ?? []) {
    if (r.outcome !== 'fail' && r.outcome !== 'warn') continue;
    const id = nodeOfCheck(r.check);
    out.set(id, [...(out.get(id) ?? []), r]);
  }
  return out;
}

/** The nodes a broken source can be: the ones with something downstream, sources (no arrow in) first. */
export function sourceCandidates(graph: LineageGraph): LineageNode[] {
  const hasIn = new Set(graph.edges.map((e) => e.to));
  const hasOut = new Set(graph.edges.map((e) => e.from));
  const rank = (n: LineageNode) => LINEAGE_KINDS.indexOf(n.kind) + (hasIn.has(n.id) ? 10 : 0);
  return graph.nodes.filter((n) => hasOut.has(n.id)).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
