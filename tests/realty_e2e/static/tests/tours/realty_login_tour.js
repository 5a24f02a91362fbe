import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("realty_e2e_login_open_menu", {
    url: "/web/login",
    steps: () => [
        {
            content: "Type the login",
            trigger: ".oe_login_form input[name=login]",
            run: "edit admin",
        },
        {
            content: "Type the password",
            trigger: ".oe_login_form input[name=password]",
            run: "edit admin",
        },
        {
            content: "Log in",
            trigger: ".oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Realty app",
            trigger: ".o_app[data-menu-xmlid='realty_base.menu_realty_root']",
            run: "click",
        },
        {
            content: "The app's first screen is shown (the sales-control grid, or a list)",
            trigger:
                ".o_action_manager .o_realty_sales_grid, .o_action_manager .o_kanban_view, .o_action_manager .o_list_view",
        },
    ],
});
