from . import realty_bench_family
from . import realty_bench_buyer
from . import realty_bench_floor
from . import realty_bench_naive_sale
from . import res_users
