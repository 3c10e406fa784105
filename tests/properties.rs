//! Property tests: any bytes give a result or an error; every span the document
//! and the engine produce lies on char boundaries inside the text.

use std::ops::Range;
use std::sync::OnceLock;

use fazhi::document::Document;
use fazhi::engine::{audit, CompiledPack};
use fazhi::ingest::{read_bytes, Limits};
use fazhi::rules::RuleSet;
use proptest::prelude::*;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| fazhi::rules::load_builtin().expect("built-in rules load"))
}

fn packs() -> &'static [CompiledPack] {
    static PACKS: OnceLock<Vec<CompiledPack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        rules()
            .packs
            .iter()
            .map(|p| CompiledPack::new(p.clone()).expect("built-in pack compiles"))
            .collect()
    })
}

/// Pieces of Chinese-report-like text: heading markers of every level, list
/// leads, punctuation, line breaks of every kind, full-width spaces, digits,
/// dates and words the rules look for.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "一、", "二、", "十二、", "（一）", "（二）", "(三)", "1.", "2．", "10、", "（1）",
            "(2)", "①", "②", "⑩", "一是", "二是", "第一，", "首先，", "此外，",
        ]).prop_map(String::from),
        4 => prop::sample::select(vec![
            "。", "，", "；", "：", "、", "！", "？", "“", "”", "《", "》", "（", "）", "—", "…",
            "\n", "\n\n", "\r\n", "\r", " ", "\u{3000}", "\u{3000}\u{3000}", "\t", "\u{feff}",
            "\u{a0}", "\u{200b}",
        ]).prop_map(String::from),
        4 => prop::sample::select(vec![
            "法治政府建设", "年度报告", "人民政府", "司法局", "依法行政", "行政复议", "行政执法",
            "规范性文件", "存在的不足", "主要负责人", "第一责任人", "下一步", "工作安排", "习近平法治思想",
            "法律顾问", "公职律师", "政务公开", "主要举措和成效", "推进", "全面", "开展", "学法",
            "整改措施：", "》的政策解读", "存在问题及整改措施", "法治政府建设实施纲要（2022—2025年）",
        ]).prop_map(String::from),
        2 => "[0-9]{1,4}".prop_map(String::from),
        2 => prop::sample::select(vec![
            "2024年", "2023年度", "2025年1月10日", "２０２４年", "二〇二四年", "12月31日", "%", "件", "次",
        ]).prop_map(String::from),
        3 => "[\u{4e00}-\u{9fa5}]{1,6}".prop_map(String::from),
        1 => "[a-zA-Z ]{1,5}".prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

fn on_boundary(text: &str, r: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
    Ok(())
}

fn check_document(s: &str) -> Result<(), TestCaseError> {
    let doc = Document::from_text(s, &rules().profile);
    let text = &doc.text;
    for b in &doc.blocks {
        on_boundary(text, &b.range, "block")?;
        on_boundary(text, &b.body(), "block body")?;
        if let Some(h) = &b.heading {
            on_boundary(text, h, "block heading")?;
        }
        if let Some(t) = &b.title {
            on_boundary(text, t, "block title")?;
        }
    }
    for s in &doc.sections {
        on_boundary(text, &s.range, "section")?;
        on_boundary(text, &s.heading, "section heading")?;
        on_boundary(text, &s.title, "section title")?;
        prop_assert!(s.block < doc.blocks.len());
    }
    let mut last_end = 0;
    for seg in &doc.segments {
        on_boundary(text, &seg.range, "segment")?;
        prop_assert!(
            seg.range.start >= last_end,
            "segments overlap or are unsorted at {:?}",
            seg.range
        );
        last_end = seg.range.end;
    }
    for c in &doc.chrome {
        on_boundary(text, c, "chrome")?;
    }
    let m = &doc.meta;
    for (r, what) in [
        (&m.title_range, "meta title"),
        (&m.published_range, "meta published"),
        (&m.year_range, "meta year"),
    ] {
        if let Some(r) = r {
            on_boundary(text, r, what)?;
        }
    }
    for pack in packs() {
        let a = audit(&doc, pack);
        for item in &a.items {
            for e in &item.evidence {
                on_boundary(text, e, "evidence")?;
            }
            if let Some(r) = &item.anchor {
                on_boundary(text, r, "anchor")?;
            }
            for h in &item.hits {
                on_boundary(text, &h.range, "hit")?;
            }
        }
        for f in &a.findings {
            on_boundary(text, &f.range, "finding")?;
        }
    }
    for f in fazhi::engine::checks::run(&doc, &rules().checks) {
        on_boundary(text, &f.range, "quality finding")?;
    }
    Ok(())
}

const EXTS: [Option<&str>; 5] = [None, Some("txt"), Some("html"), Some("docx"), Some("pdf")];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_result_or_an_error(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        ext in prop::sample::select(EXTS.to_vec()),
    ) {
        let _ = read_bytes(&bytes, ext, &Limits::default());
    }

    #[test]
    fn report_like_bytes_give_a_result_or_an_error(
        text in report_text(),
        ext in prop::sample::select(EXTS.to_vec()),
        encoding in 0..4usize,
    ) {
        let bytes: Vec<u8> = match encoding {
            0 => text.clone().into_bytes(),
            1 => encoding_rs::GBK.encode(&text).0.into_owned(),
            2 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            _ => format!("<html><head><meta charset=\"gbk\"></head><body><p>{text}</p></body></html>").into_bytes(),
        };
        if let Ok(source) = read_bytes(&bytes, ext, &Limits::default()) {
            for h in &source.headings {
                on_boundary(&source.text, &(h.start..h.end), "heading hint")?;
            }
            prop_assert!(!source.text.contains('\r'), "\\r left in text");
        }
    }

    #[test]
    fn document_spans_lie_on_char_boundaries(s in report_text()) {
        check_document(&s)?;
    }

    /// A whole report on one line (split at its section numbers).
    #[test]
    fn run_on_documents_lie_on_char_boundaries(
        v in prop::collection::vec(piece(), 400..700)
    ) {
        let s: String = v.concat().replace(['\n', '\r'], "");
        check_document(&s)?;
    }

    #[test]
    fn document_spans_lie_on_char_boundaries_for_any_string(s in any::<String>()) {
        check_document(&s)?;
    }

    #[test]
    fn any_rule_file_gives_a_result_or_an_error(
        yaml in prop_oneof![
            any::<String>(),
            prop::collection::vec(prop::sample::select(vec![
                "id: x\n", "items:\n", "  - id: a\n", "    name: 名称\n", "    patterns: [法治]\n",
                "    any: [\"(\"]\n", "    weight: 2\n", "&a ", "*a", "[", "]", "{", "}", ": ", "- ",
                "\n", "  ", "\"", "'", "#", "!!str ", "? ", "|\n", ">-\n", "法治", "~", "null",
            ]), 0..40).prop_map(|v| v.concat()),
        ],
        name in prop::sample::select(vec!["pack.yaml", "document.yaml", "checks.yaml"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &yaml).unwrap();
        let _ = fazhi::rules::load(&[dir.path()]);
    }
}
