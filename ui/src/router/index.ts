import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router, type RouterHistory } from "vue-router";
import type { MessageKey } from "../i18n";
import { useSessionStore } from "../stores/session";

declare module "vue-router" {
  interface RouteMeta {
    /** Breadcrumb / page title key. */
    title?: MessageKey;
    /** Pages outside the main frame (setup, login). */
    public?: boolean;
    /** Needs `permissions.manageSystem`. */
    manageSystem?: boolean;
    /** Needs `permissions.viewAudit`. */
    viewAudit?: boolean;
    /** Needs `permissions.bookMeals` (canteen counter and printouts). */
    bookMeals?: boolean;
    /** Needs `permissions.manageCanteen`. */
    manageCanteen?: boolean;
    /** Needs `permissions.organizeCheckups` (stations, providers, invitations, sign-in). */
    organizeCheckups?: boolean;
    /** Needs `permissions.seeHealthValues` (results, follow-ups: health data). */
    seeHealthValues?: boolean;
  }
}

/** Modules shown in the sidebar, in their fixed order. */
export const NAV_ITEMS = [
  { name: "home", path: "/", title: "nav.home", icon: "HomeFilled" },
  { name: "residents", path: "/residents", title: "nav.residents", icon: "UserFilled" },
  { name: "canteen", path: "/canteen", title: "nav.canteen", icon: "Bowl" },
  { name: "checkups", path: "/checkups", title: "nav.checkups", icon: "FirstAidKit" },
  { name: "childcare", path: "/childcare", title: "nav.childcare", icon: "Lollipop" },
  { name: "volunteers", path: "/volunteers", title: "nav.volunteers", icon: "HelpFilled" },
  { name: "requests", path: "/requests", title: "nav.requests", icon: "ChatDotRound" },
  { name: "reports", path: "/reports", title: "nav.reports", icon: "DataAnalysis" },
  { name: "settings", path: "/settings", title: "nav.settings", icon: "Setting" },
] as const satisfies ReadonlyArray<{ name: string; path: string; title: MessageKey; icon: string }>;

const NOT_OPEN = NAV_ITEMS.filter((i) => !["home", "residents", "canteen", "checkups", "settings"].includes(i.name));

/** The 社区食堂 sub-navigation (route names), in order; flags name the permission a tab needs. */
export const CANTEEN_TABS = [
  { name: "canteen", title: "canteen.nav.board" },
  { name: "canteen-bookings", title: "canteen.nav.bookings" },
  { name: "canteen-standing", title: "canteen.nav.standing" },
  { name: "canteen-checkin", title: "canteen.nav.checkin", bookMeals: true },
  { name: "canteen-menu", title: "canteen.nav.menu" },
  { name: "canteen-dishes", title: "canteen.nav.dishes" },
  { name: "canteen-diners", title: "canteen.nav.diners" },
  { name: "canteen-print", title: "canteen.nav.print", bookMeals: true },
  { name: "canteen-settings", title: "canteen.nav.settings", manageCanteen: true },
  { name: "canteen-subsidies", title: "canteen.nav.subsidies" },
] as const satisfies ReadonlyArray<{ name: string; title: MessageKey; bookMeals?: boolean; manageCanteen?: boolean }>;

/** The 健康体检 sub-navigation (route names), in order; flags name the permission a tab needs. */
export const CHECKUP_TABS = [
  { name: "checkups", title: "checkups.nav.campaigns" },
  { name: "checkups-tasks", title: "checkups.nav.tasks", seeHealthValues: true },
  { name: "checkups-setup", title: "checkups.nav.setup", organizeCheckups: true },
  { name: "checkups-thresholds", title: "checkups.nav.thresholds" },
] as const satisfies ReadonlyArray<{
  name: string;
  title: MessageKey;
  seeHealthValues?: boolean;
  organizeCheckups?: boolean;
}>;

export const SETTINGS_TABS = [
  { name: "communities", title: "settings.communities", manageSystem: true },
  { name: "categories", title: "settings.categories", manageSystem: true },
  { name: "users", title: "settings.users", manageSystem: true },
  { name: "general", title: "settings.general", manageSystem: true },
  { name: "backups", title: "settings.backups", manageSystem: true },
  { name: "audit", title: "settings.audit", viewAudit: true },
] as const;

