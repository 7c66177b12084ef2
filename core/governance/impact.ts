import type { Lang, Localized } from '../lessons/localized.ts';
import { LINEAGE_TEAMS } from './lineage-inputs.ts';
import type { Impact, LineageGraph, LineageNode, LineageNodeKind } from './types.ts';

/*
 * What a broken source affects: everything downstream of it on the lineage graph, nearest first,
 * each with one shortest path from the source, and the owner teams to tell with their nodes; and
 * the message the learner could send each of them (what broke, since when, what of theirs is
 * affected, what to do meanwhile), in natural Korean (합니다체) and English. Pure: no parser.
 */

/**
 * Everything downstream of `source` (breadth first: nearest first, ties in edge order), each with a
 * shortest path from the source, and the owners of the source and of the affected nodes (teams in
 * order of their nearest node; objects without an owner, the learner's own, are left out). A source
 * that is not on the graph affects nothing.
 */
export function impactOf(graph: LineageGraph, source: string): Impact {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (!byId.has(source)) return { source, affected: [], owners: [] };
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.from) ?? [];
    list.push(e.to);
    out.set(e.from, list);
  }
  const parent = new Map<string, string | null>([[source, null]]);
  const depth = new Map<string, number>([[source, 0]]);
  const queue = [source];
  const affected: Impact['affected'] = [];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const next of out.get(node) ?? []) {
      // Visited once: a diamond is reached by its shorter side, a cycle cannot loop.
      if (parent.has(next)) continue;
      parent.set(next, node);
      depth.set(next, (depth.get(node) ?? 0) + 1);
      queue.push(next);
      const path: string[] = [];
      for (let at: string | null = next; at !== null; at = parent.get(at) ?? null) path.unshift(at);
      affected.push({ node: next, depth: depth.get(next) ?? 1, path });
    }
  }
  const owners: Impact['owners'] = [];
  for (const id of [source, ...affected.map((a) => a.node)]) {
    const team = byId.get(id)?.owner;
    if (!team) continue;
    const entry = owners.find((o) => o.team === team);
    if (entry) entry.nodes.push(id);
    else owners.push({ team, nodes: [id] });
  }
  return { source, affected, owners };
}

/** Options of an impact message. */
export interface ImpactMessageOptions {
  /** The day the source broke (YYYY-MM-DD), when the check history knows it. */
  since?: string | null;
  /** What is wrong with the source, in a few words ('36 customers have no e-mail'). */
  problem?: Localized | null;
  /** Team names by id (default: the data dictionary's TEAMS). */
  teams?: Readonly<Record<string, Localized>>;
}

const KIND_ORDER: LineageNodeKind[] = ['lake-file', 'table', 'view', 'model', 'metric', 'tile'];

const KIND_WORDS: Record<LineageNodeKind, Localized> = {
  'lake-file': { ko: '레이크 파일', en: 'Lake files' },
  table: { ko: '테이블', en: 'Tables' },
  view: { ko: '뷰', en: 'Views' },
  model: { ko: '모델', en: 'Models' },
  metric: { ko: '지표', en: 'Metrics' },
  tile: { ko: '대시보드 타일', en: 'Dashboard tiles' },
};

/** A node's name as a message says it: its label, and its database for tables and views. */
export function nodeName(node: LineageNode | undefined, id: string, lang: Lang): string {
  if (!node) return id;
  return node.database && (node.kind === 'table' || node.kind === 'view') ? `${node.label[lang]} (${node.database})` : node.label[lang];
}

function teamName(team: string, lang: Lang, teams: Readonly<Record<string, Localized>>): string {
  return teams[team]?.[lang] ?? team;
}

function listByKind(ids: string[], byId: Map<string, LineageNode>, lang: Lang): string[] {
  const lines: string[] = [];
  for (const kind of KIND_ORDER) {
    const names = ids.filter((id) => byId.get(id)?.kind === kind).map((id) => nodeName(byId.get(id), id, lang));
    if (names.length > 0) lines.push(`- ${KIND_WORDS[kind][lang]}: ${names.join(', ')}`);
  }
  return lines;
}

function meanwhile(kinds: Set<LineageNodeKind>, lang: Lang, since: string | null): string[] {
  const out: string[] = [];
  const decisions = kinds.has('metric') || kinds.has('tile');
  const data = kinds.has('table') || kinds.has('view') || kinds.has('model') || kinds.has('lake-file');
  if (lang === 'ko') {
    if (decisions)
      out.push(
        `원인을 고칠 때까지 이 지표와 타일의 숫자로 결정을 내리지 마시고, 대시보드와 보고서에 '데이터 점검 중'이라고 표시해 주십시오.${since ? ` ${since} 이후의 값은 고친 뒤 다시 계산될 수 있습니다.` : ''}`,
      );
    if (data) out.push('이 데이터를 읽는 작업(보고서, 내보내기, 모델 빌드)은 고칠 때까지 멈추시거나 결과를 다시 확인해 주십시오.');
    out.push('고쳐지면 바로 다시 알려 드리겠습니다.');
  } else {
    if (decisions)
      out.push(
        `Until the cause is fixed, please do not make decisions on these metrics and tiles, and mark the dashboards and reports as "data under review".${since ? ` Values since ${since} may be recomputed once it is fixed.` : ''}`,
      );
    if (data) out.push('Please pause the jobs that read this data (reports, exports, model builds), or re-check their results, until it is fixed.');
    out.push('I will let you know as soon as it is fixed.');
  }
  return out;
}

