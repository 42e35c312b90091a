//! `kill -9` at any moment of a build leaves the output entirely old or entirely new: 120
//! seeded kills at random moments of first builds and of builds into a published site, none
//! mixed; a build after the last kill ends equal to a fresh one, with nothing left beside it.
#![cfg(unix)]

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 120;

/// A small seeded generator (xorshift64*): the same moments on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn start_build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The site a finished build of the content as it is now makes.
fn finished(root: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(out);
    assert!(start_build(root, out).wait().unwrap().success());
    snapshot(out)
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let f = Fixture::real();
    let root = f.root();
    let settings = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let updated = text
        .lines()
        .find(|l| l.starts_with("updated:"))
        .expect("site.yaml has updated:")
        .to_string();
    // two versions of the content that change every page
    let versions = [text.clone(), text.replace(&updated, "updated: 2030-01-01")];
    let scratch = root.join("scratch");
    let mut sites = Vec::new();
    for v in &versions {
        std::fs::write(&settings, v).unwrap();
        sites.push(finished(root, &scratch));
    }
    assert!(sites[0] != sites[1]);
    std::fs::remove_dir_all(&scratch).unwrap();
    // how long a build takes, so the kills fall across the whole of one
    let t = Instant::now();
    finished(root, &scratch);
    let span = (t.elapsed().as_micros() as u64 * 5 / 4).max(1_000);
    std::fs::remove_dir_all(&scratch).unwrap();

    let out = root.join("site");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut mixed, mut first, mut in_place) = (Vec::new(), 0, 0);
    let mut missing = Vec::new();
    for kill in 0..KILLS {
        let v = kill % 2;
        std::fs::write(&settings, &versions[v]).unwrap();
        // every fourth kill hits a first build
        let first_build = kill % 4 == 0 || !out.exists();
        if first_build {
            let _ = std::fs::remove_dir_all(&out);
            first += 1;
        } else {
            in_place += 1;
        }
        let mut child = start_build(root, &out);
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        child.wait().unwrap();
        if !out.exists() {
            // killed before a first build published: no site, not a mixed one; a build into
            // a published site never leaves none
            if !first_build {
                missing.push(kill);
            }
            continue;
        }
        let now = snapshot(&out);
        if now != sites[0] && now != sites[1] {
            mixed.push(kill);
        }
    }
    assert!(missing.is_empty(), "no site after kills {missing:?}");
    assert!(
        mixed.is_empty(),
        "mixed after kills {mixed:?} ({first} first builds, {in_place} in place)"
    );
    std::fs::write(&settings, &versions[1]).unwrap();
    assert!(start_build(root, &out).wait().unwrap().success());
    assert!(snapshot(&out) == sites[1]);
    let beside: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
}
