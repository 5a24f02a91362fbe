import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { formatFloat } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/** Prefix of the bus channel of a project's grids (models/ir_websocket.py). */
export const GRID_CHANNEL = "realty_sales_grid_";
/** The notification the server sends when rooms change state (models/realty_room.py). */
export const ROOMS_MOVED = "realty_sales/rooms_moved";

const STAGE_ACTIONS = new Set([
    "reservation",
    "small_deposit",
    "deposit",
    "subscription",
    "contract",
]);

const EMPTY_FILTERS = {
    layoutId: "",
    state: "",
    areaMin: "",
    areaMax: "",
    priceMin: "",
    priceMax: "",
};

/** A positive integer from a URL, a context or a params value, else false. */
export function toId(value) {
    const id = parseInt(value, 10);
    return Number.isInteger(id) && id > 0 ? id : false;
}

/** A number typed in a filter box, or null when the box is empty or not a number. */
function toNumber(value) {
    if (value === "" || value === null || value === undefined) {
        return null;
    }
    const number = Number(String(value).replace(/,/g, ""));
    return Number.isFinite(number) ? number : null;
}

/** Dark text on light backgrounds, white text on dark ones. */
export function textColor(hex) {
    const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    if (!match) {
        return "#fff";
    }
    const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16));
    // perceived brightness (ITU-R BT.601)
    return (r * 299 + g * 587 + b * 114) / 1000 > 150 ? "#212529" : "#fff";
}

/**
 * The sales-control grid (销控表) of a building: its rooms by floor (rows) and
 * entrance and position (columns), coloured by state, with filters that dim the
 * rooms outside them, a legend, and a card per room to start a deal, hold or
 * unhold it, or open it. One RPC (realty.building.get_sales_grid) loads it all;
 * the project's bus channel reloads it when rooms move elsewhere.
 */
export class SalesGrid extends Component {
    static template = "realty_sales.SalesGrid";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.busService = useService("bus_service");
        this.keepLast = new KeepLast();
        const restored = this.props.state || {};
        this.state = useState({
            data: null,
            buildingId: restored.buildingId || this.initialBuildingId(),
            filters: { ...EMPTY_FILTERS, ...(restored.filters || {}) },
            selectedId: restored.selectedId || false,
            now: luxon.DateTime.now(),
            loading: false,
        });
        this.channel = false;
        this.mounted = false;
        this.reloadSoon = useDebounced(() => this.load(), 200);
        this.onRoomsMoved = (payload) => {
            const buildingIds = payload?.building_ids || [];
            if (this.state.buildingId && buildingIds.includes(this.state.buildingId)) {
                this.reloadSoon();
            }
        };

        useSetupAction({
            getLocalState: () => ({
                buildingId: this.state.buildingId,
                filters: { ...this.state.filters },
                selectedId: this.state.selectedId,
            }),
        });

