import type { ModelProjectFiles } from '../../../core/models/project.ts';

/*
 * The project a learner meets on first opening the Models screen: a small working dbt project over
 * the Hanbit warehouse (two staging views, one mart, generic and custom tests, a macro and a seed),
 * so there is something to build, read and break straight away instead of an empty tree. Every
 * test passes on the bundled warehouse (relationships hold: every order's customer is current).
 */

const DBT_PROJECT = `name: hanbit_models
version: '1.0.0'
config-version: 2
profile: hanbit

model-paths: ['models']
macro-paths: ['macros']
test-paths: ['tests']
seed-paths: ['seeds']

vars:
  # The Hanbit warehouse this project reads its sources from (the app's catalog id).
  datalit_database: hanbit-warehouse

models:
  hanbit_models:
    staging:
      +materialized: view
    marts:
      +materialized: table
`;

const SOURCES = `version: 2

sources:
  - name: warehouse
    description: Hanbit Market's warehouse tables, loaded every night by the data platform team.
    tables:
      - name: fact_orders
        description: One row per order, with its status and revenue.
      - name: dim_customer
        description: Customers, one row per version of a customer (is_current = 1 is today's).
`;

const STAGING_YML = `version: 2

models:
  - name: stg_orders
    description: Orders as the analysts use them, one row per order.
    columns:
      - name: order_id
        data_tests:
          - unique
          - not_null
      - name: status
        data_tests:
          - accepted_values:
              arguments:
                values: ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']
      - name: customer_id
        data_tests:
          - not_null
          - relationships:
              arguments:
                to: ref('stg_customers')
                field: customer_id

  - name: stg_customers
    description: Today's version of each customer.
    columns:
      - name: customer_id
        data_tests:
          - unique
          - not_null
`;

const STG_ORDERS = `-- One row per order, renamed and typed for analysis.
select
  order_id,
  customer_id,
  order_date,
  platform,
  status,
  net_revenue
from {{ source('warehouse', 'fact_orders') }}
`;

const STG_CUSTOMERS = `-- Today's version of each customer (the warehouse keeps every version).
select
  customer_id,
  region,
  city,
  signup_date
from {{ source('warehouse', 'dim_customer') }}
where is_current = 1
`;

const CUSTOMER_ORDERS = `{{ config(materialized='table') }}

{%- set statuses = ['delivered', 'shipped', 'refunded', 'cancelled'] %}

-- One row per customer: orders by status and revenue in thousands of won.
select
  c.customer_id,
  c.region,
  count(o.order_id) as order_count,
  {%- for status in statuses %}
  sum(case when o.status = '{{ status }}' then 1 else 0 end) as {{ status }}_orders,
  {%- endfor %}
  {{ thousand_won('coalesce(sum(o.net_revenue), 0)') }} as net_revenue_k
from {{ ref('stg_customers') }} as c
left join {{ ref('stg_orders') }} as o
  on o.customer_id = c.customer_id
group by c.customer_id, c.region
`;

const MARTS_YML = `version: 2

models:
  - name: customer_orders
    description: Orders and revenue per customer, for the CRM team.
    columns:
      - name: customer_id
        data_tests:
          - unique
          - not_null
      - name: region
        data_tests:
          - relationships:
              arguments:
                to: ref('regions')
                field: region
`;

const MACRO = `{# Won to thousands of won, one decimal: how the CRM team reads revenue. #}
{% macro thousand_won(expression) -%}
  round(({{ expression }}) / 1000.0, 1)
{%- endmacro %}
`;

const CUSTOM_TEST = `-- A customer cannot have more delivered orders than orders: any row returned is a failure.
select customer_id, order_count, delivered_orders
from {{ ref('customer_orders') }}
where delivered_orders > order_count
`;

const REGIONS = `region,region_en
서울,Seoul
경기,Gyeonggi
인천,Incheon
부산,Busan
대구,Daegu
광주,Gwangju
대전,Daejeon
울산,Ulsan
세종,Sejong
강원,Gangwon
충북,North Chungcheong
충남,South Chungcheong
전북,North Jeolla
전남,South Jeolla
경북,North Gyeongsang
경남,South Gyeongsang
제주,Jeju
`;

/** A fresh copy of the starter project (the learner edits their own copy). */
export function starterProject(): ModelProjectFiles {
  return {
    files: {
      'dbt_project.yml': DBT_PROJECT,
      'models/staging/_sources.yml': SOURCES,
      'models/staging/_staging.yml': STAGING_YML,
      'models/staging/stg_orders.sql': STG_ORDERS,
      'models/staging/stg_customers.sql': STG_CUSTOMERS,
      'models/marts/_marts.yml': MARTS_YML,
      'models/marts/customer_orders.sql': CUSTOMER_ORDERS,
      'macros/thousand_won.sql': MACRO,
      'tests/assert_delivered_within_orders.sql': CUSTOM_TEST,
      'seeds/regions.csv': REGIONS,
    },
  };
}

/** The file a learner sees first in the starter project. */
export const STARTER_OPEN_PATH = 'models/staging/stg_orders.sql';
