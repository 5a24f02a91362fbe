{
    "name": "Realty End-to-End Tests",
    "summary": "Test-only: cross-addon tests and browser walks of the realty addons",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Realty Addons Contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "realty_base",
        "realty_sales",
        "realty_finance",
        "realty_aftersales",
        "realty_filing",
    ],
    "data": [],
    "installable": True,
}