/**
 * A message the learner could send about a broken source: to one owner team (`team`: what of
 * theirs is affected and how it is reached; to the source's own team, a request to look at it with
 * the teams waiting on it), or, without `team`, one note to every owner, their items team by team.
 */
export function impactMessage(impact: Impact, graph: LineageGraph, lang: Lang, team?: string, options: ImpactMessageOptions = {}): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const teams = options.teams ?? LINEAGE_TEAMS;
  const since = options.since ?? null;
  const source = nodeName(byId.get(impact.source), impact.source, lang);
  const problem = options.problem?.[lang] ?? null;
  const ko = lang === 'ko';
  const lines: string[] = [];
  const brokeLine = ko
    ? `${source}에 문제가 생겼습니다${since ? `(${since}부터)` : ''}.${problem ? ` ${problem}` : ''}`
    : `${source} is broken${since ? ` since ${since}` : ''}.${problem ? ` ${problem}` : ''}`;
  const affectedIds = impact.affected.map((a) => a.node);

  if (team === undefined) {
    lines.push(ko ? '안녕하십니까,' : 'Hello all,', '', brokeLine);
    if (affectedIds.length === 0) {
      lines.push(ko ? '이 데이터를 읽는 테이블, 지표, 대시보드는 없습니다.' : 'No table, metric or dashboard reads from it.');
      return lines.join('\n');
    }
    lines.push(ko ? '이 데이터를 거쳐 만들어지는 다음 항목이 영향을 받습니다.' : 'These are built from it and are affected:');
    for (const o of impact.owners) {
      const theirs = o.nodes.filter((n) => n !== impact.source);
      if (theirs.length === 0) continue;
      lines.push('', `${teamName(o.team, lang, teams)}:`, ...listByKind(theirs, byId, lang));
    }
    const unowned = affectedIds.filter((id) => !byId.get(id)?.owner);
    if (unowned.length > 0) lines.push('', ko ? '담당 팀이 없는 항목:' : 'With no owner team:', ...listByKind(unowned, byId, lang));
    lines.push('', ...meanwhile(new Set(affectedIds.map((id) => byId.get(id)?.kind ?? 'table')), lang, since));
    return lines.join('\n');
  }

  const name = teamName(team, lang, teams);
  const mine = (impact.owners.find((o) => o.team === team)?.nodes ?? []).filter((n) => n !== impact.source);
  const ownsSource = byId.get(impact.source)?.owner === team;
  lines.push(ko ? `${name} 담당자님께,` : `Hello ${name},`, '', brokeLine);
  if (ownsSource) {
    const others = impact.owners.filter((o) => o.team !== team).map((o) => teamName(o.team, lang, teams));
    lines.push(
      ko
        ? `${name}에서 담당하시는 데이터이므로 원인을 확인해 주시고, 언제 고쳐질지 알려 주시기 바랍니다.`
        : `Your team owns it: could you look into the cause and tell me when it will be fixed?`,
    );
    if (others.length > 0)
      lines.push(ko ? `이 데이터에 기대는 팀: ${others.join(', ')}. 고쳐지면 이 팀들에게도 알리겠습니다.` : `Teams relying on it: ${others.join(', ')}. I will tell them too once it is fixed.`);
  }
  if (mine.length > 0) {
    lines.push('', ko ? `${name}에서 관리하시는 다음 항목이 이 데이터를 거쳐 만들어지므로 영향을 받습니다.` : 'These items of your team are built from it and are affected:');
    lines.push(...listByKind(mine, byId, lang));
    const deepest = impact.affected.filter((a) => mine.includes(a.node)).sort((a, b) => b.depth - a.depth)[0];
    if (deepest) {
      const path = deepest.path.map((id) => nodeName(byId.get(id), id, lang)).join(' → ');
      lines.push('', ko ? `경로: ${path}` : `How it gets there: ${path}`);
    }
    lines.push('', ...meanwhile(new Set(mine.map((id) => byId.get(id)?.kind ?? 'table')), lang, since));
  } else if (!ownsSource) {
    lines.push(ko ? `${name}에서 관리하시는 항목 중 영향을 받는 것은 없습니다.` : 'None of your team’s items are affected.');
  }
  return lines.join('\n');
}
