-- One row per customer: the current version of each customer (the dimension keeps one per move).
select
    customer_id,
    gender,
    birth_year,
    age_band,
    region,
    city,
    signup_date,
    marketing_consent
from {{ source('warehouse', 'dim_customer') }}
where is_current = 1
