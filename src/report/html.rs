//! One self-contained HTML page for a batch: inline CSS and JS, no network.
//! A sortable table of reports, an item × report coverage matrix, and per
//! report its gaps and its text with the evidence highlighted.

use std::fmt::Write as _;

use super::batch::{Row, RowKind};
use super::{Outcome, Summary};
use crate::rules::{Item, Status};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Covered => "s-covered",
        Status::Partial => "s-partial",
        Status::Planned => "s-planned",
        Status::Missing => "s-missing",
        Status::NotApplicable => "s-na",
    }
}

fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Covered => "✓",
        Status::Partial => "½",
        Status::Planned => "计",
        Status::Missing => "✗",
        Status::NotApplicable => "—",
    }
}

/// The section of one report; `index` is its position in path order.
pub fn section(index: usize, o: &Outcome) -> String {
    let mut out = String::new();
    match o {
        Outcome::Failed(f) => {
            let _ = writeln!(
                out,
                "<section class=\"report failed\" id=\"r{index}\"><h2>{}</h2><p class=\"error\">无法审核（{}）：{}</p></section>",
                escape(&f.path),
                escape(&f.kind),
                escape(&f.message)
            );
        }
        Outcome::Audited(a) => {
            let doc = &a.doc;
            let m = &doc.meta;
            let _ = write!(
                out,
                "<section class=\"report\" id=\"r{index}\"><h2>{}</h2>\n<p class=\"meta\">单位：{}　层级：{}　年度：{}　发布日期：{}　规则包：{}　得分：<b>{:.1}</b>　缺口：{} 项</p>\n",
                escape(&a.path),
                escape(m.unit.as_deref().unwrap_or("未识别")),
                m.level.map(|l| l.label_zh()).unwrap_or("未识别"),
                m.year.map(|y| y.to_string()).unwrap_or_else(|| "未识别".into()),
                escape(m.published.as_deref().unwrap_or("未识别")),
                escape(&a.pack().id),
                a.audit.score,
                a.gap_count()
            );
            for note in &a.notes {
                let _ = writeln!(out, "<p class=\"note\">注意：{}</p>", escape(note));
            }
            out.push_str("<h3>缺口</h3>\n<ul class=\"gaps\">\n");
            let mut any = false;
            for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
                if !r.status.is_gap() {
                    continue;
                }
                any = true;
                let _ = writeln!(
                    out,
                    "<li class=\"{}\"><b>{}</b> {} <span class=\"badge {}\">{}</span><br>{}<br><small>依据：{}</small></li>",
                    status_class(r.status),
                    escape(&item.id),
                    escape(&item.title),
                    status_class(r.status),
                    r.status.label_zh(),
                    escape(&r.message),
                    escape(&item.basis)
                );
            }
            if !any {
                out.push_str("<li>没有缺口</li>\n");
            }
            out.push_str("</ul>\n");
            if !a.audit.findings.is_empty() {
                out.push_str("<h3>问题</h3>\n<ul class=\"findings\">\n");
                for f in &a.audit.findings {
                    let _ = writeln!(
                        out,
                        "<li><b>{}</b> {}</li>",
                        escape(&f.id),
                        escape(&f.message)
                    );
                }
                out.push_str("</ul>\n");
            }
            // evidence spans, non-overlapping, in text order
            let mut marks: Vec<(std::ops::Range<usize>, String, &'static str)> = Vec::new();
            for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
                for e in &r.evidence {
                    marks.push((
                        e.clone(),
                        format!("{} {}", item.id, item.title),
                        status_class(r.status),
                    ));
                }
            }
            for f in &a.audit.findings {
                marks.push((
                    f.range.clone(),
                    format!("{} {}", f.id, f.message),
                    "finding",
                ));
            }
            marks.sort_by_key(|(r, _, _)| (r.start, std::cmp::Reverse(r.end)));
            let text = &doc.text;
            out.push_str("<details><summary>原文（证据已标出）</summary><pre class=\"text\">");
            let mut pos = 0;
            for (r, title, class) in marks {
                if r.start < pos
                    || r.end > text.len()
                    || !text.is_char_boundary(r.start)
                    || !text.is_char_boundary(r.end)
                {
                    continue;
                }
                out.push_str(&escape(&text[pos..r.start]));
                let _ = write!(
                    out,
                    "<mark class=\"{class}\" title=\"{}\">{}</mark>",
                    escape(&title),
                    escape(&text[r.clone()])
                );
                pos = r.end;
            }
            out.push_str(&escape(&text[pos..]));
            out.push_str("</pre></details></section>\n");
        }
    }
    out
}