        onWillStart(async () => {
            if (!this.state.buildingId) {
                const [first] = await this.orm.searchRead("realty.building", [], ["id"], {
                    limit: 1,
                });
                this.state.buildingId = first ? first.id : false;
            }
            // Every mount loads afresh: back from a deal form (breadcrumb), the room
            // it reserved shows its new state.
            await this.load();
        });
        onMounted(() => {
            this.mounted = true;
            this.busService.subscribe(ROOMS_MOVED, this.onRoomsMoved);
            this.syncChannel();
            // the time in state ("3d", "5h") moves on without a reload
            this.clock = setInterval(() => {
                this.state.now = luxon.DateTime.now();
            }, 60000);
        });
        onWillUnmount(() => {
            this.mounted = false;
            clearInterval(this.clock);
            this.busService.unsubscribe(ROOMS_MOVED, this.onRoomsMoved);
            if (this.channel) {
                this.busService.deleteChannel(this.channel);
                this.channel = false;
            }
        });
    }

    /** The building to show: the action's params, the URL or the context. */
    initialBuildingId() {
        const action = this.props.action || {};
        const params = action.params || {};
        const context = action.context || {};
        return (
            toId(params.building_id) ||
            toId(context.params?.building_id) ||
            toId(context.active_id) ||
            toId(params.active_id) ||
            false
        );
    }

    // ------------------------------------------------------------------ data

    async load() {
        const buildingId = this.state.buildingId;
        if (!buildingId) {
            this.state.data = null;
            return;
        }
        this.state.loading = true;
        let data;
        try {
            data = await this.keepLast.add(
                this.orm.call("realty.building", "get_sales_grid", [buildingId])
            );
        } finally {
            this.state.loading = false;
        }
        this.state.data = data;
        this.state.now = luxon.DateTime.now();
        if (this.state.selectedId && !data.cells.some((c) => c.id === this.state.selectedId)) {
            this.state.selectedId = false;
        }
        // the building stays in the URL (/odoo/<building>/sales-control) and the title
        this.props.updateActionState?.({ active_id: buildingId });
        this.env.config?.setDisplayName?.(
            _t("Sales Control: %(building)s", { building: data.building.name })
        );
        this.syncChannel();
    }

    /** Listen to the channel of the shown building's project, and only to it. */
    syncChannel() {
        if (!this.mounted || !this.state.data) {
            return;
        }
        const channel = GRID_CHANNEL + this.state.data.building.project_id;
        if (channel === this.channel) {
            return;
        }
        if (this.channel) {
            this.busService.deleteChannel(this.channel);
        }
        this.channel = channel;
        this.busService.addChannel(channel);
    }

    async switchBuilding(buildingId) {
        if (buildingId === this.state.buildingId) {
            return;
        }
        this.state.buildingId = buildingId;
        this.state.selectedId = false;
        this.state.filters.layoutId = "";
        await this.load();
    }

    onBuildingSelect(ev) {
        this.switchBuilding(toId(ev.target.value));
    }

    // ------------------------------------------------------------ the table

    get data() {
        return this.state.data;
    }

    get cellsBySlot() {
        const slots = new Map();
        for (const cell of this.data.cells) {
            slots.set(`${cell.floor}|${cell.stair_id}|${cell.position}`, cell);
        }
        return slots;
    }

    /** Rows of the table: each floor with one slot (a cell or null) per column. */
    get rows() {
        const slots = this.cellsBySlot;
        return this.data.floors.map((floor) => ({
            floor,
            slots: this.data.stairs.flatMap((stair) =>
                stair.positions.map((position) => ({
                    key: `${stair.id}-${position}`,
                    cell: slots.get(`${floor.floor}|${stair.id}|${position}`) || null,
                }))
            ),
        }));
    }

    get statesByKey() {
        if (this._statesFor !== this.data) {
            this._statesFor = this.data;
            this._statesByKey = Object.fromEntries(
                this.data.states.map((state) => [state.key, state])
            );
        }
        return this._statesByKey;
    }

    get selectedCell() {
        const id = this.state.selectedId;
        return (id && this.data?.cells.find((cell) => cell.id === id)) || null;
    }

    stairLabel(stair) {
        return _t("Entrance %(code)s", { code: stair.code });
    }

    cellStyle(cell) {
        const color = this.statesByKey[cell.state]?.color || "#adb5bd";
        return `background-color: ${color}; color: ${textColor(color)};`;
    }

    swatchStyle(state) {
        return `background-color: ${state.color};`;
    }

    // ---------------------------------------------------------------- filters

    get filtersActive() {
        return Object.values(this.state.filters).some((value) => value !== "");
    }

    matches(cell) {
        const f = this.state.filters;
        if (f.layoutId && String(cell.layout_id) !== String(f.layoutId)) {
            return false;
        }
        if (f.state && cell.state !== f.state) {
            return false;
        }
        const [areaMin, areaMax] = [toNumber(f.areaMin), toNumber(f.areaMax)];
        if (areaMin !== null && cell.area < areaMin) {
            return false;
        }
        if (areaMax !== null && cell.area > areaMax) {
            return false;
        }
        const [priceMin, priceMax] = [toNumber(f.priceMin), toNumber(f.priceMax)];
        if (priceMin !== null || priceMax !== null) {
            if (cell.total === null || cell.total === undefined) {
                return false;
            }
            if (priceMin !== null && cell.total < priceMin) {
                return false;
            }
            if (priceMax !== null && cell.total > priceMax) {
                return false;
            }
        }
        return true;
    }

    isDimmed(cell) {
        return this.filtersActive && !this.matches(cell);
    }

    get matchCount() {
        return this.data.cells.filter((cell) => this.matches(cell)).length;
    }

    clearFilters() {
        Object.assign(this.state.filters, EMPTY_FILTERS);
    }

    toggleStateFilter(key) {
        this.state.filters.state = this.state.filters.state === key ? "" : key;
    }

    // ---------------------------------------------------------------- formats

    formatArea(area) {
        return formatFloat(area || 0, { digits: [16, 2] });
    }

    formatNumber(value) {
        return formatFloat(value || 0, { digits: [16, 0] });
    }

    formatAmount(value) {
        if (value === null || value === undefined) {
            return "";
        }
        const amount = this.formatNumber(value);
        const { symbol, position } = this.data.currency;
        return position === "after" ? `${amount} ${symbol}` : `${symbol} ${amount}`;
    }

    /** How long the room has been in its state: "12m", "5h", "3d". */
    timeInState(cell) {
        if (!cell.state_since) {
            return "";
        }
        const since = deserializeDateTime(cell.state_since);
        const minutes = Math.max(0, Math.floor(this.state.now.diff(since, "minutes").minutes));
        if (minutes < 60) {
            return _t("%(count)sm", { count: minutes });
        }
        const hours = Math.floor(minutes / 60);
        if (hours < 24) {
            return _t("%(count)sh", { count: hours });
        }
        return _t("%(count)sd", { count: Math.floor(hours / 24) });
    }

    formatSince(cell) {
        if (!cell.state_since) {
            return "";
        }
        return deserializeDateTime(cell.state_since).toLocaleString(luxon.DateTime.DATETIME_SHORT);
    }

    // ------------------------------------------------------------- the card

    selectCell(cell) {
        this.state.selectedId = this.state.selectedId === cell.id ? false : cell.id;
    }

    closeCard() {
        this.state.selectedId = false;
    }

    actionLabel(action) {
        return (
            {
                reservation: _t("Reserve"),
                small_deposit: _t("Small Deposit"),
                deposit: _t("Deposit"),
                subscription: _t("Subscribe"),
                contract: _t("Sign Contract"),
                hold: _t("Hold"),
                unhold: _t("Unhold"),
            }[action] || action
        );
    }

    actionClass(action) {
        return action === "reservation" || action === "unhold" ? "btn-primary" : "btn-secondary";
    }

    actionsFor(cell) {
        return (this.data.actions || {})[cell.state] || [];
    }

    async runAction(cell, action) {
        if (STAGE_ACTIONS.has(action)) {
            // a new deal through the deal form, as the room form's buttons do
            await this.actionService.doAction("realty_sales.realty_deal_action_new", {
                additionalContext: { default_room_id: cell.id, realty_deal_stage: action },
            });
            return;
        }
        const wizard = await this.orm.call("realty.room", "action_open_state_wizard", [[cell.id]], {
            context: { realty_action: action },
        });
        await this.actionService.doAction(wizard, { onClose: () => this.load() });
    }

    async openRoom(cell) {
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "realty.room",
            res_id: cell.id,
            views: [[false, "form"]],
        });
    }

    async openSitePlan() {
        await this.actionService.doAction({
            type: "ir.actions.client",
            tag: "realty_sales.site_plan",
            name: _t("Site Plan"),
            params: { project_id: this.data.building.project_id },
        });
    }
}

registry.category("actions").add("realty_sales.sales_grid", SalesGrid);
