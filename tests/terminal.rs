//! The rule tools on a real terminal. `fazhi rules list`, `rules show` and
//! `explain` run under a pseudo-terminal of a fixed size (portable-pty, no
//! tmux needed) and their screen output is checked: valid UTF-8, no line wider
//! than the terminal (display width: a Han character is two columns), the
//! Chinese labels in a helpful order, aligned values, the item's basis and
//! examples, the matched pattern with its line:column, colour on a terminal
//! and none when piped or with NO_COLOR.
#![cfg(unix)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_fazhi");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the program wrote to the terminal.
struct Screen {
    cols: usize,
    /// Raw bytes as text (escapes included, `\r\n` line ends).
    raw: String,
    /// Lines without colour escapes.
    lines: Vec<String>,
}

impl Screen {
    fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Everything without whitespace, to find text that was wrapped.
    fn flat(&self) -> String {
        flat(&self.text())
    }

    fn has_color(&self) -> bool {
        self.raw.contains("\x1b[")
    }

    /// Every line fits the terminal, and nothing but colour escapes is in it.
    fn assert_fits(&self, what: &str) {
        for (n, line) in self.lines.iter().enumerate() {
            assert!(
                !line.chars().any(|c| c.is_control()),
                "{what}: line {} has a control character: {line:?}",
                n + 1
            );
            let w = UnicodeWidthStr::width(line.as_str());
            assert!(
                w <= self.cols,
                "{what}: line {} is {w} columns wide on a {}-column terminal:\n{line}\n--- screen:\n{}",
                n + 1,
                self.cols,
                self.text()
            );
        }
    }

    /// Index of the first line containing `s`.
    fn line_of(&self, s: &str) -> usize {
        self.lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("“{s}” not on screen:\n{}", self.text()))
    }
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Remove SGR colour escapes (`ESC [ … m`); any other escape stays and is
/// caught by `assert_fits`.
fn strip_sgr(s: &str) -> String {
    let re = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    re.replace_all(s, "").into_owned()
}

fn screen(raw: Vec<u8>, cols: usize) -> Screen {
    let raw = String::from_utf8(raw).expect("output is valid UTF-8 (no broken characters)");
    assert!(!raw.contains('\u{FFFD}'), "replacement character in output");
    let lines = strip_sgr(&raw)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect::<Vec<_>>();
    let mut lines = lines;
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Screen { cols, raw, lines }
}

/// Run fazhi with stdout and stderr on a `cols`-column pseudo-terminal.
fn run_tty(args: &[&str], cols: u16, env: &[(&str, &str)]) -> Screen {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 50,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("cannot open a pseudo-terminal (is /dev/ptmx available?)");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.cwd(root());
    for k in ["NO_COLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES"] {
        cmd.env_remove(k);
    }
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .expect("spawn fazhi on the pty");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    // Read while the child writes (the pty buffer is small); on Linux the read
    // ends with EIO once the child has closed the terminal — keep what came.
    let collect = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = reader.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("fazhi {args:?} did not finish within 120 s on the pty");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pair.master);
    let out = collect.join().unwrap();
    let s = screen(out, cols as usize);
    assert!(
        status.success(),
        "fazhi {args:?} failed on the pty: {status:?}\n{}",
        s.text()
    );
    s
}

/// Run fazhi with stdout piped.
fn run_piped(args: &[&str], env: &[(&str, &str)]) -> Screen {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(root());
    for k in ["NO_COLOR", "CLICOLOR_FORCE", "COLUMNS"] {
        cmd.env_remove(k);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "fazhi {args:?}: {:?}", out.status);
    let cols = env
        .iter()
        .find(|(k, _)| *k == "COLUMNS")
        .map_or(100, |(_, v)| v.parse().unwrap());
    screen(out.stdout, cols)
}

fn builtin_item(id: &str) -> fazhi::rules::Item {
    let set = fazhi::rules::load_builtin().expect("built-in rules load");
    set.packs[0].item(id).expect("item exists").clone()
}

/// The display column where the value after `label` starts on its line.
fn value_column(s: &Screen, label: &str) -> usize {
    let line = &s.lines[s.line_of(label)];
    let after = line
        .trim_start()
        .strip_prefix(label)
        .unwrap_or_else(|| panic!("line does not start with “{label}”: {line}"));
    let value = after.trim_start();
    UnicodeWidthStr::width(&line[..line.len() - value.len()])
}

