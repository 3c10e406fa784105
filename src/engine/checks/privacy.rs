//! `privacy.personal-data`: mobile numbers and resident ID numbers.
//! ID numbers must have a plausible birth date and a valid GB 11643 check digit
//! (ISO 7064 MOD 11-2), so statistics and document numbers are not flagged.

use std::ops::Range;

use super::{fill, in_chrome};
use crate::document::Document;
use crate::engine::Finding;
use crate::rules::checks::{NumberRule, Privacy};

/// GB 11643-1999 check: 17 digits, then the check character (0–9 or X).
pub fn id_checksum_ok(id: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CODE: &[u8; 11] = b"10X98765432";
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CODE[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// Birth date (digits 7–14) is a real date between 1900 and 2099.
pub fn id_birth_date_ok(id: &str) -> bool {
    let Some(d) = id.get(6..14) else { return false };
    let (Ok(y), Ok(m), Ok(day)) = (
        d[..4].parse::<u32>(),
        d[4..6].parse::<u32>(),
        d[6..].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2099).contains(&y) && (1..=days).contains(&day)
}

/// Keep the first 3 and last 4 digits.
fn mask(number: &str) -> String {
    let digits: Vec<char> = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let n = digits.len();
    if n <= 7 {
        return "*".repeat(n);
    }
    digits[..3].iter().collect::<String>()
        + &"*".repeat(n - 7)
        + &digits[n - 4..].iter().collect::<String>()
}

/// Matches of a number rule in the scan text that stand alone (no digit or
/// Latin letter right before or after, no decimal part: 13512345678.50元 is
/// an amount), outside page chrome.
fn numbers<'a>(
    doc: &'a Document,
    rule: &'a NumberRule,
) -> impl Iterator<Item = (Range<usize>, &'a str)> + 'a {
    let scan = &doc.scan.text;
    rule.regex.find_iter(scan).filter_map(move |m| {
        let before = scan[..m.start()].chars().next_back();
        let after = scan[m.end()..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let decimals = matches!(after, Some('.' | '．'))
            && scan[m.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit());
        if glued(before) || glued(after) || decimals {
            return None;
        }
        let rest = scan[m.end()..].trim_start();
        if rule
            .not_followed_by
            .iter()
            .any(|w| rest.starts_with(w.as_str()))
        {
            return None;
        }
        let r = doc.scan.to_original(m.range());
        (!in_chrome(doc, &r)).then_some((r, m.as_str()))
    })
}

fn make(p: &Privacy, rule: &NumberRule, range: Range<usize>, number: &str) -> Finding {
    let masked = mask(number);
    let vars = [("number", number), ("masked", masked.as_str())];
    Finding {
        id: p.id.clone(),
        severity: p.severity,
        message: fill(&rule.message, &vars),
        range,
        suggestion: rule.suggestion.as_deref().map(|s| fill(s, &vars)),
        related: Vec::new(),
    }
}

pub fn run(doc: &Document, p: &Privacy) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(rule) = &p.mobile {
        for (r, n) in numbers(doc, rule) {
            out.push(make(p, rule, r, n));
        }
    }
    if let Some(rule) = &p.resident_id {
        for (r, n) in numbers(doc, rule) {
            if id_checksum_ok(n) && id_birth_date_ok(n) {
                out.push(make(p, rule, r, n));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{ids, report};
    use super::*;

    const ID: &str = "privacy.personal-data";

    fn body(line: &str) -> String {
        report(
            2023,
            &format!("一、主要举措和成效\n全面推行行政执法三项制度。\n{line}"),
        )
    }

    #[test]
    fn mobile_in_contact_line() {
        let f = ids(&body("（联系人：李某；联系电话：13812345678）"), ID);
        assert_eq!(f.len(), 1);
        assert!(f[0].suggestion.as_deref().unwrap().contains("138****5678"));
        assert_eq!(ids(&body("联系电话：138-1234-5678。"), ID).len(), 1);
        // A sentence's full stop is not a decimal point.
        assert_eq!(ids(&body("联系电话：13812345678."), ID).len(), 1);
    }

    #[test]
    fn landlines_hotlines_and_long_numbers_are_fine() {
        for line in [
            "联系电话：023-67821234。",
            "拨打12345政务服务热线。",
            "服务热线400-800-1234。",
            "索引号：113812345678901。",
            "成交额138123456789元。",
            "投入资金15000000000元。",
            "办件编号A13812345678。",
            "累计拨付资金13512345678.50元。",
            "合计１５０１２３４５６７８．００元。",
            "2023 139 1356 1780",
        ] {
            assert!(
                ids(&body(line), ID).is_empty(),
                "{line}: {:?}",
                ids(&body(line), ID)
            );
        }
    }

    #[test]
    fn valid_resident_id_is_flagged() {
        // The GB 11643 standard's own example: 11010519491231002X.
        assert!(id_checksum_ok("11010519491231002X"));
        assert!(id_birth_date_ok("11010519491231002X"));
        let f = ids(&body("当事人身份证号11010519491231002X。"), ID);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("身份证"));
    }

    #[test]
    fn random_eighteen_digits_are_not_an_id() {
        assert!(!id_checksum_ok("110105194912310021"));
        assert!(ids(&body("统一社会信用代码数字部分110105194912310021。"), ID).is_empty());
        // Right checksum, impossible birth date.
        let mut s = String::from("11010519491331");
        s.push_str("002");
        let sum: u32 = s
            .bytes()
            .zip([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        s.push(b"10X98765432"[(sum % 11) as usize] as char);
        assert!(id_checksum_ok(&s));
        assert!(!id_birth_date_ok(&s));
        assert!(ids(&body(&format!("编号{s}。")), ID).is_empty());
    }
}
