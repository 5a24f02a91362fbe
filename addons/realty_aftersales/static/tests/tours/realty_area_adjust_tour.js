import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * An area adjustment batch through the web client (tests/test_area_adjust_ui.py),
 * by an after-sales manager (who runs the batch and approves it): a new batch of
 * building 2#, the survey uploaded as a .csv file, imported, one line adjusted by
 * hand with its reason, submitted, approved, applied; then the deal shows the
 * settlement on its schedule and the fees before and after on its Area Adjustment
 * tab. Selectors use field and button names, so the tour runs in any language.
 */

const ROOM = "2-1-101";
const SURVEY = ["房号,建筑面积,套内面积,分摊面积", `${ROOM},91.20,72.33,18.87`].join("\n");

function button(name, content) {
    return {
        content,
        trigger: `.o_form_view .o_form_statusbar button[name=${name}]:enabled`,
        run: "click",
    };
}

function stateIs(state) {
    return {
        content: `The batch is ${state}`,
        trigger: `.o_form_view .o_field_widget[name=state] button[data-value=${state}][aria-checked=true]`,
    };
}

registry.category("web_tour.tours").add("realty_area_adjust_aftersales", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the After-Sales menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_aftersales.menu_realty_aftersales"]',
            run: "click",
        },
        {
            content: "Open the area adjustments",
            trigger: '.dropdown-item[data-menu-xmlid="realty_aftersales.menu_realty_area_adjust_batch"]',
            run: "click",
        },
        {
            content: "A new batch",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The project",
            trigger: ".o_form_view .o_field_widget[name=project_id] input",
            run: "edit Test Garden",
        },
        {
            trigger: ".o_field_widget[name=project_id] .o-autocomplete--dropdown-item:contains(Test Garden)",
            run: "click",
        },
        {
            content: "The surveyed building",
            trigger: ".o_form_view .o_field_widget[name=building_id] input",
            run: "edit 2#",
        },
        {
            trigger: ".o_field_widget[name=building_id] .o-autocomplete--dropdown-item:contains(2#)",
            run: "click",
        },
        {
            content: "Upload the measured areas (a .csv file)",
            trigger: ".o_form_view .o_field_widget[name=file] input[type=file]:not(:visible)",
            run() {
                const input = this.anchor;
                const transfer = new DataTransfer();
                transfer.items.add(new File([SURVEY], "实测面积.csv", { type: "text/csv" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is uploaded",
            trigger: ".o_form_view .o_field_widget[name=file] .o_clear_file_button",
        },
        ...stepUtils.saveForm(),
        button("action_import", "Import the measured areas"),
        stateIs("computed"),
        {
            content: "Review: the contract is computed (V-26: the buyer pays 23,438.99)",
            trigger: `.o_field_widget[name=line_ids] .o_data_row:contains(${ROOM}) .o_data_cell[name=amount]:contains(23,438.99)`,
        },
        {
            content: "Adjust the line by hand",
            trigger: `.o_field_widget[name=line_ids] .o_data_row:contains(${ROOM}) .o_data_cell[name=manual_adjustment]`,
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=manual_adjustment] input",
            run: "edit -438.99",
        },
        {
            content: "with its reason",
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=manual_reason] input",
            run: "edit 抹零",
        },
        ...stepUtils.saveForm(),
        {
            content: "The settled amount follows the adjustment",
            trigger: `.o_field_widget[name=line_ids] .o_data_row:contains(${ROOM}) .o_data_cell[name=amount]:contains(23,000.00)`,
        },
        button("action_submit", "Submit for approval"),
        stateIs("to_approve"),
        button("action_approve", "Approve (an after-sales manager)"),
        stateIs("approved"),
        button("action_apply", "Apply"),
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        stateIs("applied"),
        {
            content: "Open the settlements",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_aftersales.menu_realty_aftersales"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="realty_aftersales.menu_realty_area_adjust_line"]',
            run: "click",
        },
        {
            content: "Open the settled line",
            trigger: `.o_list_view .o_data_row:contains(${ROOM}) .o_data_cell[name=room_id]`,
            run: "click",
        },
        {
            content: "Open its deal",
            trigger: ".o_form_view .o_form_statusbar button[name=action_open_deal]",
            run: "click",
        },
        {
            content: "The deal's schedule tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=schedule]",
            run: "click",
        },
        {
            content: "The schedule has the area adjustment, due at handover",
            trigger: ".o_field_widget[name=schedule_line_ids] .o_data_row:has(.o_data_cell[name=item]:contains(Area Adjustment)) .o_data_cell[name=amount]:contains(23,000.00)",
        },
        {
            content: "The Area Adjustment tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=area_adjustment]",
            run: "click",
        },
        {
            content: "The fees before and after: the maintenance fund on the measured area",
            trigger: ".o_field_widget[name=area_adjust_line_ids] .o_data_row .o_data_cell[name=maintenance_fund_after]:not(:empty)",
        },
        {
            content: "The deal is settled",
            trigger: ".o_form_view .o_field_widget[name=area_adjust_state]:contains(Settled)",
        },
    ],
});
