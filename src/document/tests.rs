use super::*;
use crate::rules::load_builtin;

fn profile() -> Profile {
    load_builtin().expect("built-in rules load").profile
}

fn role_of(doc: &Document, needle: &str) -> Option<Role> {
    doc.role_at(doc.text.find(needle).expect("needle in text"))
}

#[test]
fn metadata_from_title_and_labels() {
    let text = "您当前的位置：首页 > 政务公开 > 法治政府建设\n今天是：2024年5月6日 星期一\n云溪镇2023年法治政府建设年度报告\n发布时间：2024-03-20　来源：云溪镇\n2023年，我镇坚持以习近平法治思想为指导。\n一、主要举措和成效\n（一）推进政务公开。全年公开信息120条。\n云溪镇人民政府\n2024年3月18日\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("云溪镇2023年法治政府建设年度报告")
    );
    assert_eq!(doc.meta.year, Some(2023));
    assert_eq!(doc.meta.unit.as_deref(), Some("云溪镇"));
    assert_eq!(doc.meta.level, Some(Level::Town));
    assert_eq!(doc.meta.published.as_deref(), Some("2024-03-20"));
    // chrome is never a role
    assert_eq!(role_of(&doc, "政务公开 > 法治"), None);
    assert_eq!(role_of(&doc, "推进政务公开"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "云溪镇人民政府"), Some(Role::Front));
}

#[test]
fn the_signature_date_is_not_the_publication_date() {
    // the date under the signature is the 成文日期 (domain.md §3)
    let text = "某某区2022年法治政府建设情况报告\n一、主要举措和成效\n开展工作。\n某某区人民政府\n二〇二三年三月五日\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.published, None);
    assert_eq!(doc.meta.level, Some(Level::District));
}

#[test]
fn pdf_spacing_in_year() {
    let doc = Document::from_text(
        "某某县2025 年度法治政府建设工作报告\n一、主要举措\n开展工作。",
        &profile(),
    );
    assert_eq!(doc.meta.year, Some(2025));
    assert_eq!(doc.meta.level, Some(Level::County));
}

#[test]
fn heading_roles_and_sticky_plans() {
    let text = "某市2023年法治政府建设年度报告\n一、2023年主要举措和成效\n（一）推进执法。开展执法。\n二、主要负责人履行推进法治建设第一责任人职责情况\n书记带头述法。\n三、存在的不足和原因\n执法力量不足。\n四、2024年工作安排\n（一）督促主要负责人履行第一责任人职责。加强述法。\n五、其他需要报告的情况\n无。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "开展执法"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "书记带头述法"), Some(Role::FirstResponsible));
    assert_eq!(role_of(&doc, "执法力量不足"), Some(Role::Shortcomings));
    assert_eq!(
        role_of(&doc, "加强述法"),
        Some(Role::NextYear),
        "a plan's sub-heading stays a plan"
    );
    assert_eq!(role_of(&doc, "无。"), Some(Role::Other));
    assert_eq!(doc.sections.len(), 7);
    assert_eq!(doc.sections[1].parent, Some(0));
}

#[test]
fn unheaded_shortcomings_and_plan_in_one_paragraph() {
    let text = "某镇2021年法治政府建设年度报告\n一、推进依法行政\n开展执法检查。\n2021年，我镇虽取得一定成效，但仍存在薄弱环节，如普法不够。针对存在问题，我镇2022年将重点做好以下工作：一是加强普法。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "开展执法检查"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "如普法不够"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "一是加强普法"), Some(Role::NextYear));
}

#[test]
fn a_past_year_does_not_open_the_plan() {
    let text =
        "某镇2021年法治政府建设年度报告\n一、推进依法行政\n2021年将895家企业列入经营异常名录。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "895家"), Some(Role::Achievements));
}

