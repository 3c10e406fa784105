use std::time::Instant;
fn t(p: &str) { let t0 = Instant::now(); let r = regex::Regex::new(p).unwrap(); let c = t0.elapsed(); let text = std::fs::read_to_string("samples/reports/qingchuan-city-2024-complete.txt").unwrap(); let t1 = Instant::now(); let n = r.find_iter(&text).count(); eprintln!("{:?} compile, {:?} scan ({n}) {}", c, t1.elapsed(), p); }
fn main() {
    t("(常务会议?|党组会议?|办公会议?|常委会(议)?)[^。；]{0,40}(学习|学法)[^。；]{0,60}(法治|依法治|法律|法规|宪法|《[^》]{1,30}(法|条例)》)");
    t("(常务会议?|党组会议?|办公会议?|常委会(议)?)(?s-u:.){0,120}?(学习|学法)(?s-u:.){0,180}?(法治|依法治|法律|法规|宪法|《(?s-u:.){1,90}?(法|条例)》)");
    t("决策[^。]{0,60}风险评估");
    t("决策(?s-u:.){0,180}?风险评估");
}