const CSS: &str = r#"
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;font-size:14px}
#reports th{cursor:pointer;background:#f0f0f0;user-select:none}
#reports th[aria-sort=ascending]::after{content:" ▲"}
#reports th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right}
.matrix{overflow:auto;max-width:100%}
.matrix td{text-align:center;min-width:1.5em}
.s-covered{background:#c8e6c9}.s-partial{background:#fff59d}.s-planned{background:#ffcc80}
.s-missing{background:#ef9a9a}.s-na{background:#e0e0e0;color:#777}.finding{background:#b3e5fc}
tr.failed td{background:#fde0e0}
.badge{padding:0 .3em;border-radius:3px;font-size:12px}
pre.text{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1em}
section.report{border-top:2px solid #888;margin-top:2em}
.error{color:#b00}
"#;

const JS: &str = r#"
(function(){
  var table=document.getElementById('reports');
  if(!table)return;
  var heads=table.tHead.rows[0].cells;
  function key(cell,type){
    var v=cell.getAttribute('data-sort');
    if(v===null)v=cell.textContent;
    if(type==='num'){var n=parseFloat(v);return isNaN(n)?Infinity:n;}
    return v;
  }
  function sortBy(col,dir){
    var th=heads[col],type=th.getAttribute('data-type');
    var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
      var x=key(a.cells[col],type),y=key(b.cells[col],type);
      var c=type==='num'?(x<y?-1:x>y?1:0):String(x).localeCompare(String(y),'zh');
      return dir==='descending'?-c:c;
    });
    rows.forEach(function(r){body.appendChild(r);});
    for(var i=0;i<heads.length;i++)heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort',dir);
  }
  Array.prototype.forEach.call(heads,function(th,i){
    th.addEventListener('click',function(){
      sortBy(i,th.getAttribute('aria-sort')==='ascending'?'descending':'ascending');
    });
  });
  // #sort=KEY or #sort=KEY-desc sorts on load (bookmarkable; used by tests)
  var m=/sort=([a-z]+)(-desc)?/.exec(location.hash);
  if(m){for(var i=0;i<heads.length;i++)if(heads[i].getAttribute('data-key')===m[1])sortBy(i,m[2]?'descending':'ascending');}
})();
"#;

/// The whole page.
pub fn page(rows: &[Row], columns: &[&Item], sections: &[String], summary: &Summary) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>法治政府建设年度报告审核汇总</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style></head><body>\n<h1>法治政府建设年度报告审核汇总</h1>\n");
    let _ = writeln!(
        out,
        "<p id=\"summary\">共 {} 个文件：已审核 {}，失败 {}{}</p>",
        summary.files,
        summary.audited,
        summary.failed,
        summary
            .mean_score
            .map(|m| format!("，平均得分 {m:.1}"))
            .unwrap_or_default()
    );
    out.push_str("<h2>报告（点击表头排序）</h2>\n<table id=\"reports\"><thead><tr>");
    for (key, label, ty) in [
        ("path", "文件", "text"),
        ("status", "状态", "text"),
        ("unit", "单位", "text"),
        ("level", "层级", "text"),
        ("year", "年度", "num"),
        ("score", "得分", "num"),
        ("gaps", "缺口数", "num"),
        ("worst", "最主要的缺口", "text"),
    ] {
        let _ = write!(
            out,
            "<th data-key=\"{key}\" data-type=\"{ty}\">{label}</th>"
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, row) in rows.iter().enumerate() {
        let path = escape(&row.path);
        match &row.kind {
            RowKind::Audited(a) => {
                let worst: Vec<String> = a
                    .worst_gaps()
                    .iter()
                    .take(3)
                    .map(|i| escape(&i.title))
                    .collect();
                let _ = writeln!(
                    out,
                    "<tr class=\"audited\"><td><a href=\"#r{i}\">{path}</a></td><td>已审核</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    escape(a.unit.as_deref().unwrap_or("未识别")),
                    a.level.map(|l| l.label_zh()).unwrap_or("未识别"),
                    a.year.map(|y| y.to_string()).unwrap_or_default(),
                    a.score,
                    a.gaps,
                    worst.join("、")
                );
            }
            RowKind::Failed(f) => {
                let _ = writeln!(
                    out,
                    "<tr class=\"failed\"><td><a href=\"#r{i}\">{path}</a></td><td>失败</td><td></td><td></td><td class=\"num\"></td><td class=\"num\" data-sort=\"\"></td><td class=\"num\"></td><td>{}</td></tr>",
                    escape(&f.message)
                );
            }
        }
    }
    out.push_str("</tbody></table>\n");

    out.push_str("<h2>条目 × 报告 覆盖矩阵</h2>\n<p>");
    for s in [
        Status::Covered,
        Status::Partial,
        Status::Planned,
        Status::Missing,
        Status::NotApplicable,
    ] {
        let _ = write!(
            out,
            "<span class=\"badge {}\">{} {}</span> ",
            status_class(s),
            status_mark(s),
            s.label_zh()
        );
    }
    out.push_str("</p>\n<div class=\"matrix\"><table id=\"matrix\"><thead><tr><th>条目</th>");
    for (i, row) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<th title=\"{}\"><a href=\"#r{i}\">{}</a></th>",
            escape(&row.path),
            i + 1
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for item in columns {
        let _ = write!(
            out,
            "<tr><th title=\"{}\">{}</th>",
            escape(&item.id),
            escape(&item.title)
        );
        for row in rows {
            match row.audited().and_then(|a| a.status_of(&item.id)) {
                Some(s) => {
                    let _ = write!(
                        out,
                        "<td class=\"{}\" title=\"{}\">{}</td>",
                        status_class(s),
                        s.label_zh(),
                        status_mark(s)
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n<h2>各报告详情</h2>\n");
    for s in sections {
        out.push_str(s);
    }
    out.push_str("<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body></html>\n");
    out
}
