//! The third-party files under `vendor/` are as their packages published them: each equals
//! the file of the package `vendor/package-lock.json` pins, as `npm ci` installs it into
//! `vendor/node_modules` (`scripts/test` does); and the site ships them, licence included,
//! where the theme's scripts name them.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Each vendored file: its path under `vendor/`, its package and its path in the package.
const PUBLISHED: &[(&str, &str, &str)] = &[
    ("porter2/index.js", "porter2", "dist/index.js"),
    ("porter2/LICENSE", "porter2", "LICENSE"),
];

/// The version of `package` a JSON file holds at `pointer`.
fn version(file: &Path, pointer: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json.pointer(pointer)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{} has no {pointer}", file.display()))
        .to_string()
}

#[test]
fn vendored_files_equal_the_pinned_packages_files() {
    let vendor = Path::new(ROOT).join("vendor");
    for (file, package, inside) in PUBLISHED {
        let installed = vendor.join("node_modules").join(package);
        assert!(
            installed.is_dir(),
            "{} is not installed: run scripts/test, which installs vendor/'s locked packages \
             (or `npm ci --ignore-scripts` in vendor/)",
            installed.display()
        );
        // the pin, the lock and what is installed name one version
        let pinned = version(
            &vendor.join("package.json"),
            &format!("/dependencies/{package}"),
        );
        let locked = version(
            &vendor.join("package-lock.json"),
            &format!("/packages/node_modules~1{package}/version"),
        );
        let got = version(&installed.join("package.json"), "/version");
        assert_eq!(
            (&pinned, &locked),
            (&got, &got),
            "{package}: pinned, locked, installed"
        );
        let ours = std::fs::read(vendor.join(file)).unwrap();
        let theirs = std::fs::read(installed.join(inside)).unwrap();
        assert!(
            ours == theirs,
            "vendor/{file} differs from {package} {got}'s {inside}"
        );
    }
}

#[test]
fn the_site_ships_each_vendored_file_where_a_script_names_it() {
    let theme = gongkai::render::theme::Theme::load(Path::new(ROOT), "default").unwrap();
    let (_, _, stem) = theme
        .under("static")
        .find(|(name, _, _)| *name == "js/search-stem.js")
        .expect("the theme has the stemmer's script");
    let stem = std::str::from_utf8(stem).unwrap();
    for (name, text) in gongkai::render::vendor::FILES {
        assert!(stem.contains(text), "js/search-stem.js lacks vendor/{name}");
    }
    assert!(
        !stem.contains(gongkai::render::vendor::MARK),
        "a mark is left"
    );
}

#[test]
fn the_published_stemmer_keeps_its_licence_when_minified() {
    let theme = gongkai::render::theme::Theme::load(Path::new(ROOT), "default").unwrap();
    let (files, _) = gongkai::build::extras(&theme, true);
    let stem = files
        .iter()
        .find(|a| a.path.starts_with("static/js/search-stem."))
        .expect("the stemmer is published");
    let stem = std::str::from_utf8(&stem.bytes).unwrap();
    let (_, licence) = (gongkai::render::vendor::FILES.iter())
        .find(|(name, _)| name.ends_with("LICENSE"))
        .unwrap();
    let (_, code) = (gongkai::render::vendor::FILES.iter())
        .find(|(name, _)| name.ends_with(".js"))
        .unwrap();
    assert!(stem.contains(licence.trim()), "the licence is left out");
    assert!(stem.len() < code.len(), "the stemmer is not minified");
}
