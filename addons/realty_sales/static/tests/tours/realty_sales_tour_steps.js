import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Steps of the deal form shared by the sales tours (realty_sales_tours.js and
 * realty_sales_approval_tours.js). Selectors use field and button names, so the
 * tours run in any language.
 */

export function stageIs(stage) {
    return {
        content: `The deal is at the ${stage} stage`,
        trigger: `.o_form_view .o_field_widget[name=stage] button[data-value=${stage}][aria-checked=true]`,
    };
}

export function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_form_view .o_notebook a.nav-link[name=${name}]`,
        run: "click",
    };
}

export function pick(field, text) {
    return [
        {
            content: `Choose the ${field}`,
            trigger: `.o_form_view .o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

export function click(button, content) {
    return {
        content,
        trigger: `.o_form_view .o_form_statusbar button[name=${button}]`,
        run: "click",
    };
}

/** Agree on a 定金 of 100,000, register it received, and take the deposit. */
export function takeDeposit(reference) {
    return [
        openTab("money"),
        {
            content: "Agree on the deposit (定金)",
            trigger: ".o_form_view .o_field_widget[name=deposit_amount] input",
            run: "edit 100000",
        },
        {
            content: "Register the deposit received",
            trigger: ".o_form_view .o_field_widget[name=payment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=payment_ids] .o_selected_row .o_field_widget[name=item] select",
            run: 'select "deposit"',
        },
        {
            trigger: ".o_field_widget[name=payment_ids] .o_selected_row .o_field_widget[name=amount] input",
            run: "edit 100000",
        },
        {
            trigger: ".o_field_widget[name=payment_ids] .o_selected_row .o_field_widget[name=reference] input",
            run: `edit ${reference}`,
        },
        click("action_deposit", "Take the deposit"),
        stageIs("deposit"),
        {
            content: "The deposit is received",
            trigger: ".o_form_view .o_field_widget[name=deposit_received]:contains(100,000)",
        },
    ];
}

/** Type a discount of one's own and wait until the total is `totalTrigger`. */
export function giveDiscount(content, name, kind, value, totalTrigger) {
    return [
        openTab("price"),
        {
            content,
            trigger: ".o_form_view .o_field_widget[name=discount_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=discount_line_ids] .o_selected_row .o_field_widget[name=name] input",
            run: `edit ${name}`,
        },
        {
            trigger: ".o_field_widget[name=discount_line_ids] .o_selected_row .o_field_widget[name=kind] select",
            run: `select "${kind}"`,
        },
        {
            trigger: ".o_field_widget[name=discount_line_ids] .o_selected_row .o_field_widget[name=value] input",
            run: `edit ${value}`,
        },
        {
            // leave the line and let its onchange settle before anything else: a
            // list re-rendered in a hidden tab cannot focus its cell
            content: "The discount lowers the deal total",
            trigger: ".o_form_view .o_field_widget[name=deal_total]",
            run: "click",
        },
        { trigger: totalTrigger },
        {
            trigger: ".o_field_widget[name=discount_line_ids]:not(:has(.o_selected_row))",
        },
    ];
}

/** Tick the signed subscription agreement (认购书) and save. */
export function subscriptionSigned() {
    return [
        openTab("contract"),
        {
            content: "The subscription agreement (认购书) is signed",
            trigger: ".o_form_view .o_field_widget[name=subscription_signed] input",
            run: "click",
        },
        ...stepUtils.saveForm(),
    ];
}
