import { createApp } from "vue";
import { createPinia } from "pinia";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import "dayjs/locale/zh-cn";
import "element-plus/dist/index.css";
import "./styles/main.css";
import App from "./App.vue";
import { createAppRouter } from "./router";
import { setSessionErrorHandler } from "./api/invoke";
import { useSessionStore } from "./stores/session";
import { t } from "./i18n";

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
const router = createAppRouter();
app.use(router);
app.use(ElementPlus, { locale: zhCn });

// `session_locked` → lock overlay; `not_logged_in` → login page.
setSessionErrorHandler((err) => {
  const store = useSessionStore(pinia);
  if (err.is("session_locked")) {
    store.markLocked();
    return;
  }
  if (err.is("not_logged_in")) {
    const wasLoggedIn = store.loggedIn;
    store.endSession(wasLoggedIn ? t("errors.sessionEnded") : null);
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.replace({ name: "login" });
  }
});

app.mount("#app");
