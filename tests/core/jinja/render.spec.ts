import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kwargs, parseTemplate, renderTemplate, TemplateError } from '../../../core/jinja/render.ts';

interface Golden {
  name: string;
  template: string;
  context: Record<string, unknown>;
  expected: string;
}

/** The same stand-ins as scripts/jinja-goldens.py: ref(name) and config(**kwargs). */
function dbtStandIns(): Record<string, unknown> {
  return {
    ref: (name: string) => `"main"."${name}"`,
    config: () => '',
  };
}

function renderGolden(g: Golden): string {
  return renderTemplate(g.template, { ...g.context, ...dbtStandIns() });
}

const goldens = (JSON.parse(readFileSync('tests/fixtures/jinja-goldens.json', 'utf8')) as { cases: Golden[] }).cases;

describe('renderTemplate matches Python jinja2 (committed goldens)', () => {
  it('has goldens to compare', () => {
    expect(goldens.length).toBeGreaterThan(20);
  });
  for (const g of goldens) {
    it(g.name, () => {
      expect(renderGolden(g)).toBe(g.expected);
    });
  }
});

const python = spawnSync('python3', ['-c', 'import jinja2'], { encoding: 'utf8' });
const pythonReason =
  python.error !== undefined ? `python3 not runnable (${python.error.message})` : python.status !== 0 ? 'python3 has no jinja2' : '';
if (pythonReason !== '') console.log(`Skipping the live jinja2 comparison: ${pythonReason}`);

describe.skipIf(pythonReason !== '')('renderTemplate matches Python jinja2 (rendered live)', () => {
  it('re-renders every case with jinja2 now and compares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jinja-goldens-'));
    try {
      const out = join(dir, 'g.json');
      execFileSync('python3', ['scripts/jinja-goldens.py', out]);
      const live = (JSON.parse(readFileSync(out, 'utf8')) as { cases: Golden[] }).cases;
      expect(live.map((g) => g.name)).toEqual(goldens.map((g) => g.name));
      for (const g of live) expect({ name: g.name, out: renderGolden(g) }).toEqual({ name: g.name, out: g.expected });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderTemplate context functions and errors', () => {
  it('passes keyword arguments as a Kwargs last argument', () => {
    const seen: unknown[][] = [];
    renderTemplate("{{ config(materialized='table') }}{{ var('x', 'd') }}", {
      config: (...a: unknown[]) => {
        seen.push(a);
        return '';
      },
      var: (...a: unknown[]) => {
        seen.push(a);
        return '';
      },
    });
    expect(seen[0]).toEqual([new Kwargs({ materialized: 'table' })]);
    expect(seen[1]).toEqual(['x', 'd']);
  });

  it('makes macros of other templates callable', () => {
    const macros = parseTemplate("{% macro money(c, p=2) %}round({{ c }}, {{ p }}){% endmacro %}");
    expect(renderTemplate('select {{ money("amt") }}', {}, { macros: [macros] })).toBe('select round(amt, 2)');
  });

  it('gives the line of a failing context call', () => {
    const source = "select *\nfrom {{ ref('orders') }}\njoin {{ ref('custmers') }} using (id)";
    let caught: unknown;
    try {
      renderTemplate(source, {
        ref: (n: string) => {
          if (n !== 'orders') throw new Error(`no model ${n}`);
          return n;
        },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).line).toBe(3);
    expect((caught as TemplateError).message).toContain('custmers');
  });

  it('gives the line of a syntax error', () => {
    const cases: [string, number][] = [
      ['select 1\nfrom t\n{{ a + }}', 3],
      ['select\n{% if x %}\n1\n', 2],
      ['a\n{% for x in y %}\n{% endif %}', 3],
      ['a\nb\nc {{ x', 3],
    ];
    for (const [src, line] of cases) {
      let caught: unknown;
      try {
        renderTemplate(src, {});
      } catch (e) {
        caught = e;
      }
      expect({ src, line: (caught as TemplateError).line }).toEqual({ src, line });
    }
  });
});

describe('renderTemplate runtime errors raised by the interpreter', () => {
  function errorOf(source: string, context: Record<string, unknown> = {}, macros: string[] = []): TemplateError {
    try {
      renderTemplate(source, context, { macros: macros.map((m) => parseTemplate(m)) });
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      return e as TemplateError;
    }
    throw new Error(`rendered without an error: ${source}`);
  }

  it('says what Python says for a comparison of a string with a number, at the line of its tag inside a loop', () => {
    const e = errorOf("select 1\n{% for x in xs %}\n  {{ x ~ 1 }}\n  {{ x < 1 }}\n{% endfor %}", { xs: ['a'] });
    expect(e.message).toBe("'<' not supported between instances of 'str' and 'int'");
    expect([e.line, e.column]).toEqual([4, 3]);
  });

  it('gives the line of an elif test and of a set', () => {
    expect(errorOf('{% if a %}\nx\n{% elif b > 1 %}\ny\n{% endif %}', { a: false, b: 'z' }).line).toBe(3);
    expect(errorOf('a\n{% set n = 1 %}\n{% set m = n >= "1" %}', {}).line).toBe(3);
  });

  it('gives the line of the macro call in this file when the error is inside a macro of another file', () => {
    const macros = ['{% macro later(d) %}\n{{ d >= 20250601 }}\n{% endmacro %}'];
    const e = errorOf("select 1\nwhere\n  {{ later('2025-06-01') }}", {}, macros);
    expect(e.line).toBe(3);
    expect(e.message).toContain("'>=' not supported between instances of 'str' and 'int'");
  });

  it('finds the call that failed, not an earlier mention of it in a comment', () => {
    const e = errorOf("{# was ref('gone') #}\nselect * from {{ ref('gone') }}", {
      ref: (n: string) => {
        throw new Error(`no model ${n}`);
      },
    });
    expect(e.line).toBe(2);
    expect(e.message).toBe('no model gone');
  });

  it('keeps the line and column right after raw blocks, comments, set blocks, for-else, macros and elif', () => {
    const source = [
      '{%- set cols -%}',
      'a, b',
      '{%- endset -%}',
      '{% raw %}{{ not_this }}',
      '{% endraw %}',
      '{# a comment',
      '   over two lines #}',
      '{% for c in [] %}{{ c }}{% else %}',
      '{% macro m(x) %}{{ x }}{% endmacro %}',
      '{% endfor %}{% if false %}{% elif false %}{% else %}{% endif %}',
      "select {{ cols }}, {{ 1 > 'a' }}",
    ].join('\n');
    const e = errorOf(source);
    expect(e.message).toBe("'>' not supported between instances of 'int' and 'str'");
    expect([e.line, e.column]).toEqual([11, 20]);
  });

  it("names an undefined variable in a comparison as Python does ('x' is undefined)", () => {
    expect(errorOf('a\n{{ later > 1 }}').message).toBe("'later' is undefined");
  });
});
