{
    "name": "Realty After-Sales",
    "summary": "Property sales: mortgages, handover, certificates, area adjustment",
    "version": "18.0.1.0.0",
    "category": "Sales/Real Estate",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["realty_sales"],
    "data": [
        "security/ir.model.access.csv",
        "views/realty_project_views.xml",
        "views/realty_aftersales_menus.xml",
    ],
    "installable": True,
}
