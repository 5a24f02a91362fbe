import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * The receptionist registers a walk-in (tests/test_crm_ui.py) who turns out to be a
 * customer another consultant already follows: the form says whose before saving,
 * and the visit is registered to that consultant. Selectors use field names; the
 * consultant's name is the fixture's.
 */

const CONSULTANT = "Walk-in Consultant";

registry.category("web_tour.tours").add("realty_sales_walk_in_known", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the Customers menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_sales.menu_realty_customers"]',
            run: "click",
        },
        {
            content: "Register a walk-in",
            trigger: '.dropdown-item[data-menu-xmlid="realty_sales.menu_realty_walk_in"]',
            run: "click",
        },
        {
            content: "Type the visitor's name",
            trigger: ".modal .o_form_view .o_field_widget[name=visitor_name] input",
            run: "edit 王先生",
        },
        {
            content: "Type the mobile as the visitor says it",
            trigger: ".modal .o_form_view .o_field_widget[name=mobile] input",
            run: "edit +86 138-0013-8000 && click .modal .o_form_view .o_field_widget[name=visitor_count] input",
        },
        {
            content: "The form says whose customer it is",
            trigger: `.modal .alert-warning .o_field_widget[name=owner_warning]:contains(${CONSULTANT})`,
        },
        {
            trigger: `.modal .o_field_widget[name=owner_user_id]:contains(${CONSULTANT})`,
        },
        {
            content: "Register the visit",
            trigger: ".modal button[name=action_register]",
            run: "click",
        },
        {
            content: "The visit is the consultant's",
            trigger: `.o_form_view .o_field_widget[name=user_id] input:value(${CONSULTANT})`,
        },
        {
            trigger: ".o_form_view .o_field_widget[name=opportunity_id]",
        },
    ],
});