#[test]
fn the_end_of_a_plan_period_does_not_open_the_plan() {
    // "2025年)》要求" ends a period in a document's name, not a plan for 2025.
    let text = "某街道2021年法治政府建设年度报告\n2021年，我街严格按照《法治政府建设实施纲要（2021—2025年）》要求，深入推进依法行政。\n一、主要举措和成效\n（一）推进政务公开。\n";
    let doc = Document::from_text(text, &profile());
    assert_ne!(role_of(&doc, "深入推进依法行政"), Some(Role::NextYear));
    let planned = "某街道2021年法治政府建设年度报告\n一、主要举措\n全年公开信息。\n2022年，我街将继续深化政务公开。\n";
    let doc = Document::from_text(planned, &profile());
    assert_eq!(role_of(&doc, "深化政务公开"), Some(Role::NextYear));
}

#[test]
fn enumerated_first_responsible_item() {
    let text = "某区2022年法治政府建设情况的报告\n一、坚持党的领导\n一是加强学习。二是扎实安排部署第一责任人履职工作。区长亲自部署。三是健全决策机制。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "加强学习"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "区长亲自部署"), Some(Role::FirstResponsible));
    assert_eq!(role_of(&doc, "健全决策机制"), Some(Role::Achievements));
}

#[test]
fn spans_lie_on_char_boundaries() {
    let text = "（一）标题。正文内容；二是第二项。\n1.小标题\n（1）更小";
    let doc = Document::from_text(text, &profile());
    for s in &doc.segments {
        assert!(doc.text.is_char_boundary(s.range.start) && doc.text.is_char_boundary(s.range.end));
    }
}

#[test]
fn a_title_on_two_lines() {
    // broken in the middle: neither line alone is a title
    let text = "广州市越秀区人民政府2022年法治政\n府建设情况的报告\n发布时间：2023-03-06\n一、主要举措\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("广州市越秀区人民政府2022年法治政府建设情况的报告")
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("广州市越秀区人民政府"));
    assert_eq!(doc.meta.level, Some(Level::District));
    // the unit on its own line above a title that names none
    let text = "澄岭县人民政府文件\n澄政发〔2026〕6 号\n澄岭县人民政府\n关于 2025 年度法治 政府建设情况的报告\n一、主要举措\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("澄岭县人民政府\n关于2025年度法治政府建设情况的报告")
            .map(|t| t.replace('\n', ""))
            .as_deref()
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("澄岭县人民政府"));
    assert_eq!(doc.meta.year, Some(2025));
    // the year above the rest of the title
    let text = "青川市市场监督管理局文件\n青市监发〔2025〕12号\n关于 2024 年度\n法治政府建设情况的报告\n一、主要举措\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于2024年度法治政府建设情况的报告")
    );
    // a site name above a title that names its unit stays apart
    let text =
        "汕尾市人民政府\n汕尾市人民政府2020年法治政府建设年度报告\n一、主要举措\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.unit.as_deref(), Some("汕尾市人民政府"));
}

#[test]
fn a_weekday_date_is_page_chrome() {
    let text = "2025年6月1日 星期日　无障碍　关怀版\n某镇法治政府建设情况报告\n2023年，我镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新成效。\n一、主要举措\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2023));
    assert_eq!(doc.meta.published, None);
}

#[test]
fn leads_broken_by_a_line_wrap_still_open_their_part() {
    let full = "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度";
    let text = format!(
        "某镇2023年法治政府建设年度报告\n一、主要举措和成效\n{full}\n，规范执法行为。\n{full}\n，规范执法行为。\n2023年，我镇法治政府建设虽取得一定成效，但仍存在薄弱环节，如普法宣传作用发挥不够明\n显。下\n一步，我镇将加强普法。\n"
    );
    let doc = Document::from_text(&text, &profile());
    assert_eq!(role_of(&doc, "如普法宣传"), Some(Role::Shortcomings));
}

