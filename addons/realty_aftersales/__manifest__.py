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
        # handover (交房)
        "security/realty_handover_rules.xml",
        "data/realty_handover_data.xml",
        "report/realty_handover_reports.xml",
        "views/realty_handover_views.xml",
        "views/realty_handover_inspection_views.xml",
        # menus last
        "views/realty_aftersales_menus.xml",
    ],
    "demo": [
        "demo/realty_handover_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "realty_aftersales/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
