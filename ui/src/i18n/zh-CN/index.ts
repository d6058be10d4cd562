/**
 * All UI strings (zh-CN), one file per module (`ui/src/views/<module>`). Keys are English so another
 * locale can be added later; a module's top-level keys must not repeat another's.
 */
import common from "./common";
import auth from "./auth";
import home from "./home";
import settings from "./settings";
import residents from "./residents";
import canteen from "./canteen";
import checkups from "./checkups";
import childcare from "./childcare";
import volunteers from "./volunteers";
import print from "./print";

const zhCN = {
  ...common,
  ...auth,
  ...home,
  ...settings,
  ...residents,
  ...canteen,
  ...checkups,
  ...childcare,
  ...volunteers,
  ...print,
};

export default zhCN;
export type Messages = typeof zhCN;