#[test]
fn a_plan_inside_a_shortcomings_part() {
    // "存在的问题和下一步工作打算" with sub-headings
    let text = "某县2023年法治政府建设年度报告\n一、2023年主要举措和成效\n推行行政执法公示制度。\n三、存在的问题和下一步工作打算\n（一）存在的问题\n基层执法力量不足。\n（二）下一步工作打算\n加强执法队伍建设。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "基层执法力量不足"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "加强执法队伍建设"), Some(Role::NextYear));
    // an unheaded plan paragraph under a shortcomings heading
    let text = "某县2023年法治政府建设年度报告\n一、2023年主要举措和成效\n推行行政执法公示制度。\n三、存在的不足\n基层执法力量不足。\n下一步，我县将加强执法队伍建设。\n深化政务公开。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "基层执法力量不足"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "加强执法队伍建设"), Some(Role::NextYear));
    assert_eq!(role_of(&doc, "深化政务公开"), Some(Role::NextYear));
    // an achievements sub-heading about plans made is not a plan
    let text = "某县2023年法治政府建设年度报告\n一、2023年主要举措和成效\n（一）完善工作计划\n制定年度普法计划。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "制定年度普法计划"), Some(Role::Achievements));
}

#[test]
fn a_bare_time_label_dates_the_page() {
    let text = "某镇2023年法治政府建设年度报告\n来源：某镇人民政府　时间：2024-03-05\n一、主要举措\n开展工作。\n网站标识码：0000　更新时间：2019-06-30\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.published.as_deref(), Some("2024-03-05"));
}

#[test]
fn a_long_info_line_still_dates_the_page() {
    // too long to be masked as chrome, the line reads as a paragraph
    let text = "岳阳县人民政府关于2022年法治政府建设工作情况的报告\n发布时间：2023-04-18 09:30　来源：县司法局　浏览次数：1268　【字体：大 中 小】　打印本页　关闭窗口\n一、主要举措和成效\n开展工作。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.published.as_deref(), Some("2023-04-18"));
    // a label inside a paragraph is not the page's
    let text = "某县2023年法治政府建设年度报告\n一、主要举措和成效\n印发实施方案，明确责任单位：县司法局，发布时间：2024年12月31日前完成。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.published, None);
}

#[test]
fn the_unit_and_the_date_on_one_signature_line() {
    let text = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n开展工作。\n桐溪县人民政府　2024年3月25日\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.unit.as_deref(), Some("桐溪县人民政府"));
    assert_eq!(doc.meta.level, Some(Level::County));
}

#[test]
fn fullwidth_digits_in_title_dates_and_plans() {
    let text = "云山市人民政府关于２０２３年度法治政府建设情况的报告\n发布日期：２０２４年０３月２９日\n一、主要举措和成效\n全面推行行政执法公示制度。\n二、存在的不足和原因\n基层执法力量不足。\n２０２４年，我市将深化综合行政执法改革。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2023));
    assert_eq!(doc.meta.published.as_deref(), Some("2024-03-29"));
    assert_eq!(doc.meta.level, Some(Level::City));
    // A plan lead with full-width digits opens the next-year part.
    assert_eq!(role_of(&doc, "深化综合"), Some(Role::NextYear));
}

#[test]
fn labels_alone_on_their_line_and_a_long_menu() {
    // A gov.cn metadata table: labels over values; the signing date first.
    let menu: String = (0..40).map(|i| format!("栏目{i}\n")).collect();
    let text = format!("{menu}索引号：\n113301000025081234/2025-00012\n\n成文日期：\n2025-03-20\n\n发布日期：\n2025-04-08\n\n临江市生态环境局2024年度法治政府建设情况报告\n　　2024年，我局坚持以习近平法治思想为指导。\n一、主要举措和成效\n全面推行行政执法公示制度。\n");
    let doc = Document::from_text(&text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市生态环境局2024年度法治政府建设情况报告")
    );
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.published.as_deref(), Some("2025-04-08"));
    let r = doc.meta.published_range.clone().unwrap();
    assert_eq!(&doc.text[r], "2025-04-08");
    // Without the 发布日期 label, the signing date under 成文日期 is not taken.
    let unlabelled = text.replace("发布日期：\n2025-04-08\n", "");
    let doc = Document::from_text(&unlabelled, &profile());
    assert_eq!(doc.meta.published, None);
}

