{
    "name": "Realty Finance",
    "summary": "Property sales: receivables, receipts and refunds in accounting",
    "version": "18.0.1.0.0",
    "category": "Sales/Real Estate",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["realty_sales", "account"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
