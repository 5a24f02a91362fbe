import { registry } from "@web/core/registry";
import {
    click,
    giveDiscount,
    openTab,
    pick,
    stageIs,
    subscriptionSigned,
    takeDeposit,
} from "@realty_sales/../tests/tours/realty_sales_tour_steps";

/**
 * A discount approved through the web client while the server holds every rule
 * (tests/test_sales_ui.py, test_discount_approved_through_the_client), in three tours run by different users: the
 * consultant reserves a room, takes the deposit (定金) and gives a 98折 that needs
 * the sales manager; subscribing before the approval is refused with its code; the
 * manager finds the deal and approves it; the consultant subscribes and signs the
 * contract, and the price is frozen in the form. Selectors use field and button
 * names, so the tours run in any language.
 */

const ROOM = "TS-1-1102";
const BUYER = "Tour Buyer";

const WAITS_FOR_APPROVAL = {
    content: "The discount waits for the approval of a rung of the ladder",
    trigger: ".o_form_view .alert-warning .o_field_widget[name=approval_rung_id]",
};

registry.category("web_tour.tours").add("realty_sales_discount_consultant", {
    steps: () => [
        ...pick("room_id", ROOM),
        ...pick("partner_id", BUYER),
        ...pick("payment_method_id", "Tour Cash"),
        click("action_reserve", "Reserve the room"),
        stageIs("reservation"),
        {
            content: "The deal takes the room's list price, which the form does not let anyone type",
            trigger:
                ".o_form_view .o_field_widget[name=list_total]:contains(1,411,808):not(:has(input))",
        },
        ...takeDeposit("POS-TOUR-2"),
        ...giveDiscount(
            "Give a 98折 of one's own",
            "98折 (tour)",
            "percent",
            "0.98",
            ".o_form_view .o_field_widget[name=deal_total]:not(:contains(1,411,808))"
        ),
        ...subscriptionSigned(),
        WAITS_FOR_APPROVAL,
        click("action_subscribe", "Try to subscribe before the approval"),
        {
            content: "The server refuses, with its code",
            trigger: ".modal .modal-body:contains(ERR_APPROVAL_REQUIRED)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        stageIs("deposit"),
        click("action_request_approval", "Ask the sales manager to approve the discount"),
        {
            content: "The approval is requested: an activity for the manager",
            trigger: ".o-mail-Chatter .o-mail-ActivityList",
        },
        {
            content: "The consultant cannot approve it",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
        WAITS_FOR_APPROVAL,
    ],
});

registry.category("web_tour.tours").add("realty_sales_discount_manager", {
    steps: () => [
        {
            content: "Find the deal among the open deals",
            trigger: ".o_searchview_input",
            run: `edit ${ROOM}`,
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the deal that waits for the approval",
            trigger: `.o_list_view .o_data_row:contains(${ROOM}) .o_data_cell[name=room_id]`,
            run: "click",
        },
        WAITS_FOR_APPROVAL,
        click("action_approve", "Approve the discount"),
        {
            content: "The discount is approved",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
        {
            content: "The form shows who approved, and nobody can type it",
            trigger: ".o_form_view .o_field_widget[name=approved_by_id]:not(:has(input))",
        },
        {
            trigger: ".o_form_view:not(:has(.alert-warning .o_field_widget[name=approval_rung_id]))",
        },
    ],
});

registry.category("web_tour.tours").add("realty_sales_discount_sign", {
    steps: () => [
        openTab("contract"),
        {
            content: "Write the contract number",
            trigger: ".o_form_view .o_field_widget[name=contract_no] input",
            run: "edit HT-TOUR-2",
        },
        click("action_subscribe", "Subscribe (认购)"),
        stageIs("subscription"),
        click("action_sign_contract", "Sign the contract (签约)"),
        stageIs("contract"),
        openTab("price"),
        {
            content: "The price is frozen: no discount can be added to a contract",
            trigger:
                ".o_form_view .o_field_widget[name=discount_line_ids]:not(:has(.o_field_x2many_list_row_add))",
        },
        openTab("schedule"),
        {
            content: "The contract's schedule is generated",
            trigger: ".o_form_view .o_field_widget[name=schedule_line_ids] .o_data_row",
        },
    ],
});
