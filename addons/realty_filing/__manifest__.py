{
    "name": "Realty Online Filing",
    "summary": "Property sales: online contract filing (网签备案) through a queue",
    "version": "18.0.1.0.0",
    "category": "Sales/Real Estate",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["realty_sales"],
    "data": [
        "security/realty_filing_security.xml",
        "security/ir.model.access.csv",
        "security/realty_filing_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/realty_filing_views.xml",
        "views/realty_filing_adapter_views.xml",
        "views/realty_deal_views.xml",
        "views/realty_project_views.xml",
        "views/realty_filing_menus.xml",
    ],
    "demo": [
        "demo/realty_filing_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "realty_filing/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
