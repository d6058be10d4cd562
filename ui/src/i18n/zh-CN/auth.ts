/** UI strings (zh-CN): First start (setup), sign-in and the lock screen. */
export default {
  setup: {
    title: "首次使用设置",
    intro: "请填写街道办事处名称并创建管理员账号。管理员可以在“系统设置”中添加其他用户。",
    officeName: "街道办事处名称",
    officePlaceholder: "例如：中阳楼街道办事处",
    adminUsername: "管理员用户名",
    adminUsernamePlaceholder: "登录时使用，例如 admin",
    password: "密码",
    passwordConfirm: "再次输入密码",
    submit: "完成设置",
    done: "设置完成，请用管理员账号登录",
  },
  login: {
    title: "登录",
    username: "用户名",
    password: "密码",
    submit: "登录",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
  },
  lock: {
    title: "屏幕已锁定",
    hint: "请输入密码解锁",
    password: "密码",
    submit: "解锁",
    switchUser: "切换用户/退出登录",
  },
};
