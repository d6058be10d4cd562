/** UI strings (zh-CN): Printing (PrintButton and the print dialogs). */
export default {
  print: {
    generating: "正在生成…",
    pages: "共 {n} 页",
    opened: "已在 PDF 阅读器中打开，可以从阅读器打印。",
    reopen: "重新打开",
    saveAs: "另存为",
    savedAs: "已另存为：{path}",
    resultTitle: "打印文件已生成",
    unprintable: "以下文字含有字体不支持的字符，打印时可能显示为空白：",
  },
};
