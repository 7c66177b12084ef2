/**
 * Scaffolds a lesson folder in both languages (lesson.json, ko.md, en.md) that passes
 * `npm run lessons:check` as written: a read step, then a step of the kind asked for whose
 * reference solution runs on the chosen bundled database, with hints and a known-wrong answer.
 * Usage (every flag may be left out on a terminal, which then asks for it):
 *   npm run lesson:new -- --id t3-l9-returns --track t3 --title-ko "반품 세기" --title-en "Counting returns"
 *                         [--folder t3-kpi] [--database demo] [--kind query|choice|number|read] [--dir lessons]
 * Exit codes: 0 created, 2 refused (bad or taken id, unknown track, database or kind).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LESSON_FORMAT_VERSION } from '../core/lessons/schema.ts';
import { SEED_IDEAS, TRACK_IDS, type TrackId } from '../core/lessons/seed-ideas.ts';
import { IdSchema } from '../core/lessons/step-base.ts';
import { loadDatasets, loadSqlJs } from './lib/datasets.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The kinds of practice step the scaffold can write. */
export const SCAFFOLD_KINDS = ['query', 'choice', 'number', 'read'] as const;
/** A practice step kind. */
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

/** What the lesson is made from. */
export interface ScaffoldInput {
  id: string;
  track: TrackId;
  titleKo: string;
  titleEn: string;
  database: string;
  kind: ScaffoldKind;
  /** Position within the track: one after the last lesson of the track. */
  order: number;
  /** The table the example queries read, and its row count on the database. */
  table: string;
  rows: number;
}

/** A refusal the learner-author can act on; exit code 2. */
class Refusal extends Error {}

const localized = (ko: string, en: string) => ({ ko, en });

