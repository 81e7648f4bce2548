//! The CLI, run as a user would: files in, summary or JSON out, clear
//! errors with exit code 2.

use quotelens::{compare, Options, Report};
use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/samples")
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotelens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the CLI runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn summary_names_files_and_shows_passages() {
    let (a, b) = (samples().join("wire-en.txt"), samples().join("post-en.txt"));
    let o = run(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("wire-en.txt") && out.contains("post-en.txt"),
        "{out}"
    );
    assert!(out.contains("Passages"));
    assert!(out.contains("shared") && out.contains("added"));
    assert!(out.contains("The Marrowby harbour bridge"), "{out}");
}

#[test]
fn json_is_the_library_report() {
    let (a, b) = (samples().join("wire-ja.txt"), samples().join("post-ja.txt"));
    let o = run(&[
        "--json",
        "--min-length",
        "50",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got: Report = serde_json::from_slice(&o.stdout).expect("--json prints a report");
    let ta = std::fs::read_to_string(&a).unwrap();
    let tb = std::fs::read_to_string(&b).unwrap();
    let opts = Options {
        min_length: 50,
        ..Options::default()
    };
    let mut want = compare(&[&ta, &tb], &opts);
    want.documents[0].name = a.to_str().unwrap().into();
    want.documents[1].name = b.to_str().unwrap().into();
    for d in &mut want.documents {
        d.encoding = Some("UTF-8".into());
    }
    assert_eq!(got, want);
    assert!(!got.passages.is_empty());
    // snake_case kinds and camelCase options in the JSON itself
    let raw = String::from_utf8(o.stdout).unwrap();
    assert!(raw.contains("\"minLength\":50"));
    assert!(raw.contains("\"kind\":\"added\""));
}

#[test]
fn sample_runs_without_files() {
    for lang in ["en", "ja"] {
        let o = run(&["--sample", lang]);
        assert!(o.status.success());
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("#3"),
            "three passages in the {lang} sample"
        );
    }
}

#[test]
fn binary_input_is_refused_naming_the_file() {
    let good = samples().join("wire-en.txt");
    let pdf = tmp("report.pdf.txt", b"%PDF-1.7\n\x00\x01\x02binary");
    let o = run(&[good.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("report.pdf.txt") && err.contains("binary"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn stray_nul_bytes_are_text_with_a_warning() {
    // as in a real PAN 2013 document: two NUL bytes in 11 KB of prose
    let wire = std::fs::read_to_string(samples().join("wire-en.txt")).unwrap();
    let mut bytes = wire.repeat(9).into_bytes();
    bytes.insert(3000, 0);
    bytes.insert(8000, 0);
    assert!(bytes.len() > 10_000);
    let scanned = tmp("scanned.txt", &bytes);
    let good = samples().join("wire-en.txt");
    let o = run(&[good.to_str().unwrap(), scanned.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("scanned.txt") && err.contains("2 stray control"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("verbatim"));
}

#[test]
fn missing_file_and_bad_options_exit_2() {
    let good = samples().join("wire-en.txt");
    let g = good.to_str().unwrap();
    for args in [
        vec![g, "/nonexistent/x.txt"],
        vec![g],
        vec!["--min-length", "zero", g, g],
        vec!["--min-similarity", "2", g, g],
        vec!["--options", "{\"nope\":1}", g, g],
        vec!["--frobnicate", g, g],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with("quotelens: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let wire = std::fs::read(samples().join("wire-ja.txt")).unwrap();
    let mut damaged = std::fs::read(samples().join("post-ja.txt")).unwrap();
    damaged.insert(0, 0xFF);
    let a = tmp("wire.txt", &wire);
    let b = tmp("damaged.txt", &damaged);
    let o = run(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("damaged.txt") && err.contains("1 invalid UTF-8"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("#3"));
}

/// Older Japanese files (Shift_JIS, EUC-JP, ISO-2022-JP) and UTF-16 without
/// a BOM are read, compared exactly as their UTF-8 original, and the
/// summary and the JSON say which encoding was used.
#[test]
fn legacy_encodings_are_read_and_reported() {
    let wire = samples().join("wire-ja.txt");
    let post = std::fs::read_to_string(samples().join("post-ja.txt")).unwrap();
    let want = run(&[
        "--json",
        wire.to_str().unwrap(),
        samples().join("post-ja.txt").to_str().unwrap(),
    ]);
    let want: Report = serde_json::from_slice(&want.stdout).unwrap();
    let utf16: Vec<u8> = post.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes, label) in [
        (
            "post-sjis.txt",
            encoding_rs::SHIFT_JIS.encode(&post).0.into_owned(),
            "Shift_JIS",
        ),
        (
            "post-eucjp.txt",
            encoding_rs::EUC_JP.encode(&post).0.into_owned(),
            "EUC-JP",
        ),
        (
            "post-jis.txt",
            encoding_rs::ISO_2022_JP.encode(&post).0.into_owned(),
            "ISO-2022-JP",
        ),
        ("post-utf16be.txt", utf16.clone(), "UTF-16BE"),
    ] {
        let b = tmp(name, &bytes);
        let o = run(&[wire.to_str().unwrap(), b.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            out.contains(&format!("{label} (detected)")),
            "{name}: {out}"
        );
        let o = run(&["--json", wire.to_str().unwrap(), b.to_str().unwrap()]);
        let got: Report = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(got.documents[1].encoding.as_deref(), Some(label));
        assert_eq!(got.documents[0].encoding.as_deref(), Some("UTF-8"));
        assert_eq!(got.passages, want.passages, "{name}");
    }
}

#[test]
fn a_dash_reads_standard_input() {
    use std::io::Write;
    let (a, b) = (samples().join("wire-en.txt"), samples().join("post-en.txt"));
    let mut child = bin()
        .args(["--json", a.to_str().unwrap(), "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&b).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let got: Report = serde_json::from_slice(&o.stdout).unwrap();
    let want: Report =
        serde_json::from_slice(&run(&["--json", a.to_str().unwrap(), b.to_str().unwrap()]).stdout)
            .unwrap();
    assert_eq!(got.documents[1].name, "stdin");
    assert_eq!(got.passages, want.passages);
    assert!(!got.passages.is_empty());
    let o = run(&["-", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("once"), "{}", stderr(&o));
}

/// `--options` sets only the keys it names: options apply in the order
/// given, later ones winning; and floats come back as they were given.
#[test]
fn options_and_flags_combine_in_order() {
    let opts = |args: &[&str]| -> Options {
        let mut all = vec!["--json", "--sample", "en"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        serde_json::from_slice::<Report>(&o.stdout).unwrap().options
    };
    let o = opts(&[
        "--no-reworded",
        "--min-length",
        "30",
        "--options",
        r#"{"maxGap":10}"#,
    ]);
    assert_eq!((o.min_length, o.max_gap, o.reworded), (30, 10, false));
    let o = opts(&[
        "--options",
        r#"{"minLength":90,"maxGap":10}"#,
        "--min-length",
        "30",
    ]);
    assert_eq!((o.min_length, o.max_gap), (30, 10));
    let o = opts(&[
        "--min-length",
        "30",
        "--options",
        r#"{"minLength":90,"paraphrase":false}"#,
    ]);
    assert_eq!((o.min_length, o.reworded), (90, false));
    for given in [
        "0.1",
        "0.3",
        "0.45",
        "0.123456789012345",
        "0.987654321098765",
        "0.0001",
    ] {
        let via_flag = run(&["--json", "--sample", "en", "--min-similarity", given]);
        let via_json = run(&[
            "--json",
            "--sample",
            "en",
            "--options",
            &format!("{{\"minSimilarity\":{given}}}"),
        ]);
        for o in [via_flag, via_json] {
            let raw = String::from_utf8(o.stdout).unwrap();
            assert!(
                raw.contains(&format!("\"minSimilarity\":{given}")),
                "{given}: {}",
                &raw[..200]
            );
        }
    }
    let o = run(&["--sample", "en", "--options", "[1]"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn utf16_files_are_decoded() {
    let text = std::fs::read_to_string(samples().join("post-ja.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let b = tmp("post-utf16.txt", &bytes);
    let a = samples().join("wire-ja.txt");
    let o = run(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("#3"));
}

/// More than the input limit is refused with a message before it is read
/// (a sparse file: nothing is written to disk).
#[test]
fn too_large_input_is_refused_clearly() {
    let path = tmp("huge.txt", b"");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(quotelens::MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    let wire = samples().join("wire-en.txt");
    let o = run(&[wire.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("huge.txt") && err.contains("too large") && err.contains("40 MB"),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
}

/// A fresh folder for one test's manifest and reports.
fn site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotelens-site-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    for f in ["wire-en.txt", "post-en.txt", "wire-ja.txt", "post-ja.txt"] {
        std::fs::copy(samples().join(f), dir.join("texts").join(f)).unwrap();
    }
    dir
}

/// The CLI with `flags`, then `--manifest manifest --out-dir out`.
fn run_manifest(manifest: &std::path::Path, out: &std::path::Path, flags: &[&str]) -> Output {
    let mut args = flags.to_vec();
    args.extend([
        "--manifest",
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    run(&args)
}

#[test]
fn a_manifest_writes_one_report_per_comparison_and_an_index() {
    let dir = site("ok");
    let manifest = dir.join("site.json");
    std::fs::write(
        &manifest,
        r#"{"options": {"minLength": 50},
            "comparisons": [
              {"id": "bridge", "files": ["texts/wire-en.txt", "texts/post-en.txt"], "names": ["Wire story", "Blog post"]},
              {"id": "ja.only-copies", "files": ["texts/wire-ja.txt", "texts/post-ja.txt"], "options": {"reworded": false}}
            ]}"#,
    )
    .unwrap();
    let out = dir.join("out");
    let o = run_manifest(&manifest, &out, &["--max-gap", "30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // each report is exactly what --json gives for the same files and options
    for (id, files, opts) in [
        (
            "bridge",
            ["wire-en.txt", "post-en.txt"],
            r#"{"minLength": 50, "maxGap": 30}"#,
        ),
        (
            "ja.only-copies",
            ["wire-ja.txt", "post-ja.txt"],
            r#"{"minLength": 50, "maxGap": 30, "reworded": false}"#,
        ),
    ] {
        let got: Report =
            serde_json::from_slice(&std::fs::read(out.join(format!("{id}.json"))).unwrap())
                .unwrap();
        let paths: Vec<String> = files
            .iter()
            .map(|f| dir.join("texts").join(f).to_string_lossy().into_owned())
            .collect();
        let want = run(&["--json", "--options", opts, &paths[0], &paths[1]]);
        let mut want: Report = serde_json::from_slice(&want.stdout).unwrap();
        for (d, w) in got.documents.iter().zip(want.documents.iter_mut()) {
            w.name = d.name.clone();
        }
        assert_eq!(got, want, "{id}");
        assert!(!got.passages.is_empty(), "{id} finds the sample's passages");
    }
    let bridge: Report =
        serde_json::from_slice(&std::fs::read(out.join("bridge.json")).unwrap()).unwrap();
    assert_eq!(bridge.documents[0].name, "Wire story");
    assert_eq!(bridge.options.min_length, 50);
    assert_eq!(bridge.options.max_gap, 30, "flags are under the manifest");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    let list = index["comparisons"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["report"], "bridge.json");
    assert_eq!(list[0]["passages"], bridge.passages.len());
    assert_eq!(
        list[1]["names"][0], "texts/wire-ja.txt",
        "names default to the paths"
    );
    // a second run changes nothing and says so; the files are not rewritten
    let before = std::fs::metadata(out.join("bridge.json"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = run_manifest(&manifest, &out, &["--max-gap", "30"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("bridge: 2 texts, 4 passages"));
    assert!(String::from_utf8_lossy(&again.stdout).contains("(unchanged)"));
    let after = std::fs::metadata(out.join("bridge.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_failing_comparison_is_named_and_the_others_are_written() {
    let dir = site("fail");
    let manifest = dir.join("site.json");
    std::fs::write(
        &manifest,
        r#"{"comparisons": [
              {"id": "gone", "files": ["texts/missing.txt", "texts/post-en.txt"]},
              {"id": "bridge", "files": ["texts/wire-en.txt", "texts/post-en.txt"]}
            ]}"#,
    )
    .unwrap();
    let out = dir.join("out");
    let o = run_manifest(&manifest, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("gone:") && err.contains("missing.txt"),
        "{err}"
    );
    assert!(
        out.join("bridge.json").exists(),
        "the good comparison is written"
    );
    assert!(!out.join("gone.json").exists());
}

#[test]
fn a_bad_manifest_is_refused_with_its_reason() {
    let dir = site("bad");
    let out = dir.join("out");
    for (body, why) in [
        (
            r#"{"comparisons": [{"id": "../up", "files": ["texts/wire-en.txt", "texts/post-en.txt"]}]}"#,
            "names a file",
        ),
        (
            r#"{"comparisons": [{"id": "a", "files": ["texts/wire-en.txt", "texts/post-en.txt"]}, {"id": "a", "files": ["texts/wire-en.txt", "texts/post-en.txt"]}]}"#,
            "given twice",
        ),
        (
            r#"{"comparisons": [{"id": "a", "files": ["texts/wire-en.txt"]}]}"#,
            "at least two files",
        ),
        (
            r#"{"comparisons": [{"id": "a", "files": ["texts/wire-en.txt", "texts/post-en.txt"], "title": "x"}]}"#,
            "unknown field `title`",
        ),
        (
            r#"{"comparisons": [{"id": "a", "files": ["texts/wire-en.txt", "texts/post-en.txt"], "names": ["one"]}]}"#,
            "1 names for 2 files",
        ),
        (r#"{"comparisons": []}"#, "is empty"),
    ] {
        let manifest = dir.join("site.json");
        std::fs::write(&manifest, body).unwrap();
        let o = run_manifest(&manifest, &out, &[]);
        assert_eq!(o.status.code(), Some(2), "{body}");
        assert!(stderr(&o).contains(why), "{body}: {}", stderr(&o));
    }
    let o = run(&["--manifest", "x.json"]);
    assert!(stderr(&o).contains("needs --out-dir"), "{}", stderr(&o));
}
