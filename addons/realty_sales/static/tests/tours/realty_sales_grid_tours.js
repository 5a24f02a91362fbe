import { registry } from "@web/core/registry";

/**
 * The sales-control grid (销控表) in the web client (tests/test_sales_grid_ui.py).
 * Selectors use classes and data attributes only, so the tours run in any
 * language. Room codes are those of the fixtures (tests/common.py, building 1#).
 */

const ROOM = "1-1-1101"; // available, layout GRID-A
const SAME_LAYOUT = "1-1-1201"; // available, layout GRID-A
const OTHER = "1-1-1102"; // available, layout GRID-B
const LIVE_ROOM = "1-1-1302"; // held by the test while the grid is open
const HOLD_ROOM = "1-1-1301"; // held by the manager from the grid
const BUYER = "陈立";

function cell(code, extra = "") {
    return `.o_realty_grid_table .o_realty_cell[data-room-code="${code}"]${extra}`;
}

function stageIs(stage) {
    return {
        content: `The deal is at the ${stage} stage`,
        trigger: `.o_form_view .o_field_widget[name=stage] button[data-value=${stage}][aria-checked=true]`,
    };
}

/**
 * A consultant filters the grid by layout, reserves a room from its card through
 * the deal form, and comes back to the grid (breadcrumb) to see the room reserved.
 */
registry.category("web_tour.tours").add("realty_sales_grid_reserve", {
    steps: () => [
        {
            content: "The grid shows the building's rooms, by state",
            trigger: cell(ROOM, "[data-state=available]"),
        },
        {
            trigger: cell(OTHER, "[data-state=available]"),
        },
        {
            content: "The legend counts the available rooms",
            trigger: ".o_realty_grid_legend .o_realty_legend_item[data-state=available] .o_realty_legend_count",
        },
        {
            content: "Filter on one layout",
            trigger: ".o_realty_grid_filters select.o_realty_filter_layout",
            run: "selectByLabel GRID-A",
        },
        {
            content: "Rooms of another layout are dimmed, not hidden",
            trigger: cell(OTHER, ".o_realty_dimmed"),
        },
        {
            content: "Rooms of the layout stay bright",
            trigger: cell(ROOM, ":not(.o_realty_dimmed)"),
        },
        {
            trigger: cell(SAME_LAYOUT, ":not(.o_realty_dimmed)"),
        },
        {
            content: "Open the room's card",
            trigger: cell(ROOM),
            run: "click",
        },
        {
            content: "The card offers the consultant's actions, not holding",
            trigger: `.o_realty_room_card[data-room-code="${ROOM}"]:not(:has(.o_realty_grid_action[data-action=hold]))`,
        },
        {
            content: "Reserve the room",
            trigger: `.o_realty_room_card[data-room-code="${ROOM}"] .o_realty_grid_action[data-action=reservation]`,
            run: "click",
        },
        {
            content: "A new deal on the room, offering the reservation only",
            trigger:
                ".o_form_view .o_form_statusbar:has(button[name=action_reserve]):not(:has(button[name=action_deposit]))",
        },
        {
            trigger: `.o_form_view .o_field_widget[name=room_id] input:value(${ROOM})`,
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
            content: "Reserve (预留)",
            trigger: ".o_form_view .o_form_statusbar button[name=action_reserve]",
            run: "click",
        },
        stageIs("reservation"),
        {
            content: "Back to the grid",
            trigger: ".o_control_panel .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "The room is reserved on the grid",
            trigger: cell(ROOM, "[data-state=reserved]"),
        },
        {
            content: "The other rooms are still available",
            trigger: cell(OTHER, "[data-state=available]"),
        },
    ],
});

/**
 * A sales manager keeps the grid open while the room is held elsewhere (by the
 * test, in Python): the cell turns held through the bus, without a reload.
 */
registry.category("web_tour.tours").add("realty_sales_grid_live", {
    steps: () => [
        {
            content: "The room is available",
            trigger: cell(LIVE_ROOM, "[data-state=available]"),
            run() {
                // gone if the page reloads: the last step then fails
                document.body.dataset.realtyGridNoReload = "1";
            },
        },
        {
            content: "The room turns held without a reload",
            trigger: `body[data-realty-grid-no-reload] ${cell(LIVE_ROOM, "[data-state=held]")}`,
            timeout: 45000,
        },
        {
            content: "The legend counts it",
            trigger: ".o_realty_grid_legend .o_realty_legend_item[data-state=held] .o_realty_legend_count:contains(1)",
        },
        {
            content: "The held room's card offers the manager's actions on a held room",
            trigger: cell(LIVE_ROOM),
            run: "click",
        },
        {
            trigger: `.o_realty_room_card[data-room-code="${LIVE_ROOM}"]:has(.o_realty_grid_action[data-action=reservation]):has(.o_realty_grid_action[data-action=unhold])`,
        },
        {
            content: "Open another room's card",
            trigger: cell(HOLD_ROOM, "[data-state=available]"),
            run: "click",
        },
        {
            content: "Hold it (销控)",
            trigger: `.o_realty_room_card[data-room-code="${HOLD_ROOM}"] .o_realty_grid_action[data-action=hold]`,
            run: "click",
        },
        {
            content: "Give a reason",
            trigger: ".modal .o_field_widget[name=hold_reason_id] input",
            run: "click",
        },
        {
            // a reason itself, not "Search More..." nor a line still loading
            trigger: ".modal .o_field_widget[name=hold_reason_id] .o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):has(a):first",
            run: "click",
        },
        {
            content: "The reason is chosen",
            trigger: ".modal:not(:has(.o-autocomplete--dropdown-menu)) .o_field_widget[name=hold_reason_id]:not(.o_field_invalid) input:not(:value(''))",
        },
        {
            trigger: ".modal .modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The grid shows the room held once the dialog closes",
            trigger: `body:not(:has(.modal)) ${cell(HOLD_ROOM, "[data-state=held]")}`,
        },
        {
            trigger: ".o_realty_grid_legend .o_realty_legend_item[data-state=held] .o_realty_legend_count:contains(2)",
        },
    ],
});

/**
 * The demo grid of 湖畔花园 1#, scrolled to its sold floors with a room's card
 * open: the picture of the README (docs/sales_grid.png).
 */
registry.category("web_tour.tours").add("realty_sales_grid_screenshot", {
    steps: () => [
        {
            content: "The grid of 1# shows the demo deals",
            trigger: '.o_realty_grid_table .o_realty_cell[data-room-code="1-1-1601"][data-state=small_deposit]',
            run: "click",
        },
        {
            content: "The card of the room is open",
            trigger: '.o_realty_room_card[data-room-code="1-1-1601"]',
            run() {
                const scroll = document.querySelector(".o_realty_grid_scroll");
                const row = document
                    .querySelector('.o_realty_cell[data-room-code="1-1-1702"]')
                    .closest("tr");
                const head = scroll.querySelector("thead");
                const rowHeight = row.getBoundingClientRect().height;
                scroll.scrollTop = Math.max(0, row.offsetTop - head.offsetHeight - 4 * rowHeight);
            },
        },
        {
            trigger: ".o_realty_grid_legend .o_realty_legend_item[data-state=small_deposit]",
        },
    ],
});