#[test]
fn title_without_site_name_and_unit_before_the_subject() {
    let text = "南湖街道关于2024年度法治政府建设情况的报告 - 临江市西湖区人民政府\n发布时间：2025-03-31\n一、主要举措和成效\n全面推行行政执法公示制度。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("南湖街道关于2024年度法治政府建设情况的报告")
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("南湖街道"));
    let text = "临江市生态环境局法治政府建设年度报告（2024年度）\n一、主要举措和成效\n全面推行行政执法公示制度。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.unit.as_deref(), Some("临江市生态环境局"));
    assert_eq!(doc.meta.level, Some(Level::Department));
    let text = "关于临江市2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法公示制度。\n";
    assert_eq!(Document::from_text(text, &profile()).meta.unit.as_deref(), Some("临江市"));
}

#[test]
fn dates_in_the_body_or_in_brackets_are_not_the_publication_date() {
    let text = "临江区2024年度法治政府建设情况报告\n（2025年4月8日）\n一、主要举措和成效\n全面推行行政执法公示制度。\n二、2025年工作安排\n深化行政执法改革。责任单位：区司法局　时间：2025年12月31日前\n日期：2025年6月30日前完成清理。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.published, None);
}

#[test]
fn sentence_at_agrees_with_sentences() {
    let text = "。一、总体。推进法治；加强执法！。a。\n下一步，将继续推进？最后一句";
    let range = 0..text.len();
    let all = sentences(text, range.clone());
    for (offset, _) in text.char_indices() {
        let want = all.iter().find(|s| s.start <= offset && offset < s.end).cloned();
        assert_eq!(sentence_at(text, range.clone(), offset), want, "at {offset}");
    }
    assert_eq!(sentence_at(text, 3..9, 20), None);
}

#[test]
fn unheaded_work_before_a_shortcomings_heading_is_the_years_work() {
    let text = "临江县审计局2024年度法治政府建设工作报告\n　　2024年，县审计局深入学习贯彻习近平法治思想，扎实推进法治机关建设，主要开展了以下工作：\n　　强化组织领导。局党组会议研究法治工作3次。\n　　规范审计执法。全面落实行政执法公示制度。\n　　一、存在的问题\n　　审计执法人员专业能力有待提升。\n　　二、下一步工作打算\n　　加强审计人员法治培训。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        role_of(&doc, "深入学习贯彻"),
        Some(Role::Preamble),
        "a short opening sentence ending in ： is body, not a header line"
    );
    assert_eq!(role_of(&doc, "局党组会议研究"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "全面落实行政执法公示"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "专业能力有待提升"), Some(Role::Shortcomings));
    // before an achievements heading, the opening paragraphs stay the opening
    let headed = text.replace("　　强化组织领导", "　　一、主要工作\n　　强化组织领导");
    let doc = Document::from_text(&headed, &profile());
    assert_eq!(role_of(&doc, "深入学习贯彻"), Some(Role::Preamble));
}

#[test]
fn report_year_from_spaced_digits_and_not_from_a_range() {
    let doc = Document::from_text(
        "临江区应急管理局 2 0 2 4 年度法治政府建设情况报告\n2025年，我局将继续推进。\n一、主要举措\n开展工作。",
        &profile(),
    );
    assert_eq!(doc.meta.year, Some(2024));
    let doc = Document::from_text(
        "临江区应急管理局法治政府建设情况报告\n对照《法治政府建设实施纲要（2021—2025年）》，现将2023年法治政府建设情况报告如下。\n一、主要举措\n开展工作。",
        &profile(),
    );
    assert_eq!(doc.meta.year, Some(2023));
}

