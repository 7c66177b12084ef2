import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRefusal } from '../../../core/packs/refusals.ts';
import { PACK_LIMITS } from '../../../core/packs/validate.ts';
import { bytes, check, reasons, SAMPLE_ZIP, sampleFiles, text, withLesson, zipOf } from './pack-fixture.ts';

/** Every reason a class pack is refused, on hostile variants of the sample pack, and the sample itself accepted. */

describe('a good pack', () => {
  it('the built sample pack validates: its lesson, its CSV as a table, its title and welcome note', async () => {
    const result = await check(new Uint8Array(readFileSync(SAMPLE_ZIP)));
    if (!result.ok) throw new Error(JSON.stringify(result.refusals));
    const { pack } = result;
    expect(pack.manifest.id).toBe('cafe-workshop');
    expect(pack.title).toEqual({ ko: '카페 워크숍', en: 'Café workshop' });
    expect(pack.welcome.en).toContain('Welcome to the café workshop');
    expect(pack.lessons.map((l) => l.id)).toEqual(['cafe-first-query']);
    expect(pack.datasets).toHaveLength(1);
    expect(pack.datasets[0]!.tables).toEqual(['orders']);
    // The CSV became a SQLite database.
    expect(text(pack.datasets[0]!.bytes.subarray(0, 15))).toBe('SQLite format 3');
  });

  it('a pack without a title or welcome note gets defaults naming the pack', async () => {
    const files = sampleFiles();
    files.delete('welcome.ko.md');
    files.delete('welcome.en.md');
    files.set('pack.yaml', bytes(text(files.get('pack.yaml')!).replace(/title:\n {2}ko: .*\n {2}en: .*\n/, '')));
    const result = await check(zipOf(files));
    if (!result.ok) throw new Error(JSON.stringify(result.refusals));
    expect(result.pack.title).toEqual({ ko: '수업 팩: Cafe workshop', en: 'Class pack: Cafe workshop' });
    expect(result.pack.welcome.ko).toContain('레슨 1개');
    expect(result.pack.welcome.en).toContain('holds 1 lesson');
  });

  it('a zip of the folder itself (one top folder around everything) is read the same', async () => {
    const files = new Map([...sampleFiles()].map(([p, b]) => [`cafe-workshop/${p}`, b]));
    expect((await check(zipOf(files))).ok).toBe(true);
  });
});

