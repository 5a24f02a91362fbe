{
    "name": "Realty Online Filing",
    "summary": "Property sales: online contract filing records and adapters",
    "version": "18.0.1.0.0",
    "category": "Sales/Real Estate",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["realty_sales"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