#[test]
fn unit_after_the_year_or_before_guanyu_and_department_titles() {
    let meta = |title: &str| {
        let text = format!("{title}\n发布时间：2025-03-28\n2024年，我单位深入推进依法行政。\n一、主要举措和成效\n开展工作。\n");
        Document::from_text(&text, &profile()).meta
    };
    let m = meta("2024年度临江市财政局法治政府建设情况报告");
    assert_eq!(m.unit.as_deref(), Some("临江市财政局"));
    assert_eq!(m.level, Some(Level::Department));
    let m = meta("临江市人民政府办公室关于临江市2024年度法治政府建设情况的报告");
    assert_eq!(m.unit.as_deref(), Some("临江市人民政府办公室"));
    // a second name in brackets; a leader's 述法 report names its author
    let m = meta("临江市农业农村局（临江市乡村振兴局）2024年度法治政府建设情况报告");
    assert_eq!(m.level, Some(Level::Department));
    let m = meta("临江镇党委书记2024年度履行推进法治建设第一责任人职责情况报告");
    assert_eq!(m.level, Some(Level::Town));
    // a title without a year names the unit before the subject too
    let m = meta("临江管理区关于履行推进法治建设第一责任人职责情况的报告");
    assert_eq!(m.unit.as_deref(), Some("临江管理区"));
    assert_eq!(m.level, Some(Level::District));
    // a department names its own field, or calls the report a 总结
    for title in ["临江市财政局2024年度法治财政建设情况报告", "临江市审计局2024年度法治政府建设工作总结"] {
        let m = meta(title);
        assert_eq!(m.title.as_deref(), Some(title));
        assert_eq!(m.published.as_deref(), Some("2025-03-28"));
    }
}

#[test]
fn a_paragraph_that_ends_on_the_leaders_duty_is_that_part() {
    let text = "某局2024年度法治政府建设情况报告\n一、主要举措和成效\n（一）加强组织领导\n局党组书记、局长高度重视法治建设，年初亲自部署全年法治工作，带头旁听庭审，切实履行推进法治建设第一责任人职责。\n全面推行行政执法三项制度。\n局长带队检查企业，督促企业落实安全生产第一责任人责任。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "高度重视法治建设"), Some(Role::FirstResponsible));
    assert_eq!(role_of(&doc, "全面推行行政执法"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "带队检查企业"), Some(Role::Achievements));
}

#[test]
fn an_attachment_list_at_the_end_is_not_headings() {
    let text = "某市2025年度法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在的不足和原因\n执法力量不足。\n三、2026年工作安排\n加强培训。\n附件：1.重点指标完成情况.xls\n　　　2.行政复议情况统计表.doc\n某市人民政府\n2026年3月20日\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "行政复议情况统计表"), Some(Role::Front));
    assert_eq!(role_of(&doc, "加强培训"), Some(Role::NextYear));
    assert_eq!(doc.sections.len(), 3, "{:?}", doc.sections);
}

#[test]
fn without_a_report_year_the_first_heading_gives_it() {
    // no year in the title or opening: "2024年…举措和成效" is the year's work,
    // "2025年工作安排" the plan
    let text = "桂园街道法治政府建设情况报告\n今年以来，街道坚持依法行政。\n一、2024年法治政府建设主要举措和成效\n开展执法检查。\n二、存在的不足\n执法力量不足。\n三、2025年推进法治政府建设的主要举措\n加强培训。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, None);
    assert_eq!(role_of(&doc, "开展执法检查"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "加强培训"), Some(Role::NextYear));
}

#[test]
fn a_run_in_title_ends_at_its_colon() {
    // the problem word after the colon is the body's, not the title's
    let text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n（一）规范行政执法：针对执法力量薄弱的实际，整合执法力量。\n二、存在的不足\n不足。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "整合执法力量"), Some(Role::Achievements));
}

