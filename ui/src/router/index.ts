import {
  createRouter,
  createWebHashHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from "vue-router";
import type { MessageKey } from "../i18n";
import { useSessionStore, type Permission } from "../stores/session";

declare module "vue-router" {
  interface RouteMeta {
    /** Breadcrumb / page title key. */
    title?: MessageKey;
    /** Pages outside the main frame (setup, login). */
    public?: boolean;
    /**
     * The permission (`SessionInfo.permissions`) this page and everything under it needs. Without
     * it the guard sends the user to the start page of the module around it, or home.
     */
    needs?: Permission;
  }
}

/** Modules shown in the sidebar, in their fixed order. */
export const NAV_ITEMS = [
  { name: "home", path: "/", title: "nav.home", icon: "HomeFilled" },
  { name: "residents", path: "/residents", title: "nav.residents", icon: "UserFilled" },
  { name: "canteen", path: "/canteen", title: "nav.canteen", icon: "Bowl" },
  { name: "checkups", path: "/checkups", title: "nav.checkups", icon: "FirstAidKit" },
  { name: "childcare", path: "/childcare", title: "nav.childcare", icon: "Lollipop", needs: "manageChildcare" },
  { name: "volunteers", path: "/volunteers", title: "nav.volunteers", icon: "HelpFilled", needs: "viewVolunteers" },
  { name: "requests", path: "/requests", title: "nav.requests", icon: "ChatDotRound" },
  { name: "reports", path: "/reports", title: "nav.reports", icon: "DataAnalysis" },
  { name: "settings", path: "/settings", title: "nav.settings", icon: "Setting", needs: "manageSystem" },
] as const satisfies ReadonlyArray<{ name: string; path: string; title: MessageKey; icon: string; needs?: Permission }>;

const NOT_OPEN = NAV_ITEMS.filter(
  (i) => !["home", "residents", "canteen", "checkups", "childcare", "volunteers", "settings"].includes(i.name),
);

/** A sub-navigation tab: its route name, its title and the permission it needs (as its route). */
export type Tab = { name: string; title: MessageKey; needs?: Permission };

/** The 社区食堂 sub-navigation (route names), in order. */
export const CANTEEN_TABS: readonly Tab[] = [
  { name: "canteen", title: "canteen.nav.board" },
  { name: "canteen-bookings", title: "canteen.nav.bookings" },
  { name: "canteen-standing", title: "canteen.nav.standing" },
  { name: "canteen-checkin", title: "canteen.nav.checkin", needs: "bookMeals" },
  { name: "canteen-menu", title: "canteen.nav.menu" },
  { name: "canteen-dishes", title: "canteen.nav.dishes" },
  { name: "canteen-diners", title: "canteen.nav.diners" },
  { name: "canteen-print", title: "canteen.nav.print", needs: "bookMeals" },
  { name: "canteen-settings", title: "canteen.nav.settings", needs: "manageCanteen" },
  { name: "canteen-subsidies", title: "canteen.nav.subsidies" },
];

/** The 健康体检 sub-navigation (route names), in order. */
export const CHECKUP_TABS: readonly Tab[] = [
  { name: "checkups", title: "checkups.nav.campaigns" },
  { name: "checkups-tasks", title: "checkups.nav.tasks", needs: "seeHealthValues" },
  { name: "checkups-setup", title: "checkups.nav.setup", needs: "organizeCheckups" },
  { name: "checkups-thresholds", title: "checkups.nav.thresholds" },
];

/** The 托育服务 sub-navigation (route names), in order; the whole module needs `manageChildcare`. */
export const CHILDCARE_TABS: readonly Tab[] = [
  { name: "childcare", title: "childcare.nav.programs" },
  { name: "childcare-desk", title: "childcare.nav.desk" },
  { name: "childcare-month", title: "childcare.nav.month" },
  { name: "childcare-duty", title: "childcare.nav.duty" },
];

/** The 志愿服务 sub-navigation (route names), in order; the whole module needs `viewVolunteers`. */
export const VOLUNTEERS_TABS: readonly Tab[] = [
  { name: "volunteers", title: "volunteers.nav.pairings" },
  { name: "volunteers-activities", title: "volunteers.nav.activities" },
  { name: "volunteers-people", title: "volunteers.nav.people" },
  { name: "volunteers-teams", title: "volunteers.nav.teams" },
  { name: "volunteers-hours", title: "volunteers.nav.hours" },
  { name: "volunteers-proofs", title: "volunteers.nav.proofs" },
];

/** The 系统设置 tabs (route `settings-<name>`); the whole module needs `manageSystem`. */
export const SETTINGS_TABS = [
  { name: "communities", title: "settings.communities", needs: "manageSystem" },
  { name: "categories", title: "settings.categories", needs: "manageSystem" },
  { name: "users", title: "settings.users", needs: "manageSystem" },
  { name: "general", title: "settings.general", needs: "manageSystem" },
  { name: "backups", title: "settings.backups", needs: "manageSystem" },
  { name: "audit", title: "settings.audit", needs: "viewAudit" },
] as const satisfies ReadonlyArray<Tab>;

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
            meta: { title: "canteen.nav.checkin", needs: "bookMeals" },
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
            meta: { title: "canteen.nav.print", needs: "bookMeals" },
          },
          {
            path: "settings",
            name: "canteen-settings",
            component: () => import("../views/canteen/CanteenSettingsPage.vue"),
            meta: { title: "canteen.nav.settings", needs: "manageCanteen" },
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
            meta: { title: "checkups.nav.tasks", needs: "seeHealthValues" },
          },
          {
            path: "setup",
            name: "checkups-setup",
            component: () => import("../views/checkups/CheckupSetupPage.vue"),
            meta: { title: "checkups.nav.setup", needs: "organizeCheckups" },
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
      {
        // Children's schools, allergies and pick-up persons are for 托育 and 管理员 only.
        path: "childcare",
        component: () => import("../views/childcare/ChildcareLayout.vue"),
        meta: { title: "nav.childcare", needs: "manageChildcare" },
        children: [
          {
            path: "",
            name: "childcare",
            component: () => import("../views/childcare/ProgramsPage.vue"),
            meta: { title: "childcare.nav.programs" },
          },
          {
            path: "programs/:id(\\d+)",
            name: "childcare-program",
            component: () => import("../views/childcare/ProgramPage.vue"),
            meta: { title: "childcare.program.title" },
          },
          {
            path: "desk",
            name: "childcare-desk",
            component: () => import("../views/childcare/DeskPage.vue"),
            meta: { title: "childcare.nav.desk" },
          },
          {
            path: "month",
            name: "childcare-month",
            component: () => import("../views/childcare/MonthPage.vue"),
            meta: { title: "childcare.nav.month" },
          },
          {
            path: "duty",
            name: "childcare-duty",
            component: () => import("../views/childcare/DutyPage.vue"),
            meta: { title: "childcare.nav.duty" },
          },
        ],
      },
      {
        // Readers (只读) may look and print; keeping volunteers, pairings, visits, activities, the
        // service record and proofs needs `manageVolunteers` (the pages hide the actions).
        path: "volunteers",
        component: () => import("../views/volunteers/VolunteersLayout.vue"),
        meta: { title: "nav.volunteers", needs: "viewVolunteers" },
        children: [
          {
            path: "",
            name: "volunteers",
            component: () => import("../views/volunteers/PairingsPage.vue"),
            meta: { title: "volunteers.nav.pairings" },
          },
          {
            path: "pairing/:id(\\d+)",
            name: "volunteers-pairing",
            component: () => import("../views/volunteers/PairingPage.vue"),
            meta: { title: "volunteers.detail.title" },
          },
          {
            path: "activities",
            name: "volunteers-activities",
            component: () => import("../views/volunteers/ActivitiesPage.vue"),
            meta: { title: "volunteers.nav.activities" },
          },
          {
            path: "activities/:id(\\d+)",
            name: "volunteers-activity",
            component: () => import("../views/volunteers/ActivityPage.vue"),
            meta: { title: "volunteers.activityPage.title" },
          },
          {
            path: "people",
            name: "volunteers-people",
            component: () => import("../views/volunteers/VolunteersPage.vue"),
            meta: { title: "volunteers.nav.people" },
          },
          {
            path: "people/:id(\\d+)/record",
            name: "volunteers-record",
            component: () => import("../views/volunteers/VolunteerRecordPage.vue"),
            meta: { title: "volunteers.record.title" },
          },
          {
            path: "teams",
            name: "volunteers-teams",
            component: () => import("../views/volunteers/TeamsPage.vue"),
            meta: { title: "volunteers.nav.teams" },
          },
          {
            path: "hours",
            name: "volunteers-hours",
            component: () => import("../views/volunteers/HoursPage.vue"),
            meta: { title: "volunteers.nav.hours" },
          },
          {
            path: "proofs",
            name: "volunteers-proofs",
            component: () => import("../views/volunteers/ProofsPage.vue"),
            meta: { title: "volunteers.nav.proofs" },
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
        meta: { title: "nav.settings", needs: "manageSystem" },
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
            meta: { title: "settings.audit", needs: "viewAudit" },
          },
        ],
      },
    ],
  },
  { path: "/:pathMatch(.*)*", redirect: "/" },
];

/**
 * Where a page the user may not open sends them: the start page of the module it sits in (a
 * 社区食堂 or 健康体检 tab → that module's first page), or home when the whole module is closed.
 */
function startPageAround(to: RouteLocationNormalized, denied: number): RouteLocationRaw {
  const around = to.matched[denied - 1];
  const start = around?.children.find((c) => c.path === "" && c.name);
  return start?.name && start.name !== to.matched[denied]?.name ? { name: start.name } : { name: "home" };
}

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
    const denied = to.matched.findIndex((r) => !store.allows(r.meta.needs));
    return denied < 0 ? true : startPageAround(to, denied);
  });

  return router;
}
