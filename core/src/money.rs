//! Money is integer 分 everywhere in the core, the database and what crosses to the window; this is
//! the one place that turns it into text for printouts, exports and the command line.

use crate::coded::coded_enum;

coded_enum! {
    /// The words for a meal's money, defined once. Every screen, printout, export and the command
    /// line use these, so no page can call the full price 应收 while another means the diner's part.
    MoneyTerm, "moneyTerm", "金额名称" {
        Price => "price", "餐价";
        Subsidy => "subsidy", "补贴";
        Payable => "payable", "个人应付";
        Collected => "collected", "实收";
    }
}

impl MoneyTerm {
    /// The one-line definition shown beside the words in the app and written in the README.
    pub fn definition(self) -> &'static str {
        match self {
            MoneyTerm::Price => "一份餐按就餐人类型的标价",
            MoneyTerm::Subsidy => "按助餐补贴规则由补贴承担的部分",
            MoneyTerm::Payable => "餐价减去补贴，就餐人本人要付的钱",
            MoneyTerm::Collected => "已核销（已取餐）的餐收到的个人应付；未核销的不计",
        }
    }
}

/// 分 as yuan text: 1250 → "12.50".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_fen() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(1250), "12.50");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-305), "-3.05");
    }
}
