/** UI strings (zh-CN): 首页. */
export default {
  home: {
    welcome: "你好，{name}",
    today: "今天是 {date}",
    intro: "从左侧菜单选择要办理的业务。",
    adminLinks: "系统设置",
  },
};