#[test]
fn spaced_out_digits_in_a_heading() {
    let text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n开展工作。\n二、2 0 2 5 年工作思路\n加强培训。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "加强培训"), Some(Role::NextYear));
}

#[test]
fn a_metadata_line_ending_in_an_empty_counter_is_read() {
    // a select-all copy: a long menu, then the date line whose view counter
    // (filled in by a script) came out empty
    let menu: String = (1..=50).map(|i| format!("栏目{i}\n")).collect();
    let text = format!(
        "{menu}青川市市场监督管理局2024年度法治政府建设情况报告\n来源：青川市市场监督管理局　发布时间：2025-04-08 10:32　浏览量：\n2024年，我局坚持依法行政。\n一、主要举措和成效\n开展执法检查。\n"
    );
    let doc = Document::from_text(&text, &profile());
    assert_eq!(doc.meta.published.as_deref(), Some("2025-04-08"));
}

#[test]
fn a_section_number_alone_on_its_line_takes_the_next_line() {
    // PDF text: "三、" over "2025年工作安排"
    let text = "某县2024年法治政府建设情况报告\n一、\n主要举措和成效\n开展执法检查。\n二、\n存在的不足\n执法力量不足。\n三、\n2025年工作安排\n加强执法培训。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "开展执法检查"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "执法力量不足"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "加强执法培训"), Some(Role::NextYear));
}

#[test]
fn a_first_responsible_item_after_its_title_sentence() {
    // "一是X。" then the duty: as under a run-in heading "（一）X。"
    let text = "某县统计局2024年法治政府建设情况报告\n2024年，我局扎实推进法治建设。主要工作如下：\n一是强化组织领导。局党组书记、局长切实履行推进法治建设第一责任人职责，亲自部署、亲自督办。\n二是规范统计执法。开展执法检查12次。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "亲自部署"), Some(Role::FirstResponsible));
    assert_eq!(role_of(&doc, "开展执法检查"), Some(Role::Achievements));
}

#[test]
fn a_metadata_table_line_is_not_the_title() {
    // Guangdong's government sites (gkmlpt) put 名称：<title> above the page
    let text = "索引号：007482718/2023-00012\t分类：综合政务\n发布机构：某某区人民政府珠吉街道办事处\t成文日期：2023-01-12\n名称：某某区人民政府珠吉街道办事处2022年度法治政府建设情况报告\n文号：\t发布日期：2023-01-16\n\n某某区人民政府珠吉街道办事处2022年度法治政府建设情况报告\n\n2022年，我街认真贯彻落实习近平法治思想。\n一、主要举措和成效\n（一）推进政务公开。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("某某区人民政府珠吉街道办事处2022年度法治政府建设情况报告")
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("某某区人民政府珠吉街道办事处"));
    assert_eq!(doc.meta.level, Some(Level::Street));
    assert_eq!(doc.meta.published.as_deref(), Some("2023-01-16"));
}

#[test]
fn a_report_on_one_line_is_split_at_its_section_numbers() {
    // a document-sharing page that lost its line breaks
    let filler = "全年开展执法检查12次，办理行政复议案件8件，组织法治培训3期，各项工作有序推进。".repeat(12);
    let text = format!(
        "2023年，我县深入推进法治政府建设。一、主要举措和成效（一）全面推行行政执法三项制度。{filler}二、存在的不足和原因一是执法力量不足。主要原因是编制有限。{filler}三、2024年工作安排下一步，我县将继续深化执法改革。{filler}"
    );
    assert!(!text.contains('\n') && text.len() > 3000);
    let doc = Document::from_text(&text, &profile());
    assert_eq!(role_of(&doc, "全面推行行政执法三项制度"), Some(Role::Achievements));
    assert_eq!(role_of(&doc, "执法力量不足"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "继续深化执法改革"), Some(Role::NextYear));
    // a paragraph of ordinary length with an inline enumeration is left whole
    let para = format!("主要做法：（一）学法。{filler}（二）用法。");
    assert!(para.len() < 3000);
    let doc = Document::from_text(&format!("一、主要举措和成效\n{para}\n"), &profile());
    assert_eq!(doc.blocks.len(), 2);
}

