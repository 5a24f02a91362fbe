import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * A down payment through the web client (tests/test_finance_ui.py), in two tours
 * run by different users: the cashier issues a receipt for a signed contract's
 * down payment by POS debit card and reads its number and the amount in capital
 * numerals, then finds it on the deal; an accountant finds the payment in
 * Invoicing by the deal's name. Selectors use field, button and menu names, and
 * every step waits for the values an onchange brings before the next one.
 */

const DEAL = "TG-TOUR-0001";
const NUMBER = "SJ2025000123";
const CAPITAL = "壹拾万元整";

function row(field) {
    return `.o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=${field}]`;
}

registry.category("web_tour.tours").add("realty_finance_receipt_cashier", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the Finance menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_finance.menu_realty_finance"]',
            run: "click",
        },
        {
            content: "Open the receipts",
            trigger: '.dropdown-item[data-menu-xmlid="realty_finance.menu_realty_receipt"]',
            run: "click",
        },
        {
            content: "Issue a new receipt",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The cashier's receipt book is chosen",
            trigger: ".o_form_view .o_field_widget[name=book_id] input:value(SJ-T1)",
        },
        {
            content: "Choose the signed contract",
            trigger: ".o_form_view .o_field_widget[name=deal_id] input",
            run: `edit ${DEAL}`,
        },
        {
            trigger: `.o_field_widget[name=deal_id] .o-autocomplete--dropdown-item:contains(${DEAL})`,
            run: "click",
        },
        {
            content: "The payer and the project come with the deal",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(陈立)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=project_id]:contains(Test Garden)",
        },
        {
            content: "Add the down payment",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: `${row("item")} select`,
            run: 'select "down_payment"',
        },
        {
            content: "Paid by POS",
            trigger: `${row("method")} select`,
            run: 'select "pos"',
        },
        {
            content: "With a debit card",
            trigger: `${row("card_type")} select`,
            run: 'select "debit"',
        },
        {
            trigger: `${row("amount")} input`,
            run: "edit 100000",
        },
        {
            // leave the line and let its onchange settle before anything else
            content: "The total in figures",
            trigger: ".o_form_view .o_field_widget[name=amount_total]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=amount_total]:contains(100,000.00)",
        },
        {
            content: "The total in capital numerals (大写)",
            trigger: `.o_form_view .o_field_widget[name=amount_capital]:contains(${CAPITAL})`,
        },
        {
            trigger: ".o_field_widget[name=line_ids]:not(:has(.o_selected_row))",
        },
        {
            content: "Issue the receipt",
            trigger: ".o_form_view .o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The receipt has its number from the cashier's book",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${NUMBER})`,
        },
        {
            trigger: ".o_form_view .o_field_widget[name=state] button[data-value=posted][aria-checked=true]",
        },
        {
            content: "The amount in capital numerals stays on the issued receipt",
            trigger: `.o_form_view .o_field_widget[name=amount_capital]:contains(${CAPITAL})`,
        },
        {
            content: "The money is in transit until the bank confirms it",
            trigger: ".o_form_view .o_field_widget[name=in_transit] input:checked",
        },
        {
            content: "Open the deal",
            trigger: `.o_form_view .o_field_widget[name=deal_id] a:contains(${DEAL})`,
            run: "click",
        },
        {
            content: "The deal counts its receipt",
            trigger: ".o_form_view button[name=action_view_receipts]:contains(1)",
            run: "click",
        },
        {
            content: "The deal's receipts",
            trigger: `.o_list_view .o_data_row:contains(${NUMBER})`,
        },
        {
            content: "A new receipt from the deal",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The deal is chosen already",
            trigger: `.o_form_view .o_field_widget[name=deal_id] input:value(${DEAL})`,
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(陈立)",
        },
        ...stepUtils.discardForm(),
    ],
});

registry.category("web_tour.tours").add("realty_finance_payment_accountant", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Customers menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="account.menu_finance_receivables"]',
            run: "click",
        },
        {
            content: "Open the payments",
            trigger: '.dropdown-item[data-menu-xmlid="account.menu_action_account_payments_receivable"]',
            run: "click",
        },
        {
            content: "Search the deal's name",
            trigger: ".o_searchview_input",
            run: `edit ${DEAL}`,
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The payment of the deal, net of the POS fee",
            trigger: `.o_list_view .o_data_row:contains(${DEAL}):contains(99,975.00)`,
        },
        {
            content: "Open it",
            trigger: `.o_list_view .o_data_row:contains(${DEAL}) .o_data_cell[name=partner_id]`,
            run: "click",
        },
        {
            content: "It names the receipt and the deal",
            trigger: `.o_form_view .o_field_widget[name=realty_receipt_id]:contains(${NUMBER})`,
        },
        {
            trigger: `.o_form_view .o_field_widget[name=realty_deal_id]:contains(${DEAL})`,
        },
        {
            content: "Its memo names the deal",
            trigger: `.o_form_view .o_field_widget[name=memo] input:value(${DEAL})`,
        },
    ],
});
