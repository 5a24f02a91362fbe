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
        "security/realty_sales_security.xml",
        "security/ir.model.access.csv",
        "security/realty_sales_rules.xml",

        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/realty_sales_daily_data.xml",

        "views/realty_deal_payment_views.xml",
        "views/realty_change_order_views.xml",
        "views/realty_deal_views.xml",
        "views/realty_queue_number_views.xml",
        "views/res_partner_views.xml",
        "views/realty_building_views.xml",
        "views/realty_room_views.xml",
        "views/realty_project_views.xml",
        "views/realty_visit_views.xml",
        "views/realty_sales_daily_views.xml",
        "views/realty_sales_grid_views.xml",
        "views/realty_self_service_templates.xml",

        "report/realty_deal_reports.xml",
        "report/realty_sales_report_views.xml",

        "views/realty_sales_menus.xml",
    ],
    "demo": [
        "demo/realty_sales_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "realty_sales/static/src/**/*",
        ],
        "web.assets_tests": [
            "realty_sales/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
