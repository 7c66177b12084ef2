/**
 * Finds the line of a problem in a lesson's files, so the checker and author mode can say
 * `lessons/t0/x/lesson.json:42: …` instead of naming only the lesson. lesson.json is scanned for
 * the path a problem names; the prose files with the same heading rules as markdown.ts.
 */

/** One problem of a lesson folder, with the file (within the folder) and 1-based line it concerns, when known. */
export interface LocatedProblem {
  /** `lesson.json`, `ko.md`, `en.md`; null when the problem concerns the folder itself. */
  file: string | null;
  /** 1-based; null when the file is missing or the place cannot be told. */
  line: number | null;
  message: string;
}

/** A path into lesson.json, as zod issues give it. */
export type JsonPath = readonly PropertyKey[];

/** Line numbers of the nodes of one JSON text. */
export interface JsonLines {
  /** The line of the value at `path`, or of its nearest ancestor present in the file; null for an empty text. */
  lineOf(path: JsonPath): number | null;
  /** The line of the key `key` of the object at `path` (for unknown keys); falls back to the object's line. */
  keyLine(path: JsonPath, key: string): number | null;
}

/**
 * Finds paths in a JSON text by scanning it once per question, skipping every value off the path,
 * so a lesson of 100,000 steps costs one pass (a full parse to a tree with positions did not).
 * The text is assumed to be valid JSON (it is asked only after JSON.parse accepted it).
 */
export function jsonLines(text: string): JsonLines {
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line += 1;
    return line;
  };
  let i = 0;
  const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  const ws = (): void => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  };
  const skipString = (): void => {
    i += 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i += 1;
        return;
      } else i += 1;
    }
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth += 1;
        else if (d === '}' || d === ']') {
          depth -= 1;
          if (depth === 0) {
            i += 1;
            return;
          }
        }
        i += 1;
      }
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i += 1;
  };
  /** Offset of the value at the longest present prefix of `path`, and the offsets of that value's keys when asked. */
  const find = (path: JsonPath, key?: string): { value: number; key: number | null } => {
    i = 0;
    ws();
    let found = i;
    for (let k = 0; k < path.length; k++) {
      const want = path[k];
      const c = text[i];
      let descended = false;
      if (c === '{') {
        i += 1;
        for (;;) {
          ws();
          if (text[i] !== '"') break;
          const name = readString();
          ws();
          i += 1; // ':'
          ws();
          if (name === String(want)) {
            descended = true;
            break;
          }
          skipValue();
          ws();
          if (text[i] === ',') i += 1;
        }
      } else if (c === '[') {
        i += 1;
        for (let n = 0; ; n++) {
          ws();
          if (text[i] === ']' || i >= text.length) break;
          if (n === want) {
            descended = true;
            break;
          }
          skipValue();
          ws();
          if (text[i] === ',') i += 1;
        }
      }
      if (!descended) {
        i = found;
        break;
      }
      found = i;
    }
    if (key === undefined || text[found] !== '{') return { value: found, key: null };
    i = found + 1;
    for (;;) {
      ws();
      if (text[i] !== '"') return { value: found, key: null };
      const at = i;
      if (readString() === key) return { value: found, key: at };
      ws();
      i += 1;
      skipValue();
      ws();
      if (text[i] === ',') i += 1;
    }
  };
  /** An object is pointed at by its first key, since pretty-printed JSON puts its `{` alone on the line before. */
  const shown = (offset: number): number => {
    if (text[offset] !== '{') return offset;
    i = offset + 1;
    ws();
    return text[i] === '"' ? i : offset;
  };
  return {
    lineOf(path) {
      if (text.trim() === '') return null;
      return lineAt(shown(find(path).value));
    },
    keyLine(path, key) {
      if (text.trim() === '') return null;
      const at = find(path, key);
      return lineAt(at.key ?? shown(at.value));
    },
  };
}

/** The 1-based line a JSON.parse error points at (V8 says "at position N" and often "(line L column C)"). */
export function jsonErrorLine(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const explicit = /\(line (\d+) column \d+\)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const position = /at position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  // "Unexpected end of JSON input": the end of the file.
  if (/end of (JSON )?input/i.test(message)) return text.split('\n').length;
  return null;
}

/** A `## …` section heading of a prose file, outside code fences. */
export interface ProseHeading {
  line: number;
  kind: 'step' | 'recap' | 'other';
  /** The step id of a `## step:` heading. */
  id: string;
}

const STEP_HEADING = /^##\s+step:\s*(\S+)\s*$/;
const RECAP_HEADING = /^##\s+recap\s*$/i;

