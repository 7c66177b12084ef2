-- Reconciliation: the customer mart's net revenue adds up to the orders' net revenue.
-- A singular test fails when it returns rows; this one returns a row only if the totals differ.
with mart as (
    select sum(net_revenue) as total from {{ ref('mart_customers') }}
),

source_orders as (
    select sum(net_revenue) as total from {{ ref('stg_orders') }}
)

select mart.total as mart_total, source_orders.total as orders_total
from mart
cross join source_orders
where mart.total <> source_orders.total
