import type { Lang } from '../lessons/localized.ts';

/**
 * Why a class pack was refused: a code for tests and tools, the file it concerns, and a message
 * in Korean and English that names that file. Nothing of a refused pack is installed.
 */

/** Every reason a pack can be refused. */
export const REFUSAL_CODES = [
  'not-zip',
  'bad-zip',
  'too-many-files',
  'file-too-large',
  'zip-bomb',
  'path-escape',
  'symlink',
  'code-file',
  'unexpected-file',
  'missing-manifest',
  'bad-manifest',
  'lesson-missing',
  'one-language',
  'lesson-invalid',
  'step-kind',
  'solution-fails',
  'dataset-missing',
  'dataset-mismatch',
  'id-taken',
] as const;

/** A refusal reason code. */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** One reason a pack was refused. */
export interface Refusal {
  code: RefusalCode;
  /** The path inside the pack it concerns ('' for the pack as a whole). */
  file: string;
  /** Details in English from the checker (a schema issue, the grader's message); shown after the sentence. */
  detail?: string;
  /** Numbers and names the sentence uses. */
  params?: Record<string, string | number>;
}

const MB = (n: number | string | undefined) => `${(Number(n ?? 0) / (1024 * 1024)).toFixed(1)} MB`;

type Sentence = (r: Refusal) => string;

