import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * A handover through the web client (tests/test_handover_ui.py): the after-sales
 * user schedules the handover of a signed contract, sends the notice, records the
 * inspection with one defect, closes it, records keys and the buyer's signature,
 * hands the room over and sees it delivered. Selectors use field and button
 * names, so the tour runs in any language.
 */

const ROOM = "1-1-1101";
const today = luxon.DateTime.now().toFormat("MM/dd/yyyy");

function button(name, content) {
    return {
        content,
        trigger: `.o_form_view .o_form_statusbar button[name=${name}]`,
        run: "click",
    };
}

function stateIs(state) {
    return {
        content: `The handover is ${state}`,
        trigger: `.o_form_view .o_field_widget[name=state] button[data-value=${state}][aria-checked=true]`,
    };
}

registry.category("web_tour.tours").add("realty_handover_aftersales", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the After-Sales menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_aftersales.menu_realty_aftersales"]',
            run: "click",
        },
        {
            content: "Open the handovers",
            trigger: '.dropdown-item[data-menu-xmlid="realty_aftersales.menu_realty_handover"]',
            run: "click",
        },
        {
            content: "Schedule a handover",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the signed contract",
            trigger: ".o_form_view .o_field_widget[name=deal_id] input",
            run: `edit ${ROOM}`,
        },
        {
            // the deal is named by its number (the test project's code first); its
            // room finds it
            trigger: ".o_field_widget[name=deal_id] .o-autocomplete--dropdown-item:contains(TG-)",
            run: "click",
        },
        {
            content: "The room comes with the deal",
            trigger: `.o_form_view .o_field_widget[name=room_id]:contains(${ROOM})`,
        },
        {
            content: "The buyer comes with the deal",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(Tour Buyer)",
        },
        ...stepUtils.saveForm(),
        button("action_send_notice", "Send the handover notice"),
        stateIs("notified"),
        button("action_new_inspection", "Record the inspection with the buyer"),
        {
            content: "Add a defect",
            trigger: ".o_form_view .o_field_widget[name=defect_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=defect_ids] .o_selected_row .o_field_widget[name=location] input",
            run: "edit Master bedroom window",
        },
        {
            trigger: ".o_field_widget[name=defect_ids] .o_selected_row .o_field_widget[name=description] textarea",
            run: "edit Crack in the window sill",
        },
        ...stepUtils.saveForm(),
        {
            content: "The defect went to the engineering team",
            trigger: ".o_field_widget[name=defect_ids] .o_data_row .o_field_widget[name=engineer_id]:contains(realty_engineer)",
        },
        {
            content: "The defect is fixed: close it",
            trigger: ".o_field_widget[name=defect_ids] .o_data_row button[name=action_close]",
            run: "click",
        },
        {
            content: "The defect is closed",
            trigger: ".o_field_widget[name=defect_ids] .o_data_row:not(:has(button[name=action_close]))",
        },
        {
            content: "Back to the handover",
            trigger: ".o_breadcrumb .breadcrumb-item:contains(JF) a",
            run: "click",
        },
        stateIs("inspected"),
        {
            content: "Open the handover tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=handover]",
            run: "click",
        },
        {
            content: "Two keys",
            trigger: ".o_form_view .o_field_widget[name=key_count] input",
            run: "edit 2",
        },
        {
            content: "The buyer signs today",
            trigger: ".o_form_view .o_field_widget[name=buyer_signed_date] input",
            run: `edit ${today}`,
        },
        {
            trigger: ".o_form_view .o_field_widget[name=meter_water] input",
            run: "click",
        },
        ...stepUtils.saveForm(),
        button("action_hand_over", "Hand the room over"),
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        stateIs("done"),
        {
            content: "The room is delivered",
            trigger: ".o_form_view .o_field_widget[name=room_state]:contains(Delivered)",
        },
    ],
});
