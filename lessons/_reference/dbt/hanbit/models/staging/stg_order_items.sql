-- One row per order line.
select
    order_item_id,
    order_id,
    product_id,
    quantity,
    unit_price,
    line_amount
from {{ source('warehouse', 'fact_order_items') }}