/** The lesson.json, ko.md and en.md of a new lesson. */
export function scaffoldFiles(input: ScaffoldInput): Record<'lesson.json' | 'ko.md' | 'en.md', string> {
  const { id, table, kind } = input;
  const seed = SEED_IDEAS.find((s) => s.track === input.track) ?? SEED_IDEAS[0]!;
  const objective = 'count-rows';
  const read = {
    kind: 'read',
    id: 'meet-the-table',
    title: localized(`${table} 테이블 살펴보기`, `Meet the ${table} table`),
    objectives: kind === 'read' ? [objective] : [],
  };
  const hints = [
    localized(
      '한 행이 무엇을 뜻하는지 먼저 생각해 보세요. 행을 세는 함수는 무엇일까요?',
      'First think about what one row means. Which function counts rows?',
    ),
    localized(`count(*)로 ${table}의 모든 행을 셉니다.`, `count(*) counts every row of ${table}.`),
  ];
  const practice: Record<Exclude<ScaffoldKind, 'read'>, object> = {
    query: {
      kind: 'query',
      id: 'count-rows',
      title: localized('행 세기', 'Count the rows'),
      objectives: [objective],
      prompt: localized(
        `${table} 테이블에 행이 몇 개 있는지 구하세요. 열 이름은 row_count로 하세요.`,
        `Count the rows of the ${table} table. Name the column row_count.`,
      ),
      starter: `SELECT *\nFROM ${table}\nLIMIT 5;`,
      hints: [
        ...hints,
        localized('SELECT count(*) AS row_count FROM … 형태입니다.', 'It has the shape SELECT count(*) AS row_count FROM ….'),
      ],
      solution: `SELECT count(*) AS row_count\nFROM ${table};`,
      // A wrong answer the checker must see fail, with the feedback the learner then gets.
      knownWrong: [
        {
          sql: `SELECT count(*) FROM ${table}`,
          expect: ['missing-columns', 'known-mistake'],
          feedback: localized(
            '열 이름이 없습니다. count(*) 뒤에 AS row_count를 붙이세요.',
            'The column has no name: put AS row_count after count(*).',
          ),
        },
      ],
      grading: { columns: ['row_count'] },
    },
    choice: {
      kind: 'choice',
      id: 'count-rows',
      title: localized('행을 세는 쿼리', 'The query that counts rows'),
      objectives: [objective],
      prompt: localized(`${table} 테이블의 행 수를 답하는 쿼리는 무엇인가요?`, `Which query answers "How many rows does ${table} have?"`),
      hints,
      choices: [
        { id: 'count-star', label: localized(`SELECT count(*) FROM ${table}`, `SELECT count(*) FROM ${table}`), correct: true },
        {
          id: 'limit-five',
          label: localized(`SELECT * FROM ${table} LIMIT 5`, `SELECT * FROM ${table} LIMIT 5`),
          correct: false,
          explanation: localized('처음 다섯 행을 보여 줄 뿐, 세지 않습니다.', 'That shows the first five rows; it counts nothing.'),
        },
      ],
      starter: `SELECT count(*) FROM ${table};`,
      knownWrong: [
        {
          choices: ['limit-five'],
          expect: ['known-mistake'],
          feedback: localized(
            'LIMIT 5는 보여 줄 행을 줄일 뿐입니다. 세려면 count(*)를 씁니다.',
            'LIMIT 5 only trims what is shown; to count, use count(*).',
          ),
        },
      ],
    },
    number: {
      kind: 'number',
      id: 'count-rows',
      title: localized('행 수', 'How many rows'),
      objectives: [objective],
      prompt: localized(`${table} 테이블에는 행이 몇 개 있나요?`, `How many rows does the ${table} table have?`),
      hints,
      starter: `SELECT *\nFROM ${table}\nLIMIT 5;`,
      solution: { sql: `SELECT count(*) FROM ${table}` },
      unit: localized('행', 'rows'),
      // The starter shows five rows: reading that as the answer is the mistake to name (only when it is wrong).
      knownWrong:
        input.rows === 5
          ? []
          : [
              {
                value: 5,
                expect: ['known-mistake'],
                feedback: localized(
                  '시작 쿼리가 LIMIT 5로 보여 준 행만 셌습니다. count(*)로 테이블 전체를 세세요.',
                  'That counts only the five rows the starter shows (LIMIT 5). Count the whole table with count(*).',
                ),
              },
            ],
    },
  };
  const lesson = {
    formatVersion: LESSON_FORMAT_VERSION,
    id,
    track: input.track,
    order: input.order,
    title: localized(input.titleKo, input.titleEn),
    minutes: 10,
    question: localized(
      `동료가 묻습니다. "${table} 테이블에는 기록이 몇 개나 있나요?"`,
      `A colleague asks: "How many records does the ${table} table hold?"`,
    ),
    objectives: [{ id: objective, text: localized('테이블의 행 수를 센다', 'Count the rows of a table'), seedIdeas: [seed.id] }],
    dataset: input.database,
    steps: kind === 'read' ? [read] : [read, practice[kind]],
  };
  const practiceId = kind === 'read' ? null : 'count-rows';
  const ko = [
    `${input.titleKo}: 이 레슨의 도입부입니다. 학습자가 무엇을 배우는지, 왜 중요한지 적으세요.`,
    '',
    '## step: meet-the-table',
    '',
    `\`${table}\` 테이블의 한 행이 무엇을 뜻하는지 설명하세요. 이 단계는 읽기만 하는 단계입니다.`,
    '',
    ...(practiceId ? [`## step: ${practiceId}`, '', '편집기에서 시작 쿼리를 실행해 데이터를 본 다음 답하세요.', ''] : []),
    '## recap',
    '',
    '- 행을 셀 때는 `count(*)`를 씁니다.',
    '',
  ].join('\n');
  const en = [
    `${input.titleEn}: the lesson's introduction. Say what the learner will learn and why it matters.`,
    '',
    '## step: meet-the-table',
    '',
    `Explain what one row of the \`${table}\` table means. This step is for reading only.`,
    '',
    ...(practiceId ? [`## step: ${practiceId}`, '', 'Run the starter query in the editor to see the data, then answer.', ''] : []),
    '## recap',
    '',
    '- To count rows, use `count(*)`.',
    '',
  ].join('\n');
  return { 'lesson.json': `${JSON.stringify(lesson, null, 2)}\n`, 'ko.md': ko, 'en.md': en };
}

