import { registry } from "@web/core/registry";

/**
 * Opening day (线上选房) on a phone-sized screen (tests/test_opening_ui.py): the
 * buyer waits for their window, picks a room with one tap, gets the answer and the
 * confirmation PDF; then the manager's sales-control grid shows the room taken.
 * Selectors use classes and data attributes only, so the tours run in any
 * language. Room codes are those of the fixtures (tests/common.py, building 1#).
 */

const ROOM = "1-1-1101";

function room(code, extra = "") {
    return `.o_realty_opening_grid .o_realty_opening_room[data-room-code="${code}"]${extra}`;
}

registry.category("web_tour.tours").add("realty_opening_pick_phone", {
    steps: () => [
        {
            content: "The page shows the rooms on offer",
            trigger: room(ROOM, "[data-state=free]"),
        },
        {
            content: "The window opens (the page polls): the free room can be tapped",
            trigger: `.o_realty_opening.o_realty_opening_my_turn ${room(ROOM, "[data-free='1']")}`,
            timeout: 30000,
        },
        {
            content: "Tap the room",
            trigger: room(ROOM, "[data-free='1']"),
            run: "click",
        },
        {
            content: "The answer says the room is the buyer's, with the confirmation PDF",
            trigger: ".o_realty_opening_answer.alert-success a.o_realty_opening_pdf",
        },
        {
            content: "The room shows taken",
            trigger: room(ROOM, "[data-state=taken]"),
        },
    ],
});

registry.category("web_tour.tours").add("realty_opening_manager_grid", {
    steps: () => [
        {
            content: "The manager's grid shows the picked room at the small deposit stage",
            trigger: `.o_realty_grid_table .o_realty_cell[data-room-code="${ROOM}"][data-state=small_deposit]`,
        },
    ],
});