#[test]
fn enumerated_problems_each_with_their_fix() {
    // 存在问题及整改措施: every item is a problem, then its fix
    let text = "某某街道2022年法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n三、存在问题及整改措施\n一是法治宣传形式较为单一，群众参与度不高。整改措施：2023年将依托普法志愿者开展以案释法。\n二是执法人员专业能力有待提升。整改措施：组织执法业务培训不少于4次。\n三是依法决策机制还需完善。整改措施：进一步完善重大事项决策程序。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "群众参与度不高"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "依托普法志愿者"), Some(Role::NextYear));
    assert_eq!(role_of(&doc, "专业能力有待提升"), Some(Role::Shortcomings));
    assert_eq!(role_of(&doc, "组织执法业务培训"), Some(Role::NextYear));
    assert_eq!(role_of(&doc, "依法决策机制还需完善"), Some(Role::Shortcomings));
    // an unnumbered problem paragraph that turns to the plan opens it
    let text = "某某街道2022年法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在问题和下一步打算\n法治宣传形式较为单一。2023年将重点做好以下工作：\n加强以案释法。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "加强以案释法"), Some(Role::NextYear));
}

#[test]
fn a_joint_party_and_government_sender() {
    let doc = Document::from_text(
        "中共浚县县委 浚县人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n开展工作。\n",
        &profile(),
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("浚县人民政府"));
    assert_eq!(doc.meta.level, Some(Level::County));
    let doc = Document::from_text(
        "中共某某街道工作委员会 某某街道办事处关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n开展工作。\n",
        &profile(),
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("某某街道办事处"));
    assert_eq!(doc.meta.level, Some(Level::Street));
    // a space inside one unit's name is not two senders
    let doc = Document::from_text(
        "临江区 应急管理局2024年法治政府建设年度报告\n一、主要举措和成效\n开展工作。\n",
        &profile(),
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("临江区应急管理局"));
    assert_eq!(doc.meta.level, Some(Level::Department));
}

#[test]
fn a_document_sites_watermark_line_is_chrome() {
    let text = "某某省人民政府关于2023年法治政府建设情况的报告\n一、主要举措和成效\n深学笃行习近平法治思想。\n秘书之家—全网资源每日更新www.mishuzj.com\n全面推行行政执法三项制度。\n网址：www.example.gov.cn，欢迎监督。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(role_of(&doc, "秘书之家"), None);
    assert_eq!(role_of(&doc, "全面推行"), Some(Role::Achievements));
    // a sentence that gives an address is text
    assert_eq!(role_of(&doc, "欢迎监督"), Some(Role::Achievements));
}

#[test]
fn a_paragraph_broken_at_a_page_break_goes_on() {
    // copied from a PDF viewer: the page break cut a word, a watermark sits in it
    let text = "某某省人民政府关于2023年法治政府建设情况的报告\n一、坚持党的领导\n坚持思想引领，以习近平法治思想引领法治政府建设。一是深学笃行习近平法治思想。二是扛牢法治建设第一\n秘书之家—全网资源每日更新www.mishuzj.com\n责任人职责。省委、省政府主要领导同志主持召开会议研究法治政府建设工作30余次。\n二、坚持职能优化\n深化放管服改革。\n";
    let doc = Document::from_text(text, &profile());
    let at = doc.text.find("坚持思想引领").unwrap();
    let block = doc.blocks.iter().find(|b| b.range.contains(&at)).unwrap();
    assert!(doc.text[block.range.clone()].contains("省委、省政府"), "joined");
    // the watermark is not text: the scan text reads the words whole
    assert!(!doc.scan.text.contains("秘书之家"));
    assert!(doc.scan.text.contains("二是扛牢法治建设第一责任人职责。"));
    // and so does the lead of the item
    assert_eq!(role_of(&doc, "省委、省政府"), Some(Role::FirstResponsible));
    // a line that ends a sentence, or a short line, is a paragraph of its own
    let text = "某某县2023年法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法三项制度，全年开展执法检查12次，办理案件30件。\n深化放管服改革。\n强化组织领导\n局党组会议研究法治工作3次。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.blocks.len(), 6, "{:?}", doc.blocks.iter().map(|b| &doc.text[b.range.clone()]).collect::<Vec<_>>());
}

