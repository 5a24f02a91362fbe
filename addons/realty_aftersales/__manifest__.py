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
        "security/realty_area_adjust_security.xml",
        "security/ir.model.access.csv",
        "security/realty_area_adjust_rules.xml",
        "data/realty_area_adjust_data.xml",
        "views/realty_project_views.xml",
        # handover (交房)
        "security/realty_handover_rules.xml",
        "data/realty_handover_data.xml",
        "report/realty_handover_reports.xml",
        "views/realty_handover_views.xml",
        "views/realty_handover_inspection_views.xml",
        # area adjustment (面积补差)
        "views/realty_area_adjust_batch_views.xml",
        "views/realty_area_waive_views.xml",
        "views/realty_deal_area_adjust_views.xml",
        "report/realty_area_settlement_report.xml",
        # service cases (售后服务)
        "security/realty_service_rules.xml",
        "data/realty_service_type_data.xml",
        "views/realty_service_type_views.xml",
        "views/realty_service_case_views.xml",
        "views/realty_deal_service_views.xml",
        "report/realty_service_report_views.xml",
        # menus last
        "views/realty_aftersales_menus.xml",
    ],
    "demo": [
        "demo/realty_service_demo.xml",
        "demo/realty_handover_demo.xml",
        "demo/realty_area_adjust_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "realty_aftersales/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
