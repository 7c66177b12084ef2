-- One row per order, the columns the marts use, named as the team says them.
select
    order_id,
    customer_id,
    order_date,
    ordered_at,
    platform,
    status,
    payment_method,
    item_count,
    total_amount,
    paid_amount,
    refunded_amount,
    net_revenue
from {{ source('warehouse', 'fact_orders') }}
