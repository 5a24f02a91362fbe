{
    "name": "Realty Bench (opening day)",
    "summary": "Bench-only routes for make bench-opening: floor, pick, naive pick",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Realty Addons Contributors",
    "license": "LGPL-3",
    "depends": ["realty_sales", "bus"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}