#[test]
fn a_breadcrumb_without_home_is_chrome_not_the_title() {
    let text = "重庆市某某局 > 某某区 > 政务公开 > 法治政府建设年度报告\n重庆市某某区某某局2025年法治政府建设工作年度报告\n2025年，我局深入学习贯彻习近平法治思想。\n一、主要举措和成效\n全面推行行政执法三项制度，群众满意度>95%。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.title.as_deref(), Some("重庆市某某区某某局2025年法治政府建设工作年度报告"));
    assert_eq!(role_of(&doc, "重庆市某某局 >"), None);
    // one comparison sign in a sentence is text
    assert_eq!(role_of(&doc, "群众满意度"), Some(Role::Achievements));
}

#[test]
fn a_party_group_sender_has_its_bodys_level() {
    let text = "中共某某县教育局党组2024年度法治政府建设年度报告\n2024年，我局深入学习贯彻习近平法治思想。\n一、主要举措和成效\n全面推行行政执法三项制度。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.level, Some(crate::document::Level::Department));
}

#[test]
fn a_site_clock_run_into_the_text_is_not_the_year() {
    // a page that lost its line breaks: the clock comes before the title
    let text = "某某区人民政府 今天是：2025年11月20日 星期四首页 > 政务公开 > 年度报告某某区人民政府2024年法治政府建设年度情况报告发布时间：2025-03-31 2024年是贯彻实施纲要的关键一年。一、主要举措及成效（一）依法全面履行政府职能。全面推行行政执法三项制度。\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2024));
}

#[test]
fn a_menu_bar_and_a_links_line_are_chrome() {
    let text = "无障碍 | 长者模式 | 繁體 | 登录\n2022年，省政府坚持以习近平法治思想为指导。\n一、切实加强组织领导。\n全面推行行政执法三项制度。\n相关链接：中国政府网 | 司法部 | 省人民政府\n";
    let doc = Document::from_text(text, &profile());
    assert_eq!(doc.meta.year, Some(2022));
    assert_eq!(role_of(&doc, "无障碍"), None);
    assert_eq!(role_of(&doc, "相关链接"), None);
    assert_eq!(doc.meta.unit, None);
}

#[test]
fn a_joint_sender_run_together_a_document_number_and_a_label_are_not_the_unit() {
    let unit = |title: &str| {
        let doc = Document::from_text(&format!("{title}\n一、主要举措和成效\n开展工作。\n"), &profile());
        (doc.meta.unit, doc.meta.level)
    };
    assert_eq!(
        unit("中共沅陵县委沅陵县人民政府关于2025年法治政府建设情况的报告"),
        (Some("沅陵县人民政府".into()), Some(Level::County))
    );
    assert_eq!(
        unit("[天政发〔2026〕7号]天水市人民政府关于2025年法治政府建设情况的报告"),
        (Some("天水市人民政府".into()), Some(Level::City))
    );
    assert_eq!(
        unit("分享到：汕尾市人民政府2020年法治政府建设年度报告"),
        (Some("汕尾市人民政府".into()), Some(Level::City))
    );
    // a party body alone stays the unit
    assert_eq!(unit("中共某某县委办公室关于2024年度法治政府建设情况的报告").0.as_deref(), Some("中共某某县委办公室"));
}