const WIDTHS: [u16; 2] = [80, 120];

#[test]
fn rules_show_reads_well() {
    let id = "decision.procedures";
    let item = builtin_item(id);
    for cols in WIDTHS {
        let s = run_tty(&["rules", "show", id], cols, &[]);
        s.assert_fits(&format!("rules show at {cols}"));
        assert!(s.has_color(), "no colour on a terminal");
        assert!(s.lines[0].contains(id) && s.lines[0].contains(&item.title));
        // Labels, in this order: what it is and its basis, how it is decided,
        // where hits count, the examples.
        let order = [
            "依据",
            "权重",
            "【判定规则】",
            "组成部分",
            "【计入的部分】",
            "【示例",
        ];
        let at: Vec<usize> = order.iter().map(|l| s.line_of(l)).collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "order {order:?} is {at:?}:\n{}",
            s.text()
        );
        // The header values line up.
        let col = value_column(&s, "依据");
        for label in ["规则包", "定义于", "权重", "级别", "适用"] {
            assert_eq!(
                value_column(&s, label),
                col,
                "“{label}” value not aligned:\n{}",
                s.text()
            );
        }
        let flat = s.flat();
        assert!(
            flat.contains(&flat_str(&item.basis)),
            "basis missing:\n{}",
            s.text()
        );
        for part in &item.parts {
            assert!(flat.contains(&part.name), "part {} missing", part.name);
        }
        for ex in &item.examples {
            assert!(
                flat.contains(&flat_str(&ex.text)),
                "example missing at {cols}: {}\n{}",
                ex.text,
                s.text()
            );
        }
        for label in ["已覆盖", "部分覆盖", "仅见于计划或问题", "缺失"] {
            assert!(flat.contains(label));
        }
    }
}

fn flat_str(s: &str) -> String {
    flat(s)
}

#[test]
fn rules_show_other_items_fit() {
    // An item with a role, one with exclusions and context, one limited to
    // some levels, one with long regexes.
    let ids = [
        "structure.achievements",
        "structure.causes",
        "rules.legislation",
        "oversight.external",
        "enforcement.three-systems",
    ];
    for id in ids {
        for cols in WIDTHS {
            let s = run_tty(&["rules", "show", id], cols, &[]);
            s.assert_fits(&format!("rules show {id} at {cols}"));
            assert!(s.text().contains("依据"));
        }
    }
}

#[test]
fn rules_list_fits_and_keeps_ids_whole() {
    let set = fazhi::rules::load_builtin().unwrap();
    for cols in WIDTHS {
        let s = run_tty(&["rules", "list"], cols, &[]);
        s.assert_fits(&format!("rules list at {cols}"));
        assert!(s.has_color());
        for label in ["规则包", "条目", "权重", "内容"] {
            assert!(s.text().contains(label), "{label}");
        }
        for item in &set.packs[0].items {
            // Ids are never wrapped: each starts a line.
            assert!(
                s.lines
                    .iter()
                    .any(|l| l.starts_with(&format!("{} ", item.id))),
                "{} not whole at {cols}:\n{}",
                item.id,
                s.text()
            );
            assert!(
                s.flat().contains(&flat_str(&item.basis)),
                "basis of {}",
                item.id
            );
        }
    }
    // An extending pack: inherited and own items, the overridden weight.
    let s = run_tty(&["rules", "list", "--rules", "rules/examples"], 80, &[]);
    s.assert_fits("rules list --rules rules/examples");
    assert!(s.text().contains("example-province-2024"));
    assert!(s.text().contains("继承"));
}

/// Line and 1-based character column of the first `needle` in `path`.
fn locate(path: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    for (n, line) in text.lines().enumerate() {
        if let Some(i) = line.find(needle) {
            return (n + 1, line[..i].chars().count() + 1);
        }
    }
    panic!("{needle} not in {}", path.display());
}