describe('refused packs', () => {
  it('not a zip at all', async () => {
    expect(reasons(await check(bytes('just some text, not a zip file at all')))).toEqual([{ code: 'not-zip', file: '' }]);
  });

  it('bad schema: a manifest without a version, with an id that is not an id', async () => {
    const files = sampleFiles();
    files.set('pack.yaml', bytes('id: Café Workshop!\nlessons: [cafe-first-query]\n'));
    const result = await check(zipOf(files));
    expect(reasons(result)).toEqual([{ code: 'bad-manifest', file: 'pack.yaml' }]);
    expect(!result.ok && result.refusals[0]!.detail).toMatch(/id: .*version/s);
  });

  it('no manifest', async () => {
    const files = sampleFiles();
    files.delete('pack.yaml');
    expect(reasons(await check(zipOf(files)))).toEqual([{ code: 'missing-manifest', file: '' }]);
  });

  it('paths escaping the folder: .., absolute, backslashes', async () => {
    for (const name of ['../escape.csv', '/etc/cron.d/x', 'cafe-first-query\\..\\..\\x.md', 'datasets/../../up.csv']) {
      expect(reasons(await check(zipOf(sampleFiles(), { [name]: bytes('a\n1\n') })))).toContainEqual({ code: 'path-escape', file: name });
    }
  });

  it('a symbolic link entry', async () => {
    const zip = zipOf(sampleFiles(), { 'datasets/link.csv': [bytes('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(reasons(await check(zip))).toEqual([{ code: 'symlink', file: 'datasets/link.csv' }]);
  });

  it('a zip bomb by ratio: a 4 MB file packed into a few kilobytes is refused before it is inflated', async () => {
    const zip = zipOf(sampleFiles(), { 'datasets/zeros.csv': new Uint8Array(4 * 1024 * 1024) });
    const result = await check(zip);
    expect(reasons(result)).toEqual([{ code: 'zip-bomb', file: 'datasets/zeros.csv' }]);
    expect(formatRefusal(!result.ok ? result.refusals[0]! : ({} as never), 'en')).toMatch(/would unpack to \d+ times/);
  });

  it('a zip bomb by total size', async () => {
    const result = await check(zipOf(sampleFiles()), { limits: { maxTotalBytes: 2000 } });
    expect(reasons(result)).toEqual([{ code: 'zip-bomb', file: '' }]);
  });

  it('a zip bomb lying about its size: inflating stops at the declared size', async () => {
    const zip = zipOf(sampleFiles(), { 'datasets/liar.csv': bytes('a\n'.repeat(5000)) });
    // Patch the central directory's uncompressed size of the entry to 100 bytes.
    const name = bytes('datasets/liar.csv');
    for (let at = 0; at < zip.length - 46; at++) {
      if (zip[at] === 0x50 && zip[at + 1] === 0x4b && zip[at + 2] === 1 && zip[at + 3] === 2) {
        const len = zip[at + 28]! | (zip[at + 29]! << 8);
        if (len === name.length && zip.subarray(at + 46, at + 46 + len).every((b, i) => b === name[i])) new DataView(zip.buffer).setUint32(at + 24, 100, true);
      }
    }
    expect(reasons(await check(zip))).toEqual([{ code: 'zip-bomb', file: 'datasets/liar.csv' }]);
  });

  it('a huge file, by the size its header declares (nothing is inflated)', async () => {
    const zip = zipOf(sampleFiles(), { 'datasets/huge.csv': bytes('x') });
    const name = bytes('datasets/huge.csv');
    for (let at = 0; at < zip.length - 46; at++) {
      if (zip[at] === 0x50 && zip[at + 1] === 0x4b && zip[at + 2] === 1 && zip[at + 3] === 2 && zip.subarray(at + 46, at + 46 + name.length).every((b, i) => b === name[i]))
        new DataView(zip.buffer).setUint32(at + 24, PACK_LIMITS.maxFileBytes + 1, true);
    }
    const result = await check(zip);
    expect(reasons(result)).toContainEqual({ code: 'file-too-large', file: 'datasets/huge.csv' });
    expect(!result.ok && formatRefusal(result.refusals.find((r) => r.code === 'file-too-large')!, 'ko')).toContain('datasets/huge.csv의 크기가 64.0 MB');
  });

  it('too many files', async () => {
    const extra = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`datasets/d${i}.csv`, bytes('a\n1\n')]));
    expect(reasons(await check(zipOf(sampleFiles(), extra), { limits: { maxFiles: 10 } }))).toEqual([{ code: 'too-many-files', file: '' }]);
  });

  it('code of any kind: scripts, pages, WebAssembly, and a program hiding behind a data name', async () => {
    for (const [name, content] of [
      ['cafe-first-query/helper.js', bytes('alert(1)')],
      ['welcome.html', bytes('<script>alert(1)</script>')],
      ['datasets/engine.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])],
      ['datasets/payload.csv', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ] as const) {
      expect(reasons(await check(zipOf(sampleFiles(), { [name]: content })))).toEqual([{ code: 'code-file', file: name }]);
    }
  });

  it('a file that has no place in a pack', async () => {
    expect(reasons(await check(zipOf(sampleFiles(), { 'notes.txt': bytes('todo') })))).toEqual([{ code: 'unexpected-file', file: 'notes.txt' }]);
  });

  it('a lesson whose reference solution fails', async () => {
    const files = withLesson(sampleFiles(), (l) => {
      l.steps[0]!.solution = 'SELECT drink, count(*) AS orders FROM no_such_table GROUP BY drink ORDER BY orders DESC, drink';
    });
    const result = await check(zipOf(files));
    expect(reasons(result)).toContainEqual({ code: 'solution-fails', file: 'cafe-first-query/lesson.json' });
    expect(!result.ok && result.refusals[0]!.detail).toMatch(/no such table/);
  });

  it('a lesson with only one language', async () => {
    const files = sampleFiles();
    files.delete('cafe-first-query/en.md');
    const result = await check(zipOf(files));
    expect(reasons(result)).toEqual([{ code: 'one-language', file: 'cafe-first-query/en.md' }]);
    expect(!result.ok && formatRefusal(result.refusals[0]!, 'ko')).toBe('cafe-first-query/en.md이(가) 없습니다. 모든 레슨은 한국어와 영어로 함께 제공되어야 합니다.');
  });

  it('a lesson with a step kind packs may not use (or one that does not exist)', async () => {
    for (const kind of ['pipeline', 'run-script']) {
      const files = withLesson(sampleFiles(), (l) => {
        l.steps[0]!.kind = kind;
      });
      expect(reasons(await check(zipOf(files)))).toEqual([{ code: 'step-kind', file: 'cafe-first-query/lesson.json' }]);
    }
  });

  it('a lesson that does not follow the lesson format', async () => {
    const files = withLesson(sampleFiles(), (l) => {
      delete l.title;
    });
    expect(reasons(await check(zipOf(files)))).toEqual([{ code: 'lesson-invalid', file: 'cafe-first-query/' }]);
  });

  it('a lesson listed in the manifest without its folder', async () => {
    const files = sampleFiles();
    files.set('pack.yaml', bytes(text(files.get('pack.yaml')!).replace('  - cafe-first-query\n', '  - cafe-first-query\n  - cafe-second\n')));
    expect(reasons(await check(zipOf(files)))).toEqual([{ code: 'lesson-missing', file: 'pack.yaml' }]);
  });

  it('a lesson on a dataset that is neither in the pack nor built in', async () => {
    const files = withLesson(sampleFiles(), (l) => {
      l.dataset = 'nowhere';
    });
    expect(reasons(await check(zipOf(files)))).toEqual([{ code: 'dataset-missing', file: 'cafe-first-query/lesson.json' }]);
  });

  it('datasets that are not what they claim: a .sqlite that is not SQLite, a CSV that is binary, JSON lines that are not JSON', async () => {
    for (const [file, content] of [
      ['datasets/shop.sqlite', bytes('order_id,drink\n1,latte\n')],
      ['datasets/shop.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0xff])],
      ['datasets/shop.jsonl', bytes('{"a": 1}\nnot json\n')],
    ] as const) {
      const files = sampleFiles();
      files.set(file, content);
      files.set('pack.yaml', bytes(`${text(files.get('pack.yaml')!)}  - id: shop\n    file: ${file}\n`));
      const result = await check(zipOf(files));
      expect(reasons(result)).toEqual([{ code: 'dataset-mismatch', file }]);
    }
  });

  it('a dataset id the app already uses', async () => {
    const result = await check(zipOf(sampleFiles()), { builtin: { ids: ['cafe-orders'], provider: { bytes: () => null } } });
    expect(reasons(result)).toEqual([{ code: 'id-taken', file: 'pack.yaml' }]);
  });

  it('every refusal is worded in Korean and English and names its file', async () => {
    const { REFUSAL_CODES } = await import('../../../core/packs/refusals.ts');
    for (const code of REFUSAL_CODES) {
      const r = { code, file: 'datasets/x.csv', params: { lesson: 'l', step: 's', kind: 'k', allowed: 'a', dataset: 'd', format: 'CSV', id: 'i', by: 'b', count: 3, limit: 2, size: 9 } };
      const en = formatRefusal(r, 'en');
      const ko = formatRefusal(r, 'ko');
      expect(en).not.toBe(ko);
      expect(ko).toMatch(/[가-힣]/);
      if (!['too-many-files', 'missing-manifest'].includes(code)) {
        expect(en).toContain('datasets/x.csv');
        expect(ko).toContain('datasets/x.csv');
      }
    }
  });
});
