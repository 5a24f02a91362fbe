import { registry } from "@web/core/registry";

/**
 * A contract filed from its deal (tests/test_filing_ui.py): the consultant files
 * it, sends it to the (simulated) city system at once, sees the filing number on
 * the filing and on the deal; then the sales-control grid shows the room filed.
 * Selectors use field and button names, so the tours run in any language.
 */

const ROOM = "1-1-1101";

registry.category("web_tour.tours").add("realty_filing_file_contract", {
    steps: () => [
        {
            content: "File the signed contract",
            trigger: ".o_form_view .o_form_statusbar button[name=action_file_contract]",
            run: "click",
        },
        {
            content: "The filing is queued",
            trigger: ".o_form_view .o_field_widget[name=state] button[data-value=queued][aria-checked=true]",
        },
        {
            content: "Send it now rather than wait for the queue",
            trigger: ".o_form_view .o_form_statusbar button[name=action_send_now]",
            run: "click",
        },
        {
            content: "The city system accepted it",
            trigger: ".o_form_view .o_field_widget[name=state] button[data-value=accepted][aria-checked=true]",
        },
        {
            content: "Its filing number shows",
            trigger: ".o_form_view .o_field_widget[name=filing_number]:contains(HZWQHT)",
        },
        {
            content: "The attempt is logged",
            trigger: ".o_form_view .o_field_widget[name=attempt_ids] .o_data_row",
        },
        {
            content: "Back to the deal",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(TG-)",
            run: "click",
        },
        {
            content: "Open the contract tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=contract]",
            run: "click",
        },
        {
            content: "The deal shows the filing number",
            trigger: ".o_form_view .o_field_widget[name=filing_number]:contains(HZWQHT)",
        },
        {
            content: "The room is filed",
            trigger: ".o_form_view .o_field_widget[name=room_state]:contains(/^(Filed|网签\\/备案)/)",
        },
    ],
});

registry.category("web_tour.tours").add("realty_filing_grid_filed", {
    steps: () => [
        {
            content: "The grid shows the room filed",
            trigger: `.o_realty_grid_table .o_realty_cell[data-room-code="${ROOM}"][data-state=filed]`,
        },
        {
            content: "The legend counts it",
            trigger: ".o_realty_grid_legend .o_realty_legend_item[data-state=filed] .o_realty_legend_count:contains(1)",
        },
    ],
});