#[test]
fn explain_shows_pattern_and_location() {
    let report = "samples/reports/yunxi-town-2023-gaps.txt";
    let (line, col) = locate(&root().join(report), "重大行政决策程序");
    for cols in WIDTHS {
        let s = run_tty(
            &["explain", report, "--item", "decision.procedures"],
            cols,
            &[],
        );
        s.assert_fits(&format!("explain at {cols}"));
        assert!(s.has_color());
        let text = s.text();
        for label in [
            "报告",
            "判定",
            "说明",
            "组成部分",
            "依据",
            "【计为本年度工作",
            "【未命中的规则】",
        ] {
            assert!(text.contains(label), "{label} missing:\n{text}");
        }
        assert!(text.contains("部分覆盖"));
        // The hit: its line:column starts a line, the matched text and the
        // regex that matched are shown.
        let loc = format!("{line}:{col}");
        let hit = s.line_of(&format!("  {loc}  "));
        assert!(
            s.lines[hit].contains("“重大行政决策程序”"),
            "{}",
            s.lines[hit]
        );
        assert!(
            s.flat().contains(&flat_str(
                "/重大(行政)?决策[^。；;]{0,12}(程序|规定|制度|机制)/"
            )),
            "pattern missing:\n{text}"
        );
        // Parts that matched nowhere are listed with their patterns.
        assert!(s.flat().contains("“专家论证”"));
    }
}

/// A report with a hit in each kind of place: the opening summary (not
/// counted), the year's work, and next year's plans.
const REPORT: &str = "\
某某县人民政府关于2023年度法治政府建设情况的报告

2023年，我县主动接受社会监督，法治政府建设取得新成效。

一、主要举措和成效
全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。认真办理人大代表建议和政协提案。

二、存在的不足和原因
基层执法力量不足。究其原因，一是编制有限，二是培训不够。

三、2024年工作安排
自觉接受人大监督和政协民主监督。
";

#[test]
fn explain_groups_hits_by_where_they_fell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("县报告.txt");
    std::fs::write(&path, REPORT).unwrap();
    let p = path.to_str().unwrap();
    for cols in WIDTHS {
        let s = run_tty(&["explain", p, "--item", "oversight.external"], cols, &[]);
        s.assert_fits(&format!("explain groups at {cols}"));
        let text = s.text();
        let counted = s.line_of("【计为本年度工作");
        let plan = s.line_of("【只计为计划或问题");
        let not = s.line_of("【未计入");
        assert!(counted < plan && plan < not, "{text}");
        // The opening summary's hit is not counted, and the reason names the part.
        let (line, col) = locate(&path, "接受社会监督");
        let at = s.line_of(&format!("{line}:{col}"));
        assert!(at > not, "{text}");
        assert!(s.flat().contains("不计：位于“开篇综述”部分"), "{text}");
        // The plan hit is under the next-year part.
        let (line, _) = locate(&path, "接受人大监督");
        assert!(s.line_of(&format!("  {line}:")) > plan, "{text}");
        assert!(s.flat().contains("下一年度工作安排"));
    }
}

#[test]
fn colour_only_on_a_terminal() {
    let args = ["rules", "show", "structure.causes"];
    assert!(
        run_tty(&args, 80, &[]).has_color(),
        "no colour on a terminal"
    );
    let piped = run_piped(&args, &[]);
    assert!(!piped.has_color(), "colour escapes in piped output");
    piped.assert_fits("piped rules show (100 columns)");
    let no = run_tty(&args, 80, &[("NO_COLOR", "1")]);
    assert!(!no.has_color(), "colour despite NO_COLOR");
    let dumb = run_tty(&args, 80, &[("TERM", "dumb")]);
    assert!(!dumb.has_color(), "colour on TERM=dumb");
    assert!(run_piped(&args, &[("CLICOLOR_FORCE", "1")]).has_color());
    // Piped, COLUMNS sets the width.
    let narrow = run_piped(
        &[
            "explain",
            "samples/reports/yunxi-town-2023-gaps.txt",
            "--item",
            "structure.causes",
        ],
        &[("COLUMNS", "60")],
    );
    narrow.assert_fits("piped explain with COLUMNS=60");
    assert!(!narrow.has_color());
    assert!(
        narrow
            .lines
            .iter()
            .any(|l| UnicodeWidthStr::width(l.as_str()) > 50),
        "COLUMNS=60 not used"
    );
}

#[test]
fn narrow_terminal_still_fits() {
    let s = run_tty(&["rules", "show", "decision.procedures"], 40, &[]);
    s.assert_fits("rules show at 40");
    let s = run_tty(&["rules", "list"], 40, &[]);
    s.assert_fits("rules list at 40");
    assert!(s.text().contains("enforcement.three-systems"));
}