export const routes: RouteRecordRaw[] = [
  { path: "/setup", name: "setup", component: () => import("../views/setup/SetupPage.vue"), meta: { public: true } },
  { path: "/login", name: "login", component: () => import("../views/auth/LoginPage.vue"), meta: { public: true } },
  {
    path: "/",
    component: () => import("../components/layout/MainLayout.vue"),
    children: [
      { path: "", name: "home", component: () => import("../views/home/HomePage.vue"), meta: { title: "nav.home" } },
      {
        // No component: the children render in the layout's router-view; this level gives the breadcrumb.
        path: "residents",
        meta: { title: "nav.residents" },
        children: [
          { path: "", name: "residents", component: () => import("../views/residents/ResidentsPage.vue") },
          {
            path: "import",
            name: "residents-import",
            component: () => import("../views/residents/ImportWizardPage.vue"),
            meta: { title: "residents.import.title" },
          },
          {
            path: ":id(\\d+)",
            name: "resident-detail",
            component: () => import("../views/residents/ResidentDetailPage.vue"),
            meta: { title: "residents.detail.title" },
          },
          {
            // Everyone may open it; the core leaves out the values for roles without `seeHealthValues`.
            path: ":id(\\d+)/health",
            name: "resident-health",
            component: () => import("../views/checkups/ResidentHealthPage.vue"),
            props: (route) => ({ residentId: Number(route.params.id) }),
            meta: { title: "checkups.health.title" },
          },
        ],
      },
      {
        path: "canteen",
        component: () => import("../views/canteen/CanteenLayout.vue"),
        meta: { title: "nav.canteen" },
        children: [
          {
            path: "",
            name: "canteen",
            component: () => import("../views/canteen/BoardPage.vue"),
            meta: { title: "canteen.nav.board" },
          },
          {
            path: "bookings",
            name: "canteen-bookings",
            component: () => import("../views/canteen/BookingsPage.vue"),
            meta: { title: "canteen.nav.bookings" },
          },
          {
            // Everyone may look; changing orders needs `bookMeals` (the page hides the actions).
            path: "standing",
            name: "canteen-standing",
            component: () => import("../views/canteen/StandingOrdersPage.vue"),
            meta: { title: "canteen.nav.standing" },
          },
          {
            path: "checkin",
            name: "canteen-checkin",
            component: () => import("../views/canteen/CheckinPage.vue"),
            meta: { title: "canteen.nav.checkin", bookMeals: true },
          },
          {
            path: "menu",
            name: "canteen-menu",
            component: () => import("../views/canteen/MenuPage.vue"),
            meta: { title: "canteen.nav.menu" },
          },
          {
            path: "dishes",
            name: "canteen-dishes",
            component: () => import("../views/canteen/DishesPage.vue"),
            meta: { title: "canteen.nav.dishes" },
          },
          {
            path: "diners",
            name: "canteen-diners",
            component: () => import("../views/canteen/DinersPage.vue"),
            meta: { title: "canteen.nav.diners" },
          },
          {
            path: "print",
            name: "canteen-print",
            component: () => import("../views/canteen/PrintCenterPage.vue"),
            meta: { title: "canteen.nav.print", bookMeals: true },
          },
          {
            path: "settings",
            name: "canteen-settings",
            component: () => import("../views/canteen/CanteenSettingsPage.vue"),
            meta: { title: "canteen.nav.settings", manageCanteen: true },
          },
          {
            path: "subsidies",
            name: "canteen-subsidies",
            component: () => import("../views/canteen/SubsidyRulesPage.vue"),
            meta: { title: "canteen.nav.subsidies" },
          },
        ],
      },
      {
        path: "checkups",
        component: () => import("../views/checkups/CheckupsLayout.vue"),
        meta: { title: "nav.checkups" },
        children: [
          {
            path: "",
            name: "checkups",
            component: () => import("../views/checkups/CampaignsPage.vue"),
            meta: { title: "checkups.nav.campaigns" },
          },
          {
            // Anyone may look at a campaign; the page shows invitations and results by permission.
            path: "campaigns/:id(\\d+)",
            name: "checkups-campaign",
            component: () => import("../views/checkups/CampaignPage.vue"),
            meta: { title: "checkups.campaign.title" },
          },
          {
            path: "tasks",
            name: "checkups-tasks",
            component: () => import("../views/checkups/TasksPage.vue"),
            meta: { title: "checkups.nav.tasks", seeHealthValues: true },
          },
          {
            path: "setup",
            name: "checkups-setup",
            component: () => import("../views/checkups/CheckupSetupPage.vue"),
            meta: { title: "checkups.nav.setup", organizeCheckups: true },
          },
          {
            // Everyone may read the current set; saving a new version needs `editThresholds` (the page is read-only without).
            path: "thresholds",
            name: "checkups-thresholds",
            component: () => import("../views/checkups/ThresholdsPage.vue"),
            meta: { title: "checkups.nav.thresholds" },
          },
        ],
      },
      ...NOT_OPEN.map<RouteRecordRaw>((item) => ({
        path: item.path.slice(1),
        name: item.name,
        component: () => import("../views/common/NotOpenPage.vue"),
        meta: { title: item.title },
      })),
      {
        path: "settings",
        component: () => import("../views/settings/SettingsPage.vue"),
        meta: { title: "nav.settings", manageSystem: true },
        children: [
          { path: "", name: "settings", redirect: { name: "settings-communities" } },
          {
            path: "communities",
            name: "settings-communities",
            component: () => import("../views/settings/CommunitiesPage.vue"),
            meta: { title: "settings.communities" },
          },
          {
            path: "categories",
            name: "settings-categories",
            component: () => import("../views/settings/CategoryTypesPage.vue"),
            meta: { title: "settings.categories" },
          },
          {
            path: "users",
            name: "settings-users",
            component: () => import("../views/settings/UsersPage.vue"),
            meta: { title: "settings.users" },
          },
          {
            path: "general",
            name: "settings-general",
            component: () => import("../views/settings/GeneralPage.vue"),
            meta: { title: "settings.general" },
          },
          {
            path: "backups",
            name: "settings-backups",
            component: () => import("../views/settings/BackupsPage.vue"),
            meta: { title: "settings.backups" },
          },
          {
            path: "audit",
            name: "settings-audit",
            component: () => import("../views/settings/AuditPage.vue"),
            meta: { title: "settings.audit", viewAudit: true },
          },
        ],
      },
    ],
  },
  { path: "/:pathMatch(.*)*", redirect: "/" },
];