const SENTENCES: Record<RefusalCode, Record<Lang, Sentence>> = {
  'not-zip': {
    en: (r) => `${r.file || 'The file'} is not a zip file, so it is not a class pack.`,
    ko: (r) => `${r.file || '이 파일'}은(는) zip 파일이 아니므로 수업 팩이 아닙니다.`,
  },
  'bad-zip': {
    en: (r) => `${r.file || 'The zip'} is damaged or uses a zip feature packs may not use (encryption, zip64, other compression).`,
    ko: (r) => `${r.file || 'zip 파일'}이(가) 손상되었거나 팩에 쓸 수 없는 zip 기능(암호화, zip64, 다른 압축 방식)을 씁니다.`,
  },
  'too-many-files': {
    en: (r) => `The pack holds ${r.params?.count} files; a pack may hold at most ${r.params?.limit}.`,
    ko: (r) => `팩에 파일이 ${r.params?.count}개 있습니다. 팩에는 최대 ${r.params?.limit}개까지 넣을 수 있습니다.`,
  },
  'file-too-large': {
    en: (r) => `${r.file} is ${MB(r.params?.size)}; a file in a pack may be at most ${MB(r.params?.limit)}.`,
    ko: (r) => `${r.file}의 크기가 ${MB(r.params?.size)}입니다. 팩 안의 파일은 최대 ${MB(r.params?.limit)}까지 허용됩니다.`,
  },
  'zip-bomb': {
    en: (r) =>
      r.params?.why === 'ratio'
        ? `${r.file} would unpack to ${r.params?.ratio} times its packed size (a zip bomb); at most ${r.params?.limit} times is allowed.`
        : r.params?.why === 'total'
          ? `The pack would unpack to ${MB(r.params?.size)} in all (a zip bomb); at most ${MB(r.params?.limit)} is allowed.`
          : `${r.file} unpacks to more than the size its zip header declares (a zip bomb).`,
    ko: (r) =>
      r.params?.why === 'ratio'
        ? `${r.file}은(는) 압축된 크기의 ${r.params?.ratio}배로 풀립니다(zip 폭탄). 최대 ${r.params?.limit}배까지 허용됩니다.`
        : r.params?.why === 'total'
          ? `팩을 풀면 모두 ${MB(r.params?.size)}가 됩니다(zip 폭탄). 최대 ${MB(r.params?.limit)}까지 허용됩니다.`
          : `${r.file}은(는) zip 헤더에 적힌 크기보다 크게 풀립니다(zip 폭탄).`,
  },
  'path-escape': {
    en: (r) => `${r.file} points outside the pack's folder (.., an absolute path or a backslash); packs keep every file inside.`,
    ko: (r) => `${r.file}의 경로가 팩 폴더 밖을 가리킵니다(.., 절대 경로, 역슬래시). 팩의 모든 파일은 폴더 안에 있어야 합니다.`,
  },
  symlink: {
    en: (r) => `${r.file} is a symbolic link; packs hold only ordinary files.`,
    ko: (r) => `${r.file}은(는) 심볼릭 링크입니다. 팩에는 일반 파일만 넣을 수 있습니다.`,
  },
  'code-file': {
    en: (r) => `${r.file} is code or a program; class packs contain data and SQL only.`,
    ko: (r) => `${r.file}은(는) 코드나 실행 파일입니다. 수업 팩에는 데이터와 SQL만 넣을 수 있습니다.`,
  },
  'unexpected-file': {
    en: (r) =>
      `${r.file} has no place in a pack: it holds pack.yaml (or pack.json), welcome.ko.md and welcome.en.md, lesson folders (lesson.json, ko.md, en.md) and datasets/ (CSV, JSON lines, SQLite).`,
    ko: (r) =>
      `${r.file}은(는) 팩에 들어갈 수 없는 파일입니다. 팩에는 pack.yaml(또는 pack.json), welcome.ko.md, welcome.en.md, 레슨 폴더(lesson.json, ko.md, en.md), datasets/(CSV, JSON lines, SQLite)만 들어갑니다.`,
  },
  'missing-manifest': {
    en: () => 'The pack has no pack.yaml or pack.json at its top level.',
    ko: () => '팩의 최상위에 pack.yaml이나 pack.json이 없습니다.',
  },
  'bad-manifest': {
    en: (r) => `${r.file} does not follow the class pack format.`,
    ko: (r) => `${r.file}이(가) 수업 팩 형식에 맞지 않습니다.`,
  },
  'lesson-missing': {
    en: (r) => `${r.file} lists the lesson '${r.params?.lesson}', but the pack has no folder ${r.params?.lesson}/ with its files.`,
    ko: (r) => `${r.file}에 레슨 '${r.params?.lesson}'이(가) 있지만 팩에 그 파일이 든 ${r.params?.lesson}/ 폴더가 없습니다.`,
  },
  'one-language': {
    en: (r) => `${r.file} is missing: every lesson ships in Korean and English.`,
    ko: (r) => `${r.file}이(가) 없습니다. 모든 레슨은 한국어와 영어로 함께 제공되어야 합니다.`,
  },
  'lesson-invalid': {
    en: (r) => `${r.file} is not a valid lesson.`,
    ko: (r) => `${r.file}은(는) 올바른 레슨이 아닙니다.`,
  },
  'step-kind': {
    en: (r) => `${r.file}: the step '${r.params?.step}' is of kind '${r.params?.kind}'; pack lessons may use only ${r.params?.allowed}.`,
    ko: (r) => `${r.file}: 단계 '${r.params?.step}'의 종류가 '${r.params?.kind}'입니다. 팩의 레슨에는 ${r.params?.allowed} 단계만 쓸 수 있습니다.`,
  },
  'solution-fails': {
    en: (r) => `${r.file}: the reference solution of the step '${r.params?.step}' does not pass its own check.`,
    ko: (r) => `${r.file}: 단계 '${r.params?.step}'의 모범 답안이 자체 채점을 통과하지 못합니다.`,
  },
  'dataset-missing': {
    en: (r) => `${r.file} uses the dataset '${r.params?.dataset}', which is neither in the pack nor built into the app.`,
    ko: (r) => `${r.file}이(가) 쓰는 데이터셋 '${r.params?.dataset}'이(가) 팩에도 앱에도 없습니다.`,
  },
  'dataset-mismatch': {
    en: (r) => `${r.file} is not what its name claims: it is not a valid ${r.params?.format} file.`,
    ko: (r) => `${r.file}은(는) 이름과 내용이 다릅니다. 올바른 ${r.params?.format} 파일이 아닙니다.`,
  },
  'id-taken': {
    en: (r) => `${r.file}: the id '${r.params?.id}' is already used by ${r.params?.by}.`,
    ko: (r) => `${r.file}: id '${r.params?.id}'은(는) 이미 ${r.params?.by}에서 쓰고 있습니다.`,
  },
};

/** The refusal as one sentence in the language, with the checker's detail after it. */
export function formatRefusal(refusal: Refusal, lang: Lang): string {
  const sentence = SENTENCES[refusal.code][lang](refusal);
  return refusal.detail ? `${sentence} (${refusal.detail})` : sentence;
}
