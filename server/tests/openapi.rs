//! The OpenAPI document is the contract with the widget and with every city system that
//! integrates; a change to it must be a decision, seen in review. This compares the generated
//! document with the committed snapshot. After an intended change, regenerate it with
//! `UPDATE_SNAPSHOTS=1 cargo test -p pentahelix-server --test openapi` and commit the diff.

use std::path::Path;

#[test]
fn the_openapi_document_matches_the_committed_snapshot() {
    let generated =
        serde_json::to_string_pretty(&pentahelix_server::openapi_document()).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0)
            + 1;
        panic!(
            "the OpenAPI document changed (first difference at line {line}); if intended, run \
             `UPDATE_SNAPSHOTS=1 cargo test -p pentahelix-server --test openapi` and commit {}",
            path.display()
        );
    }
}