export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  const router = createRouter({ history, routes });

  router.beforeEach(async (to) => {
    const store = useSessionStore();
    if (!store.status) {
      try {
        await store.loadStatus();
      } catch {
        // App.vue shows the startup error with a retry button.
        return true;
      }
    }
    if (!store.initialized) return to.name === "setup" ? true : { name: "setup" };
    if (to.name === "setup") return { name: "login" };
    if (!store.loggedIn) {
      if (to.meta.public) return true;
      return { name: "login", query: to.fullPath !== "/" ? { redirect: to.fullPath } : {} };
    }
    if (to.name === "login") return { name: "home" };
    if (to.matched.some((r) => r.meta.manageSystem) && !store.permissions.manageSystem) return { name: "home" };
    if (to.matched.some((r) => r.meta.viewAudit) && !store.permissions.viewAudit) return { name: "home" };
    if (to.matched.some((r) => r.meta.bookMeals) && !store.permissions.bookMeals) return { name: "canteen" };
    if (to.matched.some((r) => r.meta.manageCanteen) && !store.permissions.manageCanteen) return { name: "canteen" };
    if (to.matched.some((r) => r.meta.organizeCheckups) && !store.permissions.organizeCheckups)
      return { name: "checkups" };
    if (to.matched.some((r) => r.meta.seeHealthValues) && !store.permissions.seeHealthValues)
      return { name: "checkups" };
    return true;
  });

  return router;
}
