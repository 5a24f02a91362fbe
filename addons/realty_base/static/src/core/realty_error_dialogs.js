import { registry } from "@web/core/registry";
import { odooExceptionTitleMap, WarningDialog } from "@web/core/errors/error_dialogs";

/**
 * The realty errors (exceptions.py) are Odoo's UserError and ValidationError with a
 * code: the web client shows them as Odoo's own, with their coded message, rather
 * than as an unexpected server error ("Oops! Something went wrong").
 */
const REALTY_ERRORS = {
    "odoo.addons.realty_base.exceptions.RealtyUserError": "odoo.exceptions.UserError",
    "odoo.addons.realty_base.exceptions.RealtyValidationError":
        "odoo.exceptions.ValidationError",
};

for (const [realtyError, odooError] of Object.entries(REALTY_ERRORS)) {
    registry.category("error_dialogs").add(realtyError, WarningDialog);
    odooExceptionTitleMap.set(realtyError, odooExceptionTitleMap.get(odooError));
}