/** Every lesson id and track order already used under a lessons/ root, by walking its lesson.json files. */
export function existingLessons(dir: string): { id: string; folder: string; track: string | null; order: number | null }[] {
  const found: { id: string; folder: string; track: string | null; order: number | null }[] = [];
  if (!existsSync(dir)) return found;
  for (const track of readdirSync(dir)) {
    const trackDir = join(dir, track);
    if (track.startsWith('.') || !statSync(trackDir).isDirectory()) continue;
    for (const lesson of readdirSync(trackDir)) {
      const folder = join(trackDir, lesson);
      if (!statSync(folder).isDirectory()) continue;
      let data: { id?: unknown; track?: unknown; order?: unknown } = {};
      try {
        data = JSON.parse(readFileSync(join(folder, 'lesson.json'), 'utf8')) as typeof data;
      } catch {
        // A folder without a readable lesson.json still takes its name.
      }
      found.push({
        id: typeof data.id === 'string' ? data.id : lesson,
        folder,
        track: typeof data.track === 'string' ? data.track : null,
        order: typeof data.order === 'number' ? data.order : null,
      });
      if (typeof data.id === 'string' && data.id !== lesson) found.push({ id: lesson, folder, track: null, order: null });
    }
  }
  return found;
}

/** Why an id cannot be used, or null. */
export function idProblem(id: string, taken: ReturnType<typeof existingLessons>, dir: string): string | null {
  if (!IdSchema.safeParse(id).success)
    return `'${id}' is not a lesson id: use lowercase letters and digits joined by single dashes, e.g. t3-l9-returns`;
  const clash = taken.find((l) => l.id === id);
  if (clash) return `a lesson with the id '${id}' already exists: ${relative(process.cwd(), clash.folder) || dir}`;
  return null;
}

/** The table the examples read: a familiar one when the database has it, else its first table. */
function pickTable(tables: readonly string[]): string | null {
  for (const name of ['orders', 'customers', 'fact_orders', 'dim_customers']) if (tables.includes(name)) return name;
  return tables[0] ?? null;
}

