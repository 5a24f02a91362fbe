/** @odoo-module **/
/* The buyer's selection page on opening day (线上选房): the live grid of the rooms
   on offer, the buyer's window, one tap to pick. Live through the event's bus
   channel, with a 5 s poll of /state as the fallback. */

import publicWidget from "@web/legacy/js/public/public_widget";
import { _t } from "@web/core/l10n/translation";

const POLL_MS = 5000;

function newToken() {
    if (window.crypto && window.crypto.randomUUID) {
        return window.crypto.randomUUID();
    }
    return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

publicWidget.registry.RealtyOpeningPage = publicWidget.Widget.extend({
    selector: ".o_realty_opening",
    events: {
        "click .o_realty_opening_room[data-free='1']": "_onRoomClick",
    },

    async start() {
        await this._super(...arguments);
        this.eventId = parseInt(this.el.dataset.eventId);
        this.busy = false;
        this.onBus = () => this._refresh();
        try {
            this.call("bus_service", "addChannel", this.el.dataset.channel);
            this.call("bus_service", "subscribe", "realty_opening", this.onBus);
        } catch {
            // no bus on this page: the poll below keeps the grid live
        }
        this.poll = setInterval(() => this._refresh(), POLL_MS);
        await this._refresh();
    },

    destroy() {
        clearInterval(this.poll);
        try {
            this.call("bus_service", "unsubscribe", "realty_opening", this.onBus);
        } catch {
            // the bus was not there
        }
        this._super(...arguments);
    },

    async _refresh() {
        let state;
        try {
            const response = await fetch(`/realty/opening/${this.eventId}/state`, {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            });
            if (!response.ok) {
                return;
            }
            state = await response.json();
        } catch {
            return;
        }
        this.state = state;
        this._render();
    },

    _statusText() {
        const { event, me } = this.state;
        if (event.state === "paused") {
            return _t("The selection is paused; please wait.");
        }
        if (event.state === "closed") {
            return _t("The selection is closed.");
        }
        if (!me) {
            return "";
        }
        if (me.picked) {
            return _t("You have picked your room.");
        }
        if (me.forfeited) {
            return _t("You missed your turn and are out of this opening.");
        }
        if (me.choosing_now) {
            return _t("It is your turn: tap a free room.");
        }
        return _t("Please wait for your window.");
    },

    _render() {
        const { event, me, rooms } = this.state;
        const canPick = event.state === "open" && me && me.choosing_now;
        this.el.querySelector(".o_realty_opening_status").textContent = this._statusText();
        this.el.classList.toggle("o_realty_opening_my_turn", Boolean(canPick));
        const grid = this.el.querySelector(".o_realty_opening_grid");
        grid.replaceChildren(
            ...rooms.map((room) => {
                const col = document.createElement("div");
                col.className = "col";
                const button = document.createElement("button");
                button.type = "button";
                button.className = `btn w-100 py-2 o_realty_opening_room ${
                    room.taken ? "btn-secondary disabled" : "btn-outline-success"
                }`;
                button.dataset.roomId = room.id;
                button.dataset.roomCode = room.code;
                button.dataset.free = room.taken || !canPick ? "0" : "1";
                button.dataset.state = room.taken ? "taken" : "free";
                const code = document.createElement("div");
                code.className = "fw-bold";
                code.textContent = room.code;
                const detail = document.createElement("div");
                detail.className = "small";
                detail.textContent = room.taken
                    ? _t("Taken")
                    : [room.layout, room.area ? `${room.area}㎡` : ""].filter(Boolean).join(" ");
                button.append(code, detail);
                col.append(button);
                return col;
            })
        );
    },

    _answer(ok, message, pdfUrl) {
        const answer = this.el.querySelector(".o_realty_opening_answer");
        answer.classList.remove("d-none", "alert-success", "alert-danger");
        answer.classList.add(ok ? "alert-success" : "alert-danger");
        answer.replaceChildren(document.createTextNode(message));
        if (pdfUrl) {
            const link = document.createElement("a");
            link.href = pdfUrl;
            link.target = "_blank";
            link.className = "ms-2 alert-link o_realty_opening_pdf";
            link.textContent = _t("Confirmation (PDF)");
            answer.append(link);
        }
    },

    async _onRoomClick(ev) {
        const button = ev.currentTarget;
        if (this.busy) {
            return;
        }
        this.busy = true;
        const token = newToken();
        const body = JSON.stringify({ room_id: parseInt(button.dataset.roomId), token });
        let result;
        for (let attempt = 0; attempt < 3 && !result; attempt++) {
            try {
                // the same token on a retry: the server returns the first answer
                const response = await fetch(`/realty/opening/${this.eventId}/pick`, {
                    method: "POST",
                    credentials: "same-origin",
                    headers: { "Content-Type": "application/json" },
                    body,
                });
                result = await response.json();
            } catch {
                // network trouble: retry with the same token
            }
        }
        this.busy = false;
        if (!result) {
            this._answer(false, _t("No answer from the server; please try again."));
        } else if (result.ok) {
            this._answer(
                true,
                _t("Room %s is yours.", button.dataset.roomCode),
                `/my/opening/${this.eventId}/pick/${result.pick_id}/pdf`
            );
        } else {
            this._answer(false, result.message || result.code);
        }
        await this._refresh();
    },
});

export default publicWidget.registry.RealtyOpeningPage;
