import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import {
    giveDiscount,
    openTab,
    stageIs,
    subscriptionSigned,
    takeDeposit,
} from "@realty_sales/../tests/tours/realty_sales_tour_steps";

/**
 * A sale through the web client (tests/test_sales_ui.py), in three tours run by
 * different users: the consultant reserves a room, takes the deposit (定金) and gives
 * a discount that needs approval; the sales manager approves it; the consultant
 * subscribes and signs the contract. Selectors use field and button names, so the
 * tours run in any language.
 */

const ROOM = "TS-1-1101";
const BUYER = "Tour Buyer";

registry.category("web_tour.tours").add("realty_sales_deal_consultant", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the Sales menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_sales.menu_realty_sales"]',
            run: "click",
        },
        {
            content: "Open the deals",
            trigger: '.dropdown-item[data-menu-xmlid="realty_sales.menu_realty_deal"]',
            run: "click",
        },
        {
            content: "Create a deal",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the room",
            trigger: ".o_form_view .o_field_widget[name=room_id] input",
            run: `edit ${ROOM}`,
        },
        {
            trigger: `.o_field_widget[name=room_id] .o-autocomplete--dropdown-item:contains(${ROOM})`,
            run: "click",
        },
        {
            content: "Choose the buyer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: `edit ${BUYER}`,
        },
        {
            trigger: `.o_field_widget[name=partner_id] .o-autocomplete--dropdown-item:contains(${BUYER})`,
            run: "click",
        },
        {
            content: "Choose the payment method",
            trigger: ".o_form_view .o_field_widget[name=payment_method_id] input",
            run: "edit Tour Cash",
        },
        {
            trigger: ".o_field_widget[name=payment_method_id] .o-autocomplete--dropdown-item:contains(Tour Cash)",
            run: "click",
        },
        {
            content: "Reserve the room",
            trigger: ".o_form_view .o_form_statusbar button[name=action_reserve]",
            run: "click",
        },
        stageIs("reservation"),
        {
            content: "The deal takes the room's list price",
            trigger: ".o_form_view .o_field_widget[name=deal_total]:contains(1,411,808)",
        },
        ...takeDeposit("POS-TOUR-1"),
        ...giveDiscount(
            "Give a discretionary discount",
            "Opening discount",
            "total_amount",
            "20000",
            ".o_form_view .o_field_widget[name=deal_total]:contains(1,391,808)"
        ),
        ...subscriptionSigned(),
        openTab("price"),
        {
            content: "The discount lowers the deal total",
            trigger: ".o_form_view .o_field_widget[name=deal_total]:contains(1,391,808)",
        },
        {
            content: "Ask the sales manager to approve the discount",
            trigger: ".o_form_view .o_form_statusbar button[name=action_request_approval]",
            run: "click",
        },
        {
            content: "The approval is requested: an activity for the manager",
            trigger: ".o-mail-Chatter .o-mail-ActivityList",
        },
        {
            content: "The consultant cannot approve it",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
    ],
});

registry.category("web_tour.tours").add("realty_sales_deal_manager", {
    steps: () => [
        {
            content: "The manager approves the discount",
            trigger: ".o_form_view .o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            content: "The discount is approved",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=approved_by_id]",
        },
    ],
});

registry.category("web_tour.tours").add("realty_sales_deal_sign", {
    steps: () => [
        {
            content: "Subscribe (认购)",
            trigger: ".o_form_view .o_form_statusbar button[name=action_subscribe]",
            run: "click",
        },
        stageIs("subscription"),
        {
            content: "Sign the contract (签约)",
            trigger: ".o_form_view .o_form_statusbar button[name=action_sign_contract]",
            run: "click",
        },
        stageIs("contract"),
        openTab("schedule"),
        {
            content: "The contract's schedule is generated",
            trigger: ".o_form_view .o_field_widget[name=schedule_line_ids] .o_data_row",
        },
    ],
});

function salesMenu(menu, content) {
    return [
        {
            content: "Open the Sales menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_sales.menu_realty_sales"]',
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid="realty_sales.${menu}"]`,
            run: "click",
        },
    ];
}

function switchView(type, trigger) {
    return [
        {
            content: `Switch to the ${type} view`,
            trigger: `.o_control_panel .o_switch_view.o_${type}`,
            run: "click",
        },
        { content: `The ${type} view shows the data`, trigger },
    ];
}

/**
 * A sales manager walks through the sales menus and views, then starts a deal from
 * a room's form and reads the project's sales rules.
 */
registry.category("web_tour.tours").add("realty_sales_menus", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        ...salesMenu("menu_realty_deal", "Open the deals"),
        { trigger: `.o_list_view .o_data_row:contains(${ROOM})` },
        ...switchView("kanban", ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)"),
        ...switchView("pivot", ".o_pivot table"),
        ...switchView("graph", ".o_graph_canvas_container"),
        ...salesMenu("menu_realty_change_order", "Open the change orders"),
        { trigger: ".o_list_view" },
        ...salesMenu("menu_realty_visit", "Open the visits"),
        { trigger: ".o_list_view .o_data_row:contains(刘洋)" },
        ...salesMenu("menu_realty_sales_daily", "Open the sales daily log"),
        { trigger: ".o_list_view .o_data_row" },
        ...salesMenu("menu_realty_sales_report", "Open the sales analysis"),
        { trigger: ".o_pivot table" },
        ...switchView("graph", ".o_graph_canvas_container"),
        {
            content: "Open the Inventory menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_base.menu_realty_inventory"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="realty_base.menu_realty_room"]',
            run: "click",
        },
        {
            trigger: ".o_searchview_input",
            run: "edit TS-1-1201",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open an available room",
            trigger: ".o_data_row:contains(TS-1-1201) .o_data_cell",
            run: "click",
        },
        openTab("deals"),
        {
            content: "Start a deposit on the room",
            trigger: ".o_form_view .o_form_statusbar button.o_realty_new_deal_deposit",
            run: "click",
        },
        {
            content: "A new deal on the room, offering the deposit only",
            trigger:
                ".o_form_view .o_form_statusbar:has(button[name=action_deposit]):not(:has(button[name=action_reserve]))",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=room_id] input:value(TS-1-1201)",
        },
    ],
});
