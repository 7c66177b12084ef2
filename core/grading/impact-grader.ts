import { impactOf } from '../governance/impact.ts';
import { LINEAGE_TEAMS } from '../governance/lineage-inputs.ts';
import type { LineageGraph } from '../governance/types.ts';
import type { Localized } from '../lessons/localized.ts';
import type { Verdict } from './compare.ts';
import { message, type ImpactKind, type Message } from './messages.ts';

/*
 * Grades an impact step against the lineage graph: the learner must start from the broken source,
 * mark exactly the downstream nodes of the asked kinds (each missing and each extra one named by its
 * label; a marked node that feeds the source is called out as upstream), and, when asked, list
 * exactly the teams owning those nodes. Pure: the caller builds the graph (core/governance/lineage.ts).
 */

/** What an impact step asks. */
export interface ImpactGradeSpec {
  source: string;
  mark: readonly ImpactKind[];
  owners: boolean;
  knownWrong: readonly { source: string; affected: readonly string[]; owners: readonly string[]; feedback?: Localized | undefined }[];
}

/** An answer to an impact step. */
export interface ImpactGradeAnswer {
  source: string;
  affected: readonly string[];
  owners: readonly string[];
}

/** The right answer: the affected nodes of the asked kinds (nearest first) and their owner teams (nearest first). */
export function expectedImpact(graph: LineageGraph, spec: Pick<ImpactGradeSpec, 'source' | 'mark'>): { affected: string[]; owners: string[] } {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n]));
  const affected = impactOf(graph, spec.source)
    .affected.map((a) => a.node)
    .filter((id) => (spec.mark as readonly string[]).includes(kinds.get(id)?.kind ?? ''));
  const owners: string[] = [];
  for (const id of affected) {
    const owner = kinds.get(id)?.owner;
    if (owner && !owners.includes(owner)) owners.push(owner);
  }
  return { affected, owners };
}

/** Nodes upstream of `id` (everything that flows into it). */
function upstreamOf(graph: LineageGraph, id: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const e of graph.edges) into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const prev of into.get(stack.pop() as string) ?? []) {
      if (seen.has(prev)) continue;
      seen.add(prev);
      stack.push(prev);
    }
  }
  return seen;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function teamLabel(team: string): Localized {
  return LINEAGE_TEAMS[team] ?? { ko: team, en: team };
}

/** Grades an answer on a graph. */
export function gradeImpact(graph: LineageGraph, spec: ImpactGradeSpec, answer: ImpactGradeAnswer): Verdict {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const label = (id: string): Localized => byId.get(id)?.label ?? { ko: id, en: id };
  const messages: Message[] = [];
  if (answer.source.trim() === '') messages.push(message('impact-no-source', {}));
  else if (answer.source !== spec.source) messages.push(message('impact-wrong-source', { picked: label(answer.source), source: label(spec.source) }));
  if (messages.length > 0) return { pass: false, messages, expected: null, actual: null };

  const expected = expectedImpact(graph, spec);
  const marked = [...new Set(answer.affected)];
  const unknown = marked.filter((id) => !byId.has(id));
  const missing = expected.affected.filter((id) => !marked.includes(id));
  const upstream = upstreamOf(graph, spec.source);
  const extra = marked.filter((id) => byId.has(id) && !expected.affected.includes(id));
  const feeding = extra.filter((id) => upstream.has(id));
  const other = extra.filter((id) => !upstream.has(id));
  const kinds = [...spec.mark];
  if (missing.length > 0) messages.push(message('impact-missing', { nodes: missing.map(label), kinds }));
  if (feeding.length > 0) messages.push(message('impact-upstream', { nodes: feeding.map(label) }));
  if (other.length > 0) messages.push(message('impact-extra', { nodes: other.map(label), kinds }));
  if (unknown.length > 0) messages.push(message('impact-unknown', { ids: unknown }));
  if (spec.owners) {
    const listed = [...new Set(answer.owners)];
    const ownersMissing = expected.owners.filter((t) => !listed.includes(t));
    const ownersExtra = listed.filter((t) => !expected.owners.includes(t));
    if (ownersMissing.length > 0) messages.push(message('impact-owners-missing', { teams: ownersMissing.map(teamLabel) }));
    if (ownersExtra.length > 0) messages.push(message('impact-owners-extra', { teams: ownersExtra.map(teamLabel) }));
  }
  const known = spec.knownWrong.find(
    (k) => k.feedback && k.source === answer.source && sameSet(k.affected, marked) && (!spec.owners || sameSet(k.owners, answer.owners)),
  );
  if (messages.length > 0 && known?.feedback) messages.push(message('known-mistake', { feedback: known.feedback }));
  return { pass: messages.length === 0, messages, expected: null, actual: null };
}
