/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openInventoryMenu(menuXmlid, content) {
    return [
        ...stepUtils.goToAppSteps("realty_base.menu_realty_root", "Open the Realty app"),
        {
            content: "Open the Inventory menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="realty_base.menu_realty_inventory"]',
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid="${menuXmlid}"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("realty_base_generate_and_release", {
    url: "/odoo",
    steps: () => [
        ...openInventoryMenu("realty_base.menu_realty_building", "Open the buildings"),
        {
            content: "Create a building",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit T1",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=code] input",
            run: "edit T1",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=project_id] input",
            run: "edit Tour Project",
        },
        {
            content: "Pick the project",
            trigger: ".o_field_widget[name=project_id] .o-autocomplete--dropdown-item:contains(Tour Project)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=floors_above] input",
            run: "edit 3",
        },
        ...stepUtils.saveForm(),
        {
            content: "Open the room generation",
            trigger: ".o_form_view button[name=action_open_generate_wizard]",
            run: "click",
        },
        {
            content: "The wizard knows the building's floors",
            trigger: ".modal .o_field_widget[name=floors_above] input:value(3)",
        },
        {
            content: "Add a floor range",
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_selected_row .o_field_widget[name=floor_to] input",
            run: "edit 3",
        },
        {
            trigger: ".modal .o_selected_row .o_field_widget[name=position_to] input",
            run: "edit 2",
        },
        {
            trigger: ".modal .o_selected_row .o_field_widget[name=area_building] input",
            run: "edit 90",
        },
        {
            trigger: ".modal .o_selected_row .o_field_widget[name=area_inner] input",
            run: "edit 72",
        },
        {
            trigger: ".modal .o_selected_row .o_field_widget[name=area_shared] input",
            run: "edit 18 && click .modal .o_horizontal_separator",
        },
        {
            content: "The preview announces 6 rooms",
            trigger: ".modal .o_realty_generate_preview tr:contains(Rooms to generate) td:contains(6)",
        },
        {
            content: "The preview lists the room codes",
            trigger: ".modal .o_realty_generate_preview:contains(T1-1-101):contains(T1-1-302)",
        },
        {
            content: "Generate the rooms",
            trigger: ".modal-footer button[name=action_generate]",
            run: "click",
        },
        {
            content: "The building's 6 rooms are listed, unreleased",
            trigger: ".o_list_view .o_data_row:eq(5) td[name=state]:contains(Unreleased)",
        },
        ...openInventoryMenu("realty_base.menu_realty_permit", "Open the permits"),
        {
            content: "Open the tour permit",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(TOUR-PERMIT-1)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=building_ids] input",
            run: "edit T1",
        },
        {
            content: "Cover building T1",
            trigger: ".o_field_widget[name=building_ids] .o-autocomplete--dropdown-item:contains(T1)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=building_ids] .o_tag:contains(T1)",
        },
        ...stepUtils.saveForm(),
        {
            content: "Validate the permit",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The permit is active",
            trigger: ".o_form_view .ribbon:contains(Active)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=valid]",
        },
        {
            content: "It covers the 6 rooms",
            trigger: ".oe_stat_button[name=action_view_covered_rooms] .o_stat_value:contains(6)",
        },
    ],
});

registry.category("web_tour.tours").add("realty_base_release_rooms", {
    url: "/odoo",
    steps: () => [
        ...openInventoryMenu("realty_base.menu_realty_building", "Open the buildings"),
        {
            content: "Open building T1",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(T1)",
            run: "click",
        },
        {
            content: "Release its rooms",
            trigger: ".o_form_view button[name=action_release_rooms]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Nothing is left to release",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_release_rooms]))",
        },
        {
            content: "The 6 rooms are available",
            trigger: ".oe_stat_button:contains(Available) .o_stat_value:contains(6)",
        },
        {
            content: "Open the building's rooms",
            trigger: ".oe_stat_button:contains(Rooms)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:eq(5) td[name=state]:contains(Available)",
        },
        {
            content: "Every room of the building is available",
            trigger: ".o_list_view:not(:has(td[name=state]:contains(Unreleased)))",
        },
    ],
});
