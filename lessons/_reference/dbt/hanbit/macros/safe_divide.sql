{#
  A ratio that is NULL instead of an error (or a misleading 0) when there is nothing to divide by,
  e.g. the average order value of a customer with no orders. 1.0 * keeps SQLite from integer division.
#}
{% macro safe_divide(numerator, denominator) -%}
    case when {{ denominator }} is null or {{ denominator }} = 0 then null
         else 1.0 * {{ numerator }} / {{ denominator }} end
{%- endmacro %}
