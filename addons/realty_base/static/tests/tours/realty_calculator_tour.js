import { registry } from "@web/core/registry";

/**
 * A sales consultant opens a room, opens its price calculator, chooses a loan and
 * a 15 % down payment, and reads the loan and the monthly payment (V-11, V-14).
 * Selectors use field names, not labels, so the tour runs in any language.
 */
registry.category("web_tour.tours").add("realty_base_price_calculator", {
    url: "/odoo/action-realty_base.realty_room_action",
    steps: () => [
        {
            content: "Search the room",
            trigger: ".o_searchview_input",
            run: "edit TC-1-1201",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the room",
            trigger: ".o_data_row:contains('TC-1-1201') .o_data_cell",
            run: "click",
        },
        {
            content: "Open the price calculator",
            trigger: "button[name=action_open_calculator]",
            run: "click",
        },
        {
            content: "Choose the loan",
            trigger: ".modal .o_field_widget[name=payment_method_id] input",
            run: "edit Tour Loan",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Loan')",
            run: "click",
        },
        {
            content: "The deal total is the list total (no discount)",
            trigger: ".modal .o_field_widget[name=deal_total]:contains('2,345,678')",
        },
        {
            content: "A 15 % down payment",
            trigger: ".modal .o_field_widget[name=down_payment_ratio] input",
            run: "edit 0.15 && click .modal-body",
        },
        {
            content: "The loan is rounded down to 10,000 yuan",
            trigger: ".modal .o_field_widget[name=loan_commercial]:contains('1,990,000')",
        },
        {
            content: "The monthly payment, equal installments",
            trigger: ".modal .o_field_widget[name=monthly_payment]:contains('8,443.68')",
        },
        {
            content: "Close the calculator",
            trigger: ".modal-footer button[special=cancel]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
