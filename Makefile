# The realty addons for Odoo 18: two commands, `make run` and `make test`.
# Every target prepares what it needs first (Odoo source, .venv, PostgreSQL).

PYTHON ?= python3
DEV := $(PYTHON) scripts/dev.py

.DEFAULT_GOAL := help
.PHONY: help run test test-fast pytest screenshot shell bench bench-opening lint readme i18n setup

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run:  ## serve Odoo with the realty addons on http://127.0.0.1:8069
	@$(DEV) run

test:  ## every test on a clean database (TAGS=/realty_base:TestX for a subset)
	@$(DEV) test $(if $(TAGS),--tags '$(TAGS)')

test-fast:  ## the pure calculation tests only (no database), in seconds
	@$(DEV) test-fast

screenshot:  ## rewrite docs/sales_grid.png, the README's picture of the grid
	@$(DEV) test --tags realty_screenshot
pytest:  ## Odoo tests with pytest-odoo: FILE=addons/<addon>/tests/test_x.py [ARGS="-k name"]
	@$(DEV) pytest -- $(FILE) $(ARGS)

shell:  ## Odoo shell on the realty database (`make shell < script.py` runs a script)
	@$(DEV) shell

bench:  ## the benchmarks in tests/bench, one line per figure
	@$(DEV) bench

bench-opening:  ## opening day under load: 620 buyers, 1 and 2 servers, faults (ONLY=single,naive,two,faults)
	@$(DEV) bench-opening $(if $(ONLY),-- --only '$(ONLY)')

lint:  ## ruff (check and format) and pylint-odoo's mandatory checks
	@$(DEV) lint

i18n:  ## export each addon's terms (.pot) and merge them into its zh_CN.po
	@$(DEV) i18n

readme:  ## regenerate each addon's README.md from its readme/ fragments
	@$(DEV) readme

setup:  ## only prepare Odoo's source, .venv and wkhtmltopdf
	@$(DEV) setup
