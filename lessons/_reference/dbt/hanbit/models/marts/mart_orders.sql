with orders as (

    select * from {{ ref('stg_orders') }}

),

items as (

    select
        order_id,
        count(*) as line_count,
        sum(quantity) as units,
        sum(line_amount) as items_amount
    from {{ ref('stg_order_items') }}
    group by order_id

)

select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.platform,
    orders.status,
    orders.payment_method,
    coalesce(items.line_count, 0) as line_count,
    coalesce(items.units, 0) as units,
    coalesce(items.items_amount, 0) as items_amount,
    orders.total_amount,
    orders.paid_amount,
    orders.refunded_amount,
    orders.net_revenue,
    case when orders.refunded_amount > 0 then 1 else 0 end as is_refunded
from orders
left join items
    on orders.order_id = items.order_id
