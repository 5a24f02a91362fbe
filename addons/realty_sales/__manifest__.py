{
    "name": "Realty Sales",
    "summary": "Property sales: leads, queue numbers, deals, change orders, grid",
    "version": "18.0.1.0.0",
    "category": "Sales/Real Estate",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["realty_base", "crm", "utm", "survey", "portal", "sms"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