/** Every level-2 heading of a prose file with its line, by the rules of markdown.ts (fenced blocks skipped). */
export function proseHeadings(markdown: string): ProseHeading[] {
  const headings: ProseHeading[] = [];
  let fence: string | null = null;
  markdown
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, index) => {
      const mark = /^\s*(```|~~~)/.exec(text)?.[1];
      if (mark) {
        if (fence === null) fence = mark;
        else if (fence === mark) fence = null;
        return;
      }
      if (fence !== null) return;
      const step = STEP_HEADING.exec(text);
      if (step) headings.push({ line: index + 1, kind: 'step', id: step[1] as string });
      else if (RECAP_HEADING.test(text)) headings.push({ line: index + 1, kind: 'recap', id: '' });
      else if (/^##\s/.test(text)) headings.push({ line: index + 1, kind: 'other', id: '' });
    });
  return headings;
}

/** The line of one of parseProse's problems in its file (see markdown.ts for the messages). */
export function proseProblemLine(markdown: string, problem: string): number | null {
  const explicit = /^line (\d+):/.exec(problem);
  if (explicit) return Number(explicit[1]);
  const headings = proseHeadings(markdown);
  const recaps = headings.filter((h) => h.kind === 'recap');
  if (problem.startsWith('the intro')) return 1;
  if (problem.startsWith('there is no "## recap"')) return markdown.replace(/\r?\n$/, '').split(/\r?\n/).length;
  if (problem.startsWith('there is more than one')) return recaps[1]?.line ?? null;
  if (problem.startsWith('"## recap" must be the last')) {
    const recap = recaps[0];
    return headings.find((h) => recap && h.line > recap.line)?.line ?? recap?.line ?? null;
  }
  if (problem.startsWith('the recap is empty')) return recaps[0]?.line ?? null;
  const twice = /^"## step: (\S+)" appears twice/.exec(problem);
  if (twice) return headings.filter((h) => h.kind === 'step' && h.id === twice[1])[1]?.line ?? null;
  return null;
}

/** The line of the `## step: <id>` heading, or null. */
export function stepHeadingLine(markdown: string, stepId: string): number | null {
  return proseHeadings(markdown).find((h) => h.kind === 'step' && h.id === stepId)?.line ?? null;
}

/**
 * Where a missing `## step: <id>` section belongs: just after the section of the step before it
 * (at the next heading), else at the first heading; the end of the file when there is none.
 */
export function missingSectionLine(markdown: string, stepIds: readonly string[], missingId: string): number {
  const headings = proseHeadings(markdown);
  const index = stepIds.indexOf(missingId);
  for (let i = index - 1; i >= 0; i--) {
    const before = headings.findIndex((h) => h.kind === 'step' && h.id === stepIds[i]);
    if (before >= 0) return headings[before + 1]?.line ?? headings[before]!.line;
  }
  return headings[0]?.line ?? Math.max(1, markdown.split(/\r?\n/).length);
}

/**
 * The field of a step a checker message is about, from the message's wording (the messages of
 * check.ts and of the step kinds' definition checks): the solution, the starter, the Nth
 * known-wrong answer, a prompt, the hints, the grading options; [] for the step as a whole.
 */
export function stepFieldOf(message: string): JsonPath {
  const wrong = /^known-wrong answer (\d+)/.exec(message);
  if (wrong) return ['knownWrong', Number(wrong[1]) - 1];
  if (/^the reference|solution/i.test(message)) return ['solution'];
  if (/^the starter|starter/i.test(message)) return ['starter'];
  const prompt = /^the (ko|en) prompt/.exec(message);
  if (prompt) return ['prompt', prompt[1] as string];
  if (/^grading\.(\w+)/.test(message)) return ['grading', /^grading\.(\w+)/.exec(message)![1] as string];
  if (/\bhints?\b/i.test(message)) return ['hints'];
  if (/\bchoices?\b/i.test(message)) return ['choices'];
  return [];
}

/**
 * Formats a located problem the way editors and terminals make clickable: `path:line: message`
 * (`path: message` without a line). A message that starts by naming its own file (`lesson.json
 * steps.1…`, `ko.md: …`, as the loader's reasons do) drops that name, which the path already gives.
 */
export function formatLocated(path: string, line: number | null, message: string): string {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const rest = name !== '' && message.startsWith(name) ? message.slice(name.length) : null;
  // Only `ko.md: …` and `lesson.json steps.1.hints: …`; `ko.md has no …` reads as a sentence and stays whole.
  const own = rest !== null && /^(:\s+|\s+(?=[\w.]+:\s))/.test(rest) ? rest.replace(/^:?\s+/, '') : message;
  // The prose parser's own "line N: " prefix says what the location already says.
  const bare = line === null ? own : own.replace(new RegExp(`^line ${line}: `), '');
  return line === null ? `${path}: ${bare}` : `${path}:${line}: ${bare}`;
}
