import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { toId } from "../sales_grid/sales_grid";

/** Green (nothing sold) to red (all sold), through amber. */
export function soldColor(ratio) {
    const share = Math.min(1, Math.max(0, Number(ratio) || 0));
    return `hsl(${Math.round(120 * (1 - share))}, 65%, 38%)`;
}

/**
 * The site plan (鸟瞰图) of a project: its aerial image with one hotspot per
 * building, coloured by the share of its released rooms that are sold; a click
 * opens the building's sales-control grid.
 */
export class SitePlan extends Component {
    static template = "realty_sales.SitePlan";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, projectId: this.initialProjectId() });
        onWillStart(async () => {
            if (!this.state.projectId) {
                const [first] = await this.orm.searchRead("realty.project", [], ["id"], {
                    limit: 1,
                });
                this.state.projectId = first ? first.id : false;
            }
            await this.load();
        });
    }

    initialProjectId() {
        const action = this.props.action || {};
        const params = action.params || {};
        const context = action.context || {};
        return (
            toId(params.project_id) ||
            toId(context.params?.project_id) ||
            toId(context.active_id) ||
            false
        );
    }

    async load() {
        if (!this.state.projectId) {
            return;
        }
        const data = await this.orm.call("realty.project", "get_site_plan", [
            this.state.projectId,
        ]);
        this.state.data = data;
        this.props.updateActionState?.({ active_id: this.state.projectId });
        this.env.config?.setDisplayName?.(
            _t("Site Plan: %(project)s", { project: data.project.name })
        );
    }

    hasSpot(building) {
        return (
            building.plan_x !== null &&
            building.plan_x !== undefined &&
            building.plan_x !== false &&
            building.plan_y !== null &&
            building.plan_y !== undefined &&
            building.plan_y !== false
        );
    }

    get placed() {
        return this.state.data.buildings.filter((building) => this.hasSpot(building));
    }

    get unplaced() {
        return this.state.data.buildings.filter((building) => !this.hasSpot(building));
    }

    spotStyle(building) {
        const x = Math.min(100, Math.max(0, building.plan_x));
        const y = Math.min(100, Math.max(0, building.plan_y));
        return `left: ${x}%; top: ${y}%; background-color: ${soldColor(building.sold_ratio)};`;
    }

    badgeStyle(building) {
        return `background-color: ${soldColor(building.sold_ratio)};`;
    }

    soldLabel(building) {
        return _t("%(building)s · %(percent)s sold", {
            building: building.name,
            percent: `${Math.round((building.sold_ratio || 0) * 100)}%`,
        });
    }

    soldTitle(building) {
        return _t("%(sold)s of %(released)s released rooms sold", {
            sold: building.sold,
            released: building.released,
        });
    }

    async openGrid(building) {
        await this.actionService.doAction({
            type: "ir.actions.client",
            tag: "realty_sales.sales_grid",
            name: _t("Sales Control: %(building)s", { building: building.name }),
            params: { building_id: building.id },
        });
    }
}

registry.category("actions").add("realty_sales.site_plan", SitePlan);
