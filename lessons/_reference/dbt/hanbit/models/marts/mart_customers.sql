{#- Orders per platform: one column each, written by a loop (loop.last drops the trailing comma). -#}
{% set platforms = ['android', 'ios', 'web'] %}

with customers as (

    select * from {{ ref('stg_customers') }}

),

orders as (

    select * from {{ ref('stg_orders') }}

),

per_customer as (

    select
        customer_id,
        count(*) as order_count,
        sum(net_revenue) as net_revenue,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        {% for platform in platforms -%}
        sum(case when platform = '{{ platform }}' then 1 else 0 end) as {{ platform }}_orders{% if not loop.last %},{% endif %}
        {% endfor %}
    from orders
    group by customer_id

)

select
    customers.customer_id,
    customers.region,
    customers.age_band,
    customers.signup_date,
    coalesce(per_customer.order_count, 0) as order_count,
    coalesce(per_customer.net_revenue, 0) as net_revenue,
    per_customer.first_order_date,
    per_customer.last_order_date,
    {{ safe_divide('per_customer.net_revenue', 'per_customer.order_count') }} as avg_net_revenue_per_order,
    {% for platform in platforms -%}
    coalesce(per_customer.{{ platform }}_orders, 0) as {{ platform }}_orders{% if not loop.last %},{% endif %}
    {% endfor %}
from customers
left join per_customer
    on customers.customer_id = per_customer.customer_id
