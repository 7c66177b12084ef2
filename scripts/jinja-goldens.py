#!/usr/bin/env python3
"""Renders dbt-style Jinja templates with Python's jinja2 (dbt's own engine, default options) and
writes tests/fixtures/jinja-goldens.json: the expected output for core/jinja/render.ts, character
for character. Run: python3 scripts/jinja-goldens.py [out.json]  (needs jinja2; 3.1.6 was used).

Two functions stand in for dbt's context in every case, with the same behaviour in the TS test:
ref(name) -> "main"."name" and config(**kwargs) -> '' (records nothing; proves kwargs calls parse).
"""
import json
import sys

import jinja2

CASES = [
    ("plain text keeps whitespace", "select 1\n  from t\n\n", {}),
    ("variable and ref", "select * from {{ ref('stg_orders') }} where id = {{ n }}", {"n": 3}),
    ("config with keyword args", "{{ config(materialized='table', tags=['a']) }}\nselect 1", {}),
    ("set and for with loop.last",
     "{% set methods = ['credit_card', 'coupon', 'bank_transfer'] %}\nselect\n"
     "{% for m in methods %}\n  sum(case when method = '{{ m }}' then amount else 0 end) as {{ m }}_amount"
     "{% if not loop.last %},{% endif %}\n{% endfor %}\nfrom payments\n", {}),
    ("for with loop.index and first", "{% for x in xs %}{{ loop.index }}:{{ x }}{% if loop.first %}*{% endif %} {% endfor %}",
     {"xs": ["a", "b", "c"]}),
    ("if elif else", "{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}", {"n": 3}),
    ("whitespace control",
     "select\n  {%- for c in cols %}\n    {{ c }}{{ ',' if not loop.last }}\n  {%- endfor %}\nfrom t", {"cols": ["a", "b"]}),
    ("whitespace control both sides", "a   {%- if true -%}   b   {%- endif -%}   c", {}),
    ("expression whitespace control", "x  {{- ' y ' -}}  z", {}),
    ("macro with defaults",
     "{% macro cents_to_dollars(col, scale=2) %}round({{ col }} / 100.0, {{ scale }}){% endmacro %}"
     "select {{ cents_to_dollars('amount') }}, {{ cents_to_dollars('fee', 4) }}, {{ cents_to_dollars(col='tip', scale=0) }}", {}),
    ("filters lower upper replace", "{{ s | lower }} {{ s | upper }} {{ s | replace('a', 'o') }}", {"s": "Banana Cake"}),
    ("filters join length trim", "[{{ xs | join(', ') }}] {{ xs | length }} [{{ '  pad  ' | trim }}]", {"xs": ["x", "y", "z"]}),
    ("default filter", "{{ missing | default('fallback') }} {{ present | default('no') }}", {"present": "yes"}),
    ("is none and is not none", "{% if v is none %}null{% endif %}{% if w is not none %} w={{ w }}{% endif %}",
     {"v": None, "w": 5}),
    ("tilde concatenation", "{{ 'stg_' ~ name ~ '_' ~ n }}", {"name": "orders", "n": 2}),
    ("comments", "select 1 {# a comment #}as one\n{#- stripped -#}\n, 2", {}),
    ("raw block", "{% raw %}{{ not_rendered }} {% if %}{% endraw %} done", {}),
    ("booleans and numbers", "{{ true }} {{ false }} {{ 1 + 2 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ 1.5 * 2 }}", {}),
    ("trailing newline dropped once", "select 1\n\n", {}),
    ("set block", "{% set cols %}a, b{% endset %}select {{ cols }} from t", {}),
    ("nested for over dict items", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"d": {"a": 1, "b": 2}}),
    ("in test and not", "{% if 'b' in xs and not flag %}yes{% endif %}", {"xs": ["a", "b"], "flag": False}),
    ("string methods", "{{ s.upper() }} {{ s.startswith('ab') }} {{ s.split(',') | join('|') }}", {"s": "ab,cd"}),
    ("undefined renders empty", "[{{ nothing }}]", {}),
    ("macro called in loop with whitespace control",
     "{%- macro col(n) -%}\n  {{ n }}_clean\n{%- endmacro -%}\nselect\n{%- for n in ['a','b'] %}\n  {{ col(n) }}{% if not loop.last %},{% endif %}\n{%- endfor %}\nfrom t\n",
     {}),
    ("incremental style if",
     "select * from src\n{% if is_inc %}\nwhere updated_at > (select max(updated_at) from {{ this_name }})\n{% endif %}\n",
     {"is_inc": True, "this_name": "main.m"}),
    ("string comparison against a date",
     "{% if ds >= '2025-06-01' %}late{% else %}early{% endif %} {% if ds < '2025-06-01' %}before{% endif %}"
     "{% if ds <= '2025-06-15' %} on-or-before{% endif %}{% if ds > '2025-06-15' %} after{% endif %}",
     {"ds": "2025-06-15"}),
    ("string comparison operators",
     "{{ 'a' < 'b' }} {{ 'b' <= 'a' }} {{ 'abc' > 'abd' }} {{ 'b' >= 'b' }} {{ 'x' == 'x' }} {{ 'x' != 'y' }}"
     " {{ 'Z' < 'a' }} {{ '' < 'a' }} {{ '10' < '9' }} {{ '가' > 'z' }}", {}),
    ("for with a string filter", "{% for d in days if d >= start %}{{ d }} {% endfor %}",
     {"days": ["2025-05-31", "2025-06-01", "2025-06-02"], "start": "2025-06-01"}),
    ("number comparison", "{{ 1 < 2.5 }} {{ 3 >= 3 }} {{ 2 == 2.0 }} {{ -1 > 0 }} {{ n <= 10 }} {{ true == 1 }} {{ 2 > true }}",
     {"n": 10}),
    ("equality is typed as in Python",
     "{{ '1' == 1 }} {{ [1, 2] == [1, 2] }} {{ [1] != [2] }} {{ {'a': 1} == {'a': 1} }} {{ none == none }}"
     " {{ 0 == false }} {{ '' != none }} {{ none == missing }} {{ v == none }}", {"v": None}),
    ("none renders None",
     "[{{ none }}] [{{ None }}] [{{ v }}] [{{ 'a' ~ none }}] [{{ 'a' ~ missing ~ 'b' }}] [{{ 'n=' ~ 2.0 ~ ' ' ~ true }}]"
     " [{{ d.get('x') }}] [{{ v if v is not none else 'null' }}]{% set s = none %}{# a comment #}", {"v": None, "d": {}}),
]


def ref(name):
    return '"main"."%s"' % name


def config(**kwargs):
    return ""


def main():
    env = jinja2.Environment()  # dbt's defaults: no trim_blocks, no lstrip_blocks
    out = []
    for name, template, context in CASES:
        ctx = dict(context)
        ctx["ref"] = ref
        ctx["config"] = config
        out.append({"name": name, "template": template, "context": context,
                    "expected": env.from_string(template).render(**ctx)})
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/jinja-goldens.json"
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"jinja2": jinja2.__version__, "cases": out}, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
