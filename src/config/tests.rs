use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn discovery_walks_up_and_prefers_the_nearest_file() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    assert_eq!(discover(&deep), None);
    let top = write(root.path(), ".fazhi.yaml", "fail_under: 60\n");
    assert_eq!(discover(&deep), Some(top));
    let near = write(&root.path().join("a"), "fazhi.yaml", "fail_under: 70\n");
    assert_eq!(discover(&deep), Some(near.clone()));
    // both names in one directory: fazhi.yaml first
    write(&root.path().join("a"), ".fazhi.yaml", "fail_under: 80\n");
    assert_eq!(discover(&deep), Some(near));
}

#[test]
fn the_starter_is_valid_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let c = Config::load(&write(dir.path(), "fazhi.yaml", STARTER)).unwrap();
    assert_eq!(c.fail_under, None);
    assert!(c.rules.is_empty() && c.pack.is_none() && c.deadline.is_none());
}

#[test]
fn uncommenting_every_starter_line_gives_a_valid_file() {
    // The starter's examples must be real settings, not prose.
    let dir = tempfile::tempdir().unwrap();
    let text: String = STARTER
        .lines()
        .filter_map(|l| l.strip_prefix("# ").filter(|rest| rest.starts_with(|c: char| c.is_ascii() && c != '#')))
        .filter(|l| !l.starts_with("fazhi") && !l.starts_with("--"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::create_dir_all(dir.path().join("rules/province")).unwrap();
    let c = Config::load(&write(dir.path(), "fazhi.yaml", &text)).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(c.pack.as_deref(), Some("outline-2021"));
    assert_eq!(c.fail_on, Some(FailOn::Error));
    assert_eq!(c.deadline.as_ref().map(|d| (d.month, d.day)), Some((3, 31)));
    let mut rules = crate::rules::load_builtin().unwrap();
    let policy = c.apply(&mut rules).unwrap();
    assert!(rules.packs.iter().all(|p| p.item("digital.government").is_none()));
    assert!(policy.disabled.contains("structure.empty-section"));
    assert_eq!(policy.severity.get("quality.formulation"), Some(&Severity::Warning));
    let check = rules.checks.publication_deadline.as_ref().unwrap();
    assert_eq!((check.month, check.day), (3, 31));
}

#[test]
fn unknown_keys_ids_and_bad_values_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("fail_under: 80\nfailunder: 70\n", "failunder", 2),
        ("severity:\n  no.such-item: error\n", "no.such-item", 2),
        ("severity:\n  structure.causes: fatal\n", "fatal", 2),
        ("fail_under: 120\n", "0 到 100", 1),
        ("deadline:\n  month: 2\n  day: 30\n", "有效日期", 2),
        ("exclude: ['a[']\n", "glob", 1),
        ("per_file_ignores:\n  'dept/**': [decision.catalogue]\n", "decision.catalogue", 2),
    ];
    for (text, needle, line) in cases {
        let path = write(dir.path(), "fazhi.yaml", text);
        let err = Config::load(&path).and_then(|c| {
            let mut rules = crate::rules::load_builtin().unwrap();
            c.apply(&mut rules).map(|_| ())
        });
        let err = err.expect_err(text);
        let shown = format!("{err:?}");
        assert!(shown.contains(needle), "{text}: {shown}");
        let labels: Vec<_> = err.labels().map(|l| l.collect::<Vec<_>>()).unwrap_or_default();
        let offset = labels.first().unwrap_or_else(|| panic!("{text}: no label")).offset();
        let at_line = text[..offset].matches('\n').count() + 1;
        assert_eq!(at_line, line, "{text}: {shown}");
    }
}

#[test]
fn month_day_deadlines() {
    assert_eq!(Deadline::parse_month_day("03-31").unwrap().month, 3);
    assert_eq!(Deadline::parse_month_day("4/1").unwrap().day, 1);
    for bad in ["", "13-01", "02-30", "0331", "3-x"] {
        assert!(Deadline::parse_month_day(bad).is_err(), "{bad}");
    }
}

#[test]
fn per_file_ignores_match_paths_relative_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dept")).unwrap();
    let report = write(&dir.path().join("dept"), "a.txt", "x");
    let other = write(dir.path(), "b.txt", "x");
    let c = Config::load(&write(
        dir.path(),
        "fazhi.yaml",
        "per_file_ignores:\n  'dept/**': [decision.catalog, quality.duplicate-sentence]\n",
    ))
    .unwrap();
    let policy = c.apply(&mut crate::rules::load_builtin().unwrap()).unwrap();
    let ignored = policy.ignored_for(&report);
    assert!(ignored.contains("decision.catalog") && ignored.contains("quality.duplicate-sentence"));
    assert!(policy.ignored_for(&other).is_empty());
}