async function ask(question: string, fallback?: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(fallback ? `${question} [${fallback}]: ` : `${question}: `)).trim();
    return answer || fallback || '';
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      id: { type: 'string' },
      track: { type: 'string' },
      folder: { type: 'string' },
      'title-ko': { type: 'string' },
      'title-en': { type: 'string' },
      database: { type: 'string' },
      kind: { type: 'string' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  const interactive = process.stdin.isTTY === true;
  const need = async (value: string | undefined, flag: string, question: string, fallback?: string): Promise<string> => {
    if (value !== undefined) return value;
    if (interactive) return ask(question, fallback);
    if (fallback !== undefined) return fallback;
    throw new Refusal(`--${flag} is missing (no terminal to ask on)`);
  };
  const dir = resolve(values.dir ?? join(ROOT, 'lessons'));
  // The course's own lessons count too: a lesson written elsewhere (a class pack's folder) still meets them in the app.
  const course = join(ROOT, 'lessons');
  const taken = [...existingLessons(dir), ...(resolve(course) === dir ? [] : existingLessons(course))];

  const id = await need(values.id, 'id', 'Lesson id (e.g. t3-l9-returns)');
  const bad = idProblem(id, taken, dir);
  if (bad) throw new Refusal(bad);

  const trackGuess = /^(t\d)/.exec(id)?.[1] ?? (values.folder ? /^(t\d|cautions)/.exec(values.folder)?.[1] : undefined);
  const track = await need(values.track, 'track', `Track (${TRACK_IDS.join(', ')})`, trackGuess);
  if (!(TRACK_IDS as readonly string[]).includes(track)) throw new Refusal(`unknown track '${track}': use one of ${TRACK_IDS.join(', ')}`);
  const existingFolder = existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .find((f) => f === track || f.startsWith(`${track}-`))
    : undefined;
  const folder = await need(values.folder, 'folder', 'Track folder', existingFolder ?? track);
  if (!/^_?[a-z0-9]+(?:-[a-z0-9]+)*$/.test(folder))
    throw new Refusal(`'${folder}' is not a track folder name: lowercase words joined by dashes`);
  if (!folder.startsWith('_') && folder !== track && !folder.startsWith(`${track}-`))
    throw new Refusal(
      `the folder '${folder}' does not belong to track '${track}': name it ${track} or ${track}-…, or start it with _ for a draft`,
    );

  const titleKo = await need(values['title-ko'], 'title-ko', '한국어 제목 (Korean title)');
  const titleEn = await need(values['title-en'], 'title-en', 'English title');
  if (!titleKo.trim() || !titleEn.trim()) throw new Refusal('a lesson needs a title in Korean and in English (--title-ko, --title-en)');

  const kind = await need(values.kind, 'kind', `Practice step kind (${SCAFFOLD_KINDS.join(', ')})`, 'query');
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind))
    throw new Refusal(`unknown kind '${kind}': use one of ${SCAFFOLD_KINDS.join(', ')}`);

  const datasets = await loadDatasets(ROOT);
  const database = await need(values.database, 'database', `Database (${datasets.ids.join(', ')})`, 'demo');
  const bytes = datasets.ids.includes(database) ? datasets.provider.bytes(database, 'visible') : null;
  if (!bytes) throw new Refusal(`unknown database '${database}': use one of ${datasets.ids.join(', ')}`);
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  let table: string | null;
  let rows = 0;
  try {
    const names =
      db
        .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]
        ?.values.map((v) => String(v[0])) ?? [];
    table = pickTable(names);
    if (table) rows = Number(db.exec(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)[0]?.values[0]?.[0] ?? 0);
  } finally {
    db.close();
  }
  if (!table) throw new Refusal(`the database '${database}' has no tables to write a query on`);

  const orders = taken.filter((l) => l.track === track && l.order !== null).map((l) => l.order as number);
  const order = orders.length > 0 ? Math.max(...orders) + 1 : 1;
  const files = scaffoldFiles({ id, track: track as TrackId, titleKo, titleEn, database, kind: kind as ScaffoldKind, order, table, rows });
  const target = join(dir, folder, id);
  if (existsSync(target)) throw new Refusal(`${relative(process.cwd(), target)} already exists`);
  mkdirSync(target, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);

  const shown = relative(process.cwd(), target) || '.';
  console.log(`Created ${shown}/ (track ${track}, order ${order}, database ${database}, table ${table}):`);
  console.log(
    kind === 'read'
      ? `  ${shown}/lesson.json   the lesson's question, objective and its read step`
      : `  ${shown}/lesson.json   steps, hints, the reference solution and a known-wrong answer`,
  );
  console.log(`  ${shown}/ko.md         Korean prose: intro, one "## step: <id>" section per step, "## recap"`);
  console.log(`  ${shown}/en.md         the same in English`);
  console.log('');
  console.log('What to edit next:');
  console.log("  1. lesson.json: the colleague's question, the objective and its seed idea (core/lessons/seed-ideas.ts), the minutes;");
  console.log('     then the steps: prompt (name every required column), starter, hints (a nudge first, near-solution last),');
  console.log('     solution, and knownWrong (a wrong answer the checker must see fail, with the feedback the learner gets).');
  console.log('  2. ko.md and en.md: the intro, one section per step (same ids, same order), and the recap.');
  console.log(`  3. Check it: npm run lessons:check -- ${shown}`);
  console.log('  4. Watch it while you edit: in the app, "Open lesson folder (author mode)…" in the command palette (Ctrl+K).');
}

// Run only as a command, so tests can import scaffoldFiles and idProblem.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main().catch((error: unknown) => {
    console.error(`lesson:new: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof Refusal ? 2 : 1;
  });
